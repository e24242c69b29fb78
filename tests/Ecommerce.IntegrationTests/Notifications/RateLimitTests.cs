using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.IntegrationTests.Notifications;

/// <summary>
/// D22 over real HTTP with the default limit of 10 per second, on a clock the test moves: a burst lands within one
/// window however slowly a busy machine serves it, and a quiet second is one Advance, not a sleep.
/// </summary>
[TestFixture]
public sealed class RateLimitTests() : HostFixture(settings: new Dictionary<string, string?>
{
    ["Modules:Enabled"] = "Notifications",
    ["Notifications:RateLimitPerSecond"] = null,
})
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => _clock;

    [Test]
    public async Task Given_a_quiet_second_Then_a_burst_of_30_gets_exactly_10_created_and_20_limited_each_time()
    {
        // Several bursts: each may straddle a wall-clock second boundary, which an exact rolling window must not care about.
        for (var round = 0; round < 4; round++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1100));
            var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
                App.Notifications.PostAsync("/api/v1/notifications/email", Http.Json(Requests.Email(round + 1)))));
            var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
            var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.That((created, limited.Count), Is.EqualTo((10, 20)), $"round {round}");
            foreach (var response in limited)
            {
                Assert.That(int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1));
                Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Rate limit exceeded: 10 per 1 second"}"""));
            }
        }
    }

    [Test]
    public async Task Given_email_at_its_limit_Then_sms_and_reads_still_answer()
    {
        _clock.Advance(TimeSpan.FromMilliseconds(1100));
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => App.Notifications.PostAsync("/api/v1/notifications/email", Http.Json(Requests.Email(5)))));
        var (sms, _) = await App.Notifications.PostJson("/api/v1/notifications/sms",
            new { order_id = 5, to_phone = "+819012345678", template_name = "ORDER_SHIPPED" });
        Assert.That(sms.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var reads = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => App.Notifications.GetAsync("/api/v1/notifications/order/5")));
        Assert.That(reads.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Given_rejected_bodies_Then_they_still_count_against_the_limit()
    {
        _clock.Advance(TimeSpan.FromMilliseconds(1100));
        var invalid = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            App.Notifications.PostAsync("/api/v1/notifications/email", Http.Json("""{"order_id":"x"}"""))));
        Assert.That(invalid.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.UnprocessableEntity));
        using var valid = await App.Notifications.PostAsync("/api/v1/notifications/email", Http.Json(Requests.Email(6)));
        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }
}
