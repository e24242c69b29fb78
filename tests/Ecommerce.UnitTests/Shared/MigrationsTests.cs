using Ecommerce.Notifications.Data;
using Ecommerce.Orders.Data;
using Ecommerce.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.UnitTests.Shared;

/// <summary>
/// Every model change has its migration, on both providers. Start-up does not check this (EF's pending-changes check
/// runs its model differ, megabytes of code and memory in every process), so the build does.
/// </summary>
public sealed class MigrationsTests
{
    private static IEnumerable<TestCaseData> Contexts()
    {
        yield return Case("Orders, SQLite", () => new SqliteOrdersDbContext(Sqlite<SqliteOrdersDbContext>()));
        yield return Case("Orders, SQL Server", () => new SqlServerOrdersDbContext(SqlServer<SqlServerOrdersDbContext>()));
        yield return Case("Payments, SQLite", () => new SqlitePaymentsDbContext(Sqlite<SqlitePaymentsDbContext>()));
        yield return Case("Payments, SQL Server", () => new SqlServerPaymentsDbContext(SqlServer<SqlServerPaymentsDbContext>()));
        yield return Case("Notifications, SQLite", () => new SqliteNotificationsDbContext(Sqlite<SqliteNotificationsDbContext>()));
        yield return Case("Notifications, SQL Server", () => new SqlServerNotificationsDbContext(SqlServer<SqlServerNotificationsDbContext>()));
    }

    [TestCaseSource(nameof(Contexts))]
    public void Given_the_model_Then_its_migrations_are_complete(Func<DbContext> create)
    {
        using var db = create();
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run dotnet ef migrations add for this provider");
    }

    private static TestCaseData Case(string name, Func<DbContext> create) => new TestCaseData(create).SetName(name);

    // Neither database is opened: the check compares the model with the migrations' snapshot.
    private static DbContextOptions<T> Sqlite<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseSqlite("Data Source=:memory:").Options;

    private static DbContextOptions<T> SqlServer<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseSqlServer("Server=unused").Options;
}
