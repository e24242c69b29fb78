using System.Reflection;
using Carter;
using Ecommerce.Shared.Mediator;
using Ecommerce.Shared.OpenApi;

namespace Ecommerce.Shared.Hosting;

public static class ModuleHosting
{
    /// <summary>
    /// What every module needs from the platform: its port, its Carter endpoints, its MediatR handlers and its
    /// OpenAPI document. Returns false when <c>Modules:Enabled</c> leaves the module out of this process.
    /// </summary>
    public static bool TryAddModule(this WebApplicationBuilder builder, string name, Assembly assembly)
    {
        var modules = (ModuleRegistry)builder.Host.Properties[typeof(ModuleRegistry)];
        if (!modules.TryAdd(name)) return false;

        var endpoints = assembly.GetTypes().Where(t => t is { IsPublic: true, IsAbstract: false } && typeof(ICarterModule).IsAssignableFrom(t));
        foreach (var type in endpoints) builder.Services.AddSingleton(typeof(ICarterModule), type);
        builder.Services.AddRequestHandlers(assembly);
        builder.Services.AddApiDocument(name);
        return true;
    }

    /// <summary>The module's port is bound to the loopback interfaces only (127.0.0.1 and ::1).</summary>
    public static void ListenOnLoopbackOnly(this WebApplicationBuilder builder, string name) =>
        ((ModuleRegistry)builder.Host.Properties[typeof(ModuleRegistry)]).ListenOnLoopbackOnly(name);
}
