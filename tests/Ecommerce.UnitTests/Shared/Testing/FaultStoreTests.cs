using Ecommerce.Shared.Testing;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.UnitTests.Shared.Testing;

public sealed class FaultStoreTests
{
    private static FaultSpec Fault(int? count = null, decimal probability = 1m, string? method = null, string? path = null, int? seed = null) =>
        new(FaultSpec.Error, 500, 0, count, probability, method, path, seed);

    [Test]
    public void A_fault_with_a_count_matches_that_many_requests_then_goes_away()
    {
        var store = new FaultStore();
        store.Add("Payments", Fault(count: 2));
        Assert.That(store.Take("Payments", "POST", "/api/v1/payments"), Is.Not.Null);
        Assert.That(store.List("Payments").Single().Remaining, Is.EqualTo(1));
        Assert.That(store.Take("Payments", "POST", "/api/v1/payments"), Is.Not.Null);
        Assert.That(store.Take("Payments", "POST", "/api/v1/payments"), Is.Null);
        Assert.That(store.List("Payments"), Is.Empty);
    }

    [TestCase("POST", "/api/v1/payments", true)]
    [TestCase("POST", "/api/v1/payments/batch", true)]
    [TestCase("POST", "/api/v1/paymentsx", false)]
    [TestCase("GET", "/api/v1/payments", false)]
    public void Method_and_path_prefix_choose_the_requests(string method, string path, bool matches)
    {
        var store = new FaultStore();
        store.Add("Payments", Fault(method: "POST", path: "/api/v1/payments/"));
        Assert.That(store.Take("Payments", method, new PathString(path)) is not null, Is.EqualTo(matches));
        Assert.That(store.Take("Orders", method, new PathString(path)), Is.Null, "another module's requests");
    }

    [Test]
    public void The_same_seed_fails_the_same_requests()
    {
        string Pattern()
        {
            var store = new FaultStore();
            store.Add("Orders", Fault(probability: 0.3m, seed: 11));
            return string.Concat(Enumerable.Range(0, 200).Select(_ => store.Take("Orders", "GET", "/api/v1/orders") is null ? '.' : 'x'));
        }
        var first = Pattern();
        Assert.That(first, Is.EqualTo(Pattern()));
        Assert.That(first.Count(c => c == 'x'), Is.InRange(30, 90), "about 30 % of 200");
    }

    [Test]
    public void Concurrent_requests_never_use_a_fault_more_often_than_its_count()
    {
        var store = new FaultStore();
        store.Add("Orders", Fault(count: 50));
        var used = 0;
        Parallel.For(0, 1000, _ =>
        {
            if (store.Take("Orders", "GET", "/api/v1/orders") is not null) Interlocked.Increment(ref used);
        });
        Assert.That(used, Is.EqualTo(50));
    }
}
