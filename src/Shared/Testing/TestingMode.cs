using Ecommerce.Shared.Hosting;

namespace Ecommerce.Shared.Testing;

/// <summary>
/// <c>Testing:Enabled=true</c>: for integration testers, each module's port also answers <c>POST /testing/reset</c> and
/// <c>/testing/faults</c> (see <see cref="TestingEndpoints"/>). Off by default, in every environment: then those routes do
/// not exist (404) and no request pays for the fault check. On, the log warns at start.
/// </summary>
public sealed class TestingMode : IModuleOptions
{
    public const string Section = "Testing";

    public bool Enabled { get; init; }

    public IEnumerable<string> Problems() => [];
}

/// <summary>
/// What <c>POST /testing/reset</c> empties in one module: its tables (ids start again at 1) and whatever the module keeps
/// in memory about them (a rate-limit window, queues of work). Registered by the module, tagged with its name.
/// </summary>
public interface IModuleReset
{
    string Module { get; }

    Task ResetAsync(CancellationToken cancellationToken);
}
