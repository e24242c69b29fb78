using System.Text;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;
using Microsoft.Extensions.Configuration;

namespace Ecommerce.UnitTests.Shared.Security;

public sealed class WebhookSigningTests
{
    // The Standard Webhooks specification's own test vector.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static readonly DateTimeOffset SpecTime = DateTimeOffset.FromUnixTimeSeconds(1614265330);
    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static WebhookSigning Signing(params string[] secrets) =>
        new(secrets.Select(WebhookSigning.Bytes));

    [Test]
    public void Given_the_specification_test_vector_Then_the_signature_is_the_one_it_gives()
    {
        var headers = Signing(SpecSecret).Headers(SpecId, SpecTime, SpecBody).ToDictionary();
        Assert.That(headers[WebhookSigning.SignatureHeader], Is.EqualTo(SpecSignature));
        Assert.That(headers[WebhookSigning.TimestampHeader], Is.EqualTo("1614265330"));
        Assert.That(headers[WebhookSigning.IdHeader], Is.EqualTo(SpecId));
        Assert.That(Signing(SpecSecret).Refusal(SpecId, "1614265330", SpecSignature, SpecBody, SpecTime), Is.Null);
    }

    [TestCase("{\"test\": 2432232315}", "1614265330", SpecSignature, "Invalid webhook signature", TestName = "a tampered body")]
    [TestCase("{\"test\": 2432232314}", "1614265330", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "Invalid webhook signature", TestName = "a wrong signature")]
    [TestCase("{\"test\": 2432232314}", "1614265330", "v2," + "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "Invalid webhook signature", TestName = "another scheme")]
    [TestCase("{\"test\": 2432232314}", "1614265330", "v1,not base64!", "Invalid webhook signature", TestName = "a signature that is not base64")]
    [TestCase("{\"test\": 2432232314}", "1614265029", SpecSignature, "Webhook timestamp is too old or too new", TestName = "a timestamp 5 min 1 s old")]
    [TestCase("{\"test\": 2432232314}", "1614265631", SpecSignature, "Webhook timestamp is too old or too new", TestName = "a timestamp 5 min 1 s ahead")]
    [TestCase("{\"test\": 2432232314}", "-1", SpecSignature, "Webhook timestamp is too old or too new", TestName = "a negative timestamp")]
    [TestCase("{\"test\": 2432232314}", "", SpecSignature, "Missing webhook signature headers", TestName = "no timestamp")]
    [TestCase("{\"test\": 2432232314}", "1614265330", "", "Missing webhook signature headers", TestName = "no signature")]
    public void Given_a_webhook_that_is_not_signed_right_Then_it_is_refused_with_the_reason(string body, string timestamp, string signature, string reason) =>
        Assert.That(Signing(SpecSecret).Refusal(SpecId, timestamp, signature, Encoding.UTF8.GetBytes(body), SpecTime), Is.EqualTo(reason));

    [Test]
    public void Given_several_signatures_Then_one_good_one_is_enough()
    {
        var signatures = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SpecSignature;
        Assert.That(Signing(SpecSecret).Refusal(SpecId, "1614265330", signatures, SpecBody, SpecTime), Is.Null);
    }

    [Test]
    public void Given_a_rotation_Then_the_first_secret_signs_every_listed_one_verifies_and_a_retired_one_is_refused()
    {
        var next = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var rotating = Signing(next, SpecSecret);
        var signed = rotating.Headers(SpecId, SpecTime, SpecBody).ToDictionary()[WebhookSigning.SignatureHeader];
        Assert.That(signed, Is.Not.EqualTo(SpecSignature), "the new secret signs");
        Assert.That(rotating.Refusal(SpecId, "1614265330", SpecSignature, SpecBody, SpecTime), Is.Null, "the old one still verifies");
        Assert.That(Signing(next).Refusal(SpecId, "1614265330", SpecSignature, SpecBody, SpecTime), Is.EqualTo("Invalid webhook signature"),
            "once retired it does not");
    }

    [TestCase("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", TestName = "no whsec_ prefix")]
    [TestCase("whsec_c2hvcnQ=", TestName = "fewer than 24 bytes")]
    [TestCase("whsec_***", TestName = "not base64")]
    public void Given_a_bad_secret_Then_the_start_is_refused_naming_its_key(string secret)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:SigningSecrets:0"] = SpecSecret, ["Webhooks:SigningSecrets:1"] = secret,
        }).Build();
        var problem = Assert.Throws<InvalidOperationException>(() => settings.ReadModuleOptions<WebhookOptions>(WebhookOptions.Section))!;
        Assert.That(problem.Message, Does.StartWith("Webhooks:SigningSecrets:1 must be whsec_"));
    }

    [Test]
    public void Given_the_same_webhook_twice_Then_its_id_is_the_same_and_another_webhook_has_another()
    {
        var id = WebhookSigning.IdFor("orders/1/webhook", SpecBody);
        Assert.That(WebhookSigning.IdFor("orders/1/webhook", SpecBody), Is.EqualTo(id));
        Assert.That(WebhookSigning.IdFor("orders/2/webhook", SpecBody), Is.Not.EqualTo(id));
        Assert.That(id, Does.Match("^msg_[A-Za-z0-9_-]{32}$"));
    }

    [Test]
    public void Given_secrets_as_a_list_or_as_one_value_Then_both_configure_the_same_rotation()
    {
        static IConfiguration Settings(params (string, string)[] pairs) =>
            new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2))).Build();
        var other = "whsec_" + Convert.ToBase64String(new byte[24]);
        static WebhookSigning From(IConfiguration settings) => new(settings.ReadModuleOptions<WebhookOptions>(WebhookOptions.Section));
        var list = From(Settings(("Webhooks:SigningSecrets:0", other), ("Webhooks:SigningSecrets:1", SpecSecret)));
        var single = From(Settings(("Webhooks:SigningSecrets", other + " " + SpecSecret)));
        foreach (var signing in new[] { list, single })
            Assert.That(signing.Refusal(SpecId, "1614265330", SpecSignature, SpecBody, SpecTime), Is.Null);
        Assert.That(From(Settings()).Enabled, Is.False, "unset: neither signed nor checked");
    }
}
