using System.Net;
using System.Text.Json.Nodes;
using Ecommerce.Orders.Chain;
using Ecommerce.Orders.Clients;
using Ecommerce.Orders.Data;
using Ecommerce.Orders.Domain;
using Ecommerce.Orders.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ecommerce.UnitTests.Orders;

/// <summary>
/// The end of an order's chain (<see cref="OrderChain.FinishAsync"/>) on a real SQLite file, with Payments and
/// Notifications answered by a stand-in handler: what it writes and which calls it makes for each outcome.
/// </summary>
public sealed class OrderChainTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Now));
    private OrdersDatabaseFile _file = null!;
    private SqliteOrdersDbContext _db = null!;
    private StandIn _notifications = null!;
    private StandIn _payments = null!;

    [SetUp]
    public void CreateDatabase()
    {
        _file = new OrdersDatabaseFile();
        _db = _file.Open();
        _notifications = new StandIn(_ => new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("{}") });
        _payments = new StandIn(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
    }

    [TearDown]
    public async Task DeleteDatabase()
    {
        await _db.DisposeAsync();
        _file.Dispose();
    }

    private OrderChain Chain()
    {
        var notifications = new NotificationsClient(new HttpClient(_notifications) { BaseAddress = new Uri("http://notifications/api/v1/") },
            NullLogger<NotificationsClient>.Instance);
        var payments = new PaymentsClient(new HttpClient(_payments) { BaseAddress = new Uri("http://payments/api/v1/") },
            new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), NullLogger<PaymentsClient>.Instance);
        var notifier = new OrderNotifier(notifications, new EmailOutbox(_db, _clock), _db, _clock);
        var settled = new SettledChains(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            NullLogger<SettledChains>.Instance);
        return new OrderChain(_db, notifier, new OrderRefunds(_db, payments, _clock), settled, _clock);
    }

    private async Task<Order> PendingOrderAsync()
    {
        var order = Order.Place("tanaka@example.com", "田中太郎", "JPY", [OrderItem.Of("ノートPC", 1, 89800m)], Now);
        await _db.InsertAsync([order]);
        return order;
    }

    private static Dictionary<int, PaymentOutcome> Outcome(Order order, PaymentOutcome outcome) => new() { [order.Id] = outcome };

    private List<string> EmailTemplates() =>
        _notifications.Bodies.Select(b => (string)JsonNode.Parse(b)!["template_name"]!).ToList();

    [Test]
    public async Task Given_a_completed_payment_Then_the_pending_order_is_paid_and_confirmed_once()
    {
        var order = await PendingOrderAsync();

        await Chain().FinishAsync([order], Outcome(order, new PaymentOutcome("completed", null)), OrderMovers.PaymentAnswer);

        Assert.That((await _db.Orders.AsNoTracking().SingleAsync()).Status, Is.EqualTo(OrderStatus.Paid));
        Assert.That(EmailTemplates(), Is.EqualTo(new[] { OrderNotifier.Confirmation }));
        Assert.That(await _db.Set<OwedEmail>().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Given_a_failed_payment_Then_the_order_stays_pending_and_the_customer_reads_why()
    {
        var order = await PendingOrderAsync();

        await Chain().FinishAsync([order], Outcome(order, new PaymentOutcome(null, "Card declined")), OrderMovers.PaymentAnswer);

        Assert.That((await _db.Orders.AsNoTracking().SingleAsync()).Status, Is.EqualTo(OrderStatus.Pending));
        var email = JsonNode.Parse(_notifications.Bodies.Single())!;
        Assert.That(((string?)email["template_name"], (string?)email["template_data"]!["reason"]), Is.EqualTo((OrderNotifier.PaymentFailed, "Card declined")));
    }

    [Test]
    public async Task Given_the_order_was_cancelled_while_it_was_being_paid_Then_the_payment_is_refunded_and_no_confirmation_sent()
    {
        var order = await PendingOrderAsync();
        await _db.TryMoveAsync(order, OrderStatus.Cancelled, Now);
        _payments = new StandIn(request => request.Method == HttpMethod.Get
            ? Json($$"""{"id":5,"order_id":{{order.Id}},"amount":89800.0,"status":"completed","transaction_id":"txn_1"}""")
            : Json("""{"id":5,"status":"refunded"}"""));

        await Chain().FinishAsync([order], Outcome(order, new PaymentOutcome("completed", null)), OrderMovers.PaymentAnswer);

        Assert.That(_payments.Requests, Is.EqualTo(new[] { $"GET payments/order/{order.Id}", "POST payments/refund" }));
        Assert.That(_notifications.Bodies, Is.Empty, "its cancellation sent its own email");
        Assert.That((await _db.Orders.AsNoTracking().SingleAsync()).Status, Is.EqualTo(OrderStatus.Cancelled));
    }

    [Test]
    public async Task Given_notifications_unavailable_Then_the_confirmation_is_owed_with_its_attempt_and_the_order_still_paid()
    {
        var order = await PendingOrderAsync();
        _notifications = new StandIn(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        await Chain().FinishAsync([order], Outcome(order, new PaymentOutcome("completed", null)), OrderMovers.PaymentAnswer);

        Assert.That((await _db.Orders.AsNoTracking().SingleAsync()).Status, Is.EqualTo(OrderStatus.Paid));
        var owed = await _db.Set<OwedEmail>().SingleAsync();
        Assert.That((owed.OrderId, owed.TemplateName(), owed.Attempts, owed.NextAttemptAt), Is.EqualTo((order.Id, OrderNotifier.Confirmation, 1, Now.AddSeconds(1))));
    }

    [Test]
    public async Task Given_an_outcome_interrupted_by_shutdown_Then_nothing_is_written_or_sent()
    {
        var order = await PendingOrderAsync();

        await Chain().FinishAsync([order], Outcome(order, new PaymentOutcome(null, PaymentOutcome.Unavailable) { Interrupted = true }), OrderMovers.PaymentAnswer);

        Assert.That((await _db.Orders.AsNoTracking().SingleAsync()).Status, Is.EqualTo(OrderStatus.Pending));
        Assert.That(_notifications.Bodies, Is.Empty);
        Assert.That(_payments.Requests, Is.Empty);
    }

    [Test]
    public async Task Given_an_email_already_decided_Then_recovery_does_not_send_it_again()
    {
        var order = await PendingOrderAsync();

        await Chain().FinishAsync([order], Outcome(order, new PaymentOutcome("completed", null)), OrderMovers.Recovery,
            decided: (_, template) => template == OrderNotifier.Confirmation);

        Assert.That((await _db.Orders.AsNoTracking().SingleAsync()).Status, Is.EqualTo(OrderStatus.Paid));
        Assert.That(_notifications.Bodies, Is.Empty);
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    /// <summary>Answers each request as told and records it (method and path, and the body).</summary>
    private sealed class StandIn(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add($"{request.Method} {request.RequestUri!.AbsolutePath.Replace("/api/v1/", "", StringComparison.Ordinal)}");
            if (request.Content is not null) Bodies.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            return answer(request);
        }
    }
}
