using System.Reflection;
using Ecommerce.Notifications;
using Ecommerce.Orders;
using Ecommerce.Payments;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace Ecommerce.ArchitectureTests;

/// <summary>Modules talk over HTTP only, so each can be split into its own process by configuration alone.</summary>
[TestFixture]
public sealed class ModuleBoundaryTests
{
    private static readonly Dictionary<string, Assembly> Modules = new()
    {
        ["Ecommerce.Orders"] = typeof(OrdersModule).Assembly,
        ["Ecommerce.Payments"] = typeof(PaymentsModule).Assembly,
        ["Ecommerce.Notifications"] = typeof(NotificationsModule).Assembly,
    };

    private static IEnumerable<string> ModuleNames => Modules.Keys;

    [TestCaseSource(nameof(ModuleNames))]
    public void Given_a_module_Then_it_references_no_other_module(string module)
    {
        var others = Modules.Keys.Where(m => m != module).ToArray();
        var result = Types.InAssembly(Modules[module]).ShouldNot().HaveDependencyOnAny(others).GetResult();
        Assert.That(result.IsSuccessful, Is.True, $"{module} depends on another module: {string.Join(", ", result.FailingTypeNames ?? [])}");

        var referenced = Modules[module].GetReferencedAssemblies().Select(a => a.Name);
        Assert.That(referenced, Has.None.AnyOf(others));
    }

    [Test]
    public void Given_the_dashboard_Then_it_knows_the_modules_only_over_http()
    {
        var dashboard = typeof(Ecommerce.Dashboard.DashboardModule).Assembly;
        var result = Types.InAssembly(dashboard).ShouldNot().HaveDependencyOnAny([.. Modules.Keys]).GetResult();
        Assert.That(result.IsSuccessful, Is.True, string.Join(", ", result.FailingTypeNames ?? []));
        Assert.That(dashboard.GetReferencedAssemblies().Select(a => a.Name), Has.None.AnyOf(Modules.Keys.ToArray()));
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void Given_a_module_Then_it_does_not_reference_the_dashboard(string module) =>
        Assert.That(Modules[module].GetReferencedAssemblies().Select(a => a.Name), Has.No.EqualTo("Ecommerce.Dashboard"));

    [TestCaseSource(nameof(ModuleNames))]
    public void Given_a_modules_domain_Then_it_knows_nothing_of_http_or_its_errors(string module)
    {
        // The domain decides (an order refuses a move and says why); the endpoints turn that into the contract's answer.
        var result = Types.InAssembly(Modules[module]).That().ResideInNamespace($"{module}.Domain")
            .ShouldNot().HaveDependencyOnAny("Ecommerce.Shared.Errors", "Microsoft.AspNetCore.Http").GetResult();
        Assert.That(result.IsSuccessful, Is.True, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Test]
    public void Given_shared_Then_it_references_no_module()
    {
        var result = Types.InAssembly(typeof(Platform).Assembly).ShouldNot().HaveDependencyOnAny([.. Modules.Keys, "Ecommerce.Dashboard"]).GetResult();
        Assert.That(result.IsSuccessful, Is.True, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void Given_a_module_Then_its_dbcontexts_are_its_own_and_map_only_its_own_entities(string module)
    {
        var assembly = Modules[module];
        var contexts = assembly.GetTypes().Where(t => typeof(DbContext).IsAssignableFrom(t)).ToList();
        Assert.That(contexts, Is.Not.Empty);
        foreach (var context in contexts)
        {
            var entityTypes = context.GetProperties()
                .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
                .Select(p => p.PropertyType.GetGenericArguments()[0]);
            Assert.That(entityTypes.Select(t => t.Assembly), Is.All.EqualTo(assembly), $"{context.Name} maps another module's entity");
        }
    }

    /// <summary>
    /// On a server database every module shares one database, so what must never clash is what the database sees:
    /// schema and table of every entity, as each module's real EF model maps them on that provider. (Both Orders and
    /// Payments have an idempotency_keys table: only their schemas keep them apart; without the schema this test fails.)
    /// </summary>
    [TestCase(DatabaseProvider.Postgres)]
    [TestCase(DatabaseProvider.SqlServer)]
    public void Given_one_server_database_for_all_modules_Then_no_two_modules_map_the_same_table(DatabaseProvider provider)
    {
        var owners = new Dictionary<string, string>();
        foreach (var (module, assembly) in Modules)
        foreach (var contextType in assembly.GetTypes().Where(t => !t.IsAbstract && typeof(DbContext).IsAssignableFrom(t) && t.Name.StartsWith(provider.ToString(), StringComparison.Ordinal)))
        {
            var options = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
            ModulePersistence.UseProvider(options, provider, provider == DatabaseProvider.Postgres ? "Host=none" : "Server=none", module);
            using var db = (DbContext)Activator.CreateInstance(contextType, options.Options)!;
            foreach (var entity in db.Model.GetEntityTypes())
            {
                var table = $"{entity.GetSchema()}.{entity.GetTableName()}";
                Assert.That(owners.TryAdd(table, module), Is.True, $"{table} is mapped by both {owners.GetValueOrDefault(table)} and {module}");
            }
        }
        Assert.That(owners.Keys.Select(t => t.Split('.')[0]).Distinct(), Is.EquivalentTo(new[] { "orders", "payments", "notifications" }),
            "every module's tables were read, each in its own schema");
    }

    [TestCaseSource(nameof(ModuleNames))]
    public void Given_a_module_Then_its_handlers_and_entities_are_internal(string module)
    {
        var result = Types.InAssembly(Modules[module]).That().ResideInNamespaceContaining(".Features")
            .Or().ResideInNamespaceContaining(".Domain").Or().ResideInNamespaceContaining(".Data")
            .And().DoNotResideInNamespaceContaining(".Migrations") // generated by dotnet-ef as public
            .Should().NotBePublic().GetResult();
        Assert.That(result.IsSuccessful, Is.True, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
