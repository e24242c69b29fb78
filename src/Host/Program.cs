using Ecommerce.Dashboard.Security;
using Ecommerce.Host;
using Ecommerce.Shared.Hosting;

// `hash-password` prints a value for Dashboard:AdminPasswordHash instead of starting the host.
if (args is [HashPasswordCommand.Name, ..]) return HashPasswordCommand.Run();
// `healthcheck` probes a running host's /health on every port (the container's HEALTHCHECK) and exits 0 or 1.
if (args is [HealthProbeCommand.Name, .. var probeArgs]) return await HealthProbeCommand.RunAsync(probeArgs);

EcommerceApplication.Build(args).Run();
return Environment.ExitCode; // 1 when a module's database could not be migrated (ModuleDatabases)

public partial class Program;
