using Ecommerce.Shared.Persistence;

namespace Ecommerce.UnitTests.Shared;

/// <summary>PostgreSQL connections prepare the chain's repeated statements unless the connection string says otherwise.</summary>
public sealed class PostgresAutoPrepareTests
{
    [Test]
    public void Given_a_connection_string_without_the_setting_Then_statements_are_prepared_after_two_runs()
    {
        Assert.That(ModulePersistence.WithAutoPrepare("Host=db;Username=shop;Database=shop;"),
            Is.EqualTo("Host=db;Username=shop;Database=shop;Max Auto Prepare=20"));
    }

    [TestCase("Host=db;Max Auto Prepare=0")]
    [TestCase("Host=db;maxautoprepare=5")]
    [TestCase("Host=db; MAX AUTO PREPARE = 0 ")]
    public void Given_the_setting_in_the_connection_string_Then_it_is_kept_as_given(string connectionString)
    {
        Assert.That(ModulePersistence.WithAutoPrepare(connectionString), Is.EqualTo(connectionString));
    }
}
