using Ecommerce.Dashboard.Security;
using Ecommerce.Host;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;

// `hash-password` prints a value for Dashboard:AdminPasswordHash instead of starting the host.
if (args is [HashPasswordCommand.Name, ..]) return HashPasswordCommand.Run();
// `hash-api-key` prints the value for Auth:ApiKeys:{n}:Hash of a key read from standard input; `new-api-key` makes a key.
if (args is [ApiKeyCommands.Hash, ..]) return ApiKeyCommands.RunHash(Console.In, Console.Out, Console.Error);
if (args is [ApiKeyCommands.New, ..]) return ApiKeyCommands.RunNew(Console.Out, Console.Error);
// `healthcheck` probes a running host's /health on every port (the container's HEALTHCHECK) and exits 0 or 1.
if (args is [HealthProbeCommand.Name, .. var probeArgs]) return await HealthProbeCommand.RunAsync(probeArgs);

WebApplication host;
try
{
    host = EcommerceApplication.Build(args);
}
catch (InvalidOperationException exception)
{
    // A setting the host cannot start with, found while it is built, before any port listens; the message names it.
    await Console.Error.WriteLineAsync($"The host did not start: {exception.Message}");
    return 1;
}
await host.RunAsync();
return Environment.ExitCode; // 1 when a module's database could not be migrated (ModuleDatabases)

public partial class Program;
