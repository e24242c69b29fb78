using Ecommerce.Dashboard.Security;
using Ecommerce.Host;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;
using Microsoft.AspNetCore.Connections;

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
    return await DidNotStartAsync(exception.Message);
}
catch (InvalidDataException exception)
{
    // A configuration file that is not JSON: its name, then where the parser stopped.
    return await DidNotStartAsync($"{exception.Message} {exception.GetBaseException().Message}");
}
var started = host.Lifetime.ApplicationStarted; // read before RunAsync: a host that failed to start is disposed by it
try
{
    await host.RunAsync();
}
catch (Exception exception) when (!started.IsCancellationRequested)
{
    // It could not start (the host logged it: "Hosting failed to start"); most often a port another process holds.
    return await DidNotStartAsync(exception.InnerException is AddressInUseException
        ? $"{exception.Message} Another process listens there: stop it, or choose free ports (Ports:Orders, Ports:Payments, Ports:Notifications, Ports:Dashboard)."
        : exception.Message);
}
return Environment.ExitCode; // 1 when a module's database could not be migrated (ModuleDatabases)

// One line for the person or the orchestrator reading the output, exit code 1: not an unhandled exception's abort.
static async Task<int> DidNotStartAsync(string why)
{
    await Console.Error.WriteLineAsync($"The host did not start: {why}");
    return 1;
}

public partial class Program;
