namespace Ecommerce.Shared.Hosting;

/// <summary>
/// Work a module finishes in the background once the ports listen, off the start path (the dashboard builds its
/// endpoints). Requests on the module's port wait for it before they are routed; its <c>/health</c> never does.
/// </summary>
public interface IModuleWarmUp
{
    string Module { get; }

    Task Done { get; }
}
