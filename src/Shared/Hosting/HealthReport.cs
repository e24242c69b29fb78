namespace Ecommerce.Shared.Hosting;

/// <summary>
/// What a module adds to its /health beside status and service, e.g. a dependency it runs without. Additive: a module
/// with nothing to report (the default) answers exactly the original's body.
/// </summary>
public interface IHealthReport
{
    string Module { get; }

    /// <summary>Name → state, written under "details".</summary>
    IReadOnlyDictionary<string, string> Details();
}
