using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;
using Microsoft.Extensions.Configuration;

namespace Ecommerce.UnitTests.Shared.Security;

public sealed class ApiCredentialsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.ToDictionary(p => p.Key, p => (string?)p.Value)).Build();

    [Test]
    public void Given_a_new_key_Then_it_has_the_prefix_256_random_bits_and_a_hash_that_settings_accept()
    {
        var key = ApiKeys.New();
        Assert.That(key, Does.Match("^ecapi_[A-Za-z0-9_-]{43}$"));
        Assert.That(ApiKeys.New(), Is.Not.EqualTo(key));
        Assert.That(ApiKeys.IsHash(ApiKeys.Hash(key)), Is.True);
        Assert.That(ApiKeys.Hash(key), Is.EqualTo(ApiKeys.Hash(key)));
        Assert.That(ApiKeys.IsHash(key), Is.False);
    }

    [Test]
    public void Given_hash_api_key_Then_it_prints_the_hash_alone_and_refuses_a_short_key()
    {
        var output = new StringWriter();
        Assert.That(ApiKeyCommands.RunHash(new StringReader("ecapi_0123456789abcdef0123456789abcdef\n"), output, TextWriter.Null), Is.EqualTo(0));
        Assert.That(output.ToString(), Is.EqualTo(ApiKeys.Hash("ecapi_0123456789abcdef0123456789abcdef") + Environment.NewLine));
        var error = new StringWriter();
        Assert.That(ApiKeyCommands.RunHash(new StringReader("short\n"), TextWriter.Null, error), Is.EqualTo(1));
        Assert.That(error.ToString(), Does.Contain("at least 32 characters"));
    }

    [Test]
    public void Given_a_service_key_Then_each_module_has_its_own_credential_with_only_its_calls_scopes()
    {
        var credentials = new ServiceCredentials("a shared secret of at least 32 characters"u8.ToArray(), testing: false);
        var payments = credentials.Identify(credentials.For("Payments"))!;
        Assert.That(payments.Name, Is.EqualTo("module:Payments"));
        Assert.That(payments.Has(ApiScopes.OrdersWebhook), Is.True);
        Assert.That(payments.Has(ApiScopes.OrdersWrite), Is.False, "Payments cannot cancel an order");
        var orders = credentials.Identify(credentials.For("Orders"))!;
        Assert.That(orders.Has(ApiScopes.PaymentsBatch) && orders.Has(ApiScopes.NotificationsWrite), Is.True);
        Assert.That(orders.Has(ApiScopes.OrdersWebhook), Is.False, "Orders cannot pay its own orders");
        Assert.That(credentials.Identify(credentials.For("Dashboard"))!.Has(ApiScopes.Admin), Is.False);
    }

    [TestCase("module name swapped")]
    [TestCase("another secret")]
    [TestCase("truncated")]
    [TestCase("unknown module")]
    public void Given_a_credential_that_is_not_a_modules_Then_nobody_is_identified(string how)
    {
        var credentials = new ServiceCredentials("a shared secret of at least 32 characters"u8.ToArray(), testing: false);
        var payments = credentials.For("Payments");
        var presented = how switch
        {
            "module name swapped" => payments.Replace("Payments", "Orders", StringComparison.Ordinal),
            "another secret" => new ServiceCredentials("another secret of at least 32 characters!"u8.ToArray(), false).For("Payments"),
            "truncated" => payments[..^1],
            _ => "ecsvc_Notifications_" + payments.Split('_')[2],
        };
        Assert.That(credentials.Identify(presented), Is.Null);
    }

    [Test]
    public void Given_testing_routes_on_Then_the_dashboards_credential_may_read_them()
    {
        var credentials = new ServiceCredentials(new byte[32], testing: true);
        Assert.That(credentials.Identify(credentials.For("Dashboard"))!.Has(ApiScopes.Admin), Is.True);
    }

    [Test]
    public void Given_keys_in_settings_Then_auth_is_on_and_each_key_has_its_name_and_scopes()
    {
        var settings = From(Settings(
            ("Auth:ApiKeys:0:Name", "shop"), ("Auth:ApiKeys:0:Hash", ApiKeys.Hash("k1-0123456789abcdef0123456789abcdef")),
            ("Auth:ApiKeys:0:Scopes", "orders:read  orders:write")), split: false, testing: false);
        Assert.That(settings.Enabled, Is.True);
        var shop = settings.KeysByHash[ApiKeys.Hash("k1-0123456789abcdef0123456789abcdef")];
        Assert.That((shop.Name, shop.Scopes), Is.EqualTo(("shop", (IReadOnlySet<string>)new HashSet<string> { "orders:read", "orders:write" })).Using(new ShapeComparer()));
        Assert.That(From(Settings(), split: true, testing: false).Enabled, Is.False, "nothing configured: off, as the original");
    }

    [TestCase("Auth:ApiKeys:0:Hash", "not-a-hash", "Auth:ApiKeys:0:Hash is not a key hash")]
    [TestCase("Auth:ApiKeys:0:Scopes", "orders:read orders:delete", "Auth:ApiKeys:0:Scopes must name one or more of")]
    [TestCase("Auth:ApiKeys:0:Scopes", "", "Auth:ApiKeys:0:Scopes must name one or more of")]
    [TestCase("Auth:ApiKeys:0:Name", "", "Auth:ApiKeys:0:Name is required")]
    [TestCase("Auth:ApiKeys:0:Name", "module:Dashboard", "Auth:ApiKeys:0:Name 'module:Dashboard' would pass for another kind of actor")]
    [TestCase("Auth:ApiKeys:0:Name", "Dashboard:alice", "Auth:ApiKeys:0:Name 'Dashboard:alice' would pass for another kind of actor")]
    [TestCase("Auth:ApiKeys:0:Name", "anonymous", "Auth:ApiKeys:0:Name 'anonymous' would pass for another kind of actor")]
    [TestCase("Auth:ServiceKey", "short", "Auth:ServiceKey must be at least 32 characters")]
    [TestCase("Auth:FailureDelayMaxSeconds", "-1", "Auth:FailureDelayMaxSeconds must be a number of seconds from 0 to 60")]
    public void Given_a_bad_setting_Then_the_start_is_refused_naming_its_key(string key, string value, string message)
    {
        var pairs = new Dictionary<string, string>
        {
            ["Auth:ApiKeys:0:Name"] = "shop", ["Auth:ApiKeys:0:Hash"] = ApiKeys.Hash(ApiKeys.New()), ["Auth:ApiKeys:0:Scopes"] = "orders:read",
            [key] = value,
        };
        var problem = Assert.Throws<InvalidOperationException>(() =>
            From(Settings([.. pairs.Select(p => (p.Key, p.Value))]), split: false, testing: false))!;
        Assert.That(problem.Message, Does.StartWith(message));
    }

    [Test]
    public void Given_split_processes_with_auth_on_and_no_service_key_Then_the_start_is_refused()
    {
        var settings = Settings(("Auth:ApiKeys:0:Name", "shop"), ("Auth:ApiKeys:0:Hash", ApiKeys.Hash(ApiKeys.New())), ("Auth:ApiKeys:0:Scopes", "admin"));
        Assert.That(() => From(settings, split: true, testing: false),
            Throws.InvalidOperationException.With.Message.StartsWith("Auth:ServiceKey is required when modules run in separate processes"));
        Assert.That(From(settings, split: false, testing: false).GeneratedServiceKey, Is.True, "one process makes its own up");
    }

    /// <summary>As the host reads them: the <c>Auth</c> section bound and checked, then what it means for one process.</summary>
    private static ApiAuthSettings From(IConfiguration settings, bool split, bool testing) =>
        ApiAuthSettings.Of(settings.ReadModuleOptions<ApiAuthOptions>(ApiAuthOptions.Section), jwt: false, split, testing);

    private sealed class ShapeComparer : IEqualityComparer<(string, IReadOnlySet<string>)>
    {
        public bool Equals((string, IReadOnlySet<string>) x, (string, IReadOnlySet<string>) y) => x.Item1 == y.Item1 && x.Item2.SetEquals(y.Item2);
        public int GetHashCode((string, IReadOnlySet<string>) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
