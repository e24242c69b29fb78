using Ecommerce.Shared.Persistence;

namespace Ecommerce.UnitTests.Shared;

/// <summary>
/// PostgreSQL connections prepare the chain's repeated statements and skip the reset of a pooled connection, unless the
/// connection string says otherwise.
/// </summary>
public sealed class PostgresDefaultsTests
{
    [Test]
    public void Given_a_connection_string_without_the_settings_Then_both_defaults_are_added()
    {
        Assert.That(ModulePersistence.WithPostgresDefaults("Host=db;Username=shop;Database=shop;"),
            Is.EqualTo("Host=db;Username=shop;Database=shop;Max Auto Prepare=20;No Reset On Close=true"));
    }

    [TestCase("Host=db;Max Auto Prepare=0", "Host=db;Max Auto Prepare=0;No Reset On Close=true")]
    [TestCase("Host=db;maxautoprepare=5", "Host=db;maxautoprepare=5;No Reset On Close=true")]
    [TestCase("Host=db;No Reset On Close=false", "Host=db;No Reset On Close=false;Max Auto Prepare=20")]
    [TestCase("Host=db; MAX AUTO PREPARE = 0 ;noresetonclose=false", "Host=db; MAX AUTO PREPARE = 0 ;noresetonclose=false")]
    public void Given_a_setting_in_the_connection_string_Then_it_is_kept_as_given(string connectionString, string expected)
    {
        Assert.That(ModulePersistence.WithPostgresDefaults(connectionString), Is.EqualTo(expected));
    }
}
