using Ecommerce.Shared.Http;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// <c>./Ecommerce.Host healthcheck</c>: the container's HEALTHCHECK without curl in the image. Reads the same
/// configuration as the host (appsettings, environment, command line), calls <c>/health</c> on the port of every module
/// this configuration runs, and exits 0 when all answer 200, else 1 within <see cref="Budget"/>.
/// </summary>
public static class HealthProbeCommand
{
    public const string Name = "healthcheck";

    /// <summary>The whole probe, every port together: an orchestrator's probe timeout is usually a few seconds.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args }).Configuration;
        List<RunningModule> modules;
        try
        {
            var registry = new ModuleRegistry(configuration);
            modules = ModuleRegistry.DefaultPorts.Keys.Where(registry.IsEnabled).Select(name => new RunningModule(name, registry.PortOf(name))).ToList();
        }
        catch (InvalidOperationException invalid)
        {
            Console.Error.WriteLine($"unhealthy: {invalid.Message}");
            return 1;
        }
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Budget };
        var answers = await Task.WhenAll(modules.Select(module => ProbeAsync(http, module)));
        foreach (var answer in answers) Console.WriteLine(answer.Line);
        return answers.All(a => a.Healthy) ? 0 : 1;
    }

    private static async Task<(bool Healthy, string Line)> ProbeAsync(HttpClient http, RunningModule module)
    {
        if (module.Port == 0) return (false, $"{module.Name}: Ports:{module.Name}=0 names no port to probe");
        return await Call.OrNoAnswerAsync(async () =>
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{module.Port}/health");
            return ((int)response.StatusCode == 200, $"{module.Name} :{module.Port} {(int)response.StatusCode}");
        }, failed => (false, $"{module.Name} :{module.Port} no answer ({failed.Message})"));
    }
}
