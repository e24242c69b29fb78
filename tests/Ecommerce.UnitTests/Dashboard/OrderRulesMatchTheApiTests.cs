using System.Text.Json;
using Ecommerce.Dashboard.Api;
using Ecommerce.Orders.Contracts;
using Ecommerce.Shared.Json;
using Ecommerce.Shared.Validation;

namespace Ecommerce.UnitTests.Dashboard;

/// <summary>
/// The dashboard checks a new order before sending it (<see cref="OrderRules"/>, for the form and the import) with
/// rules of its own, since it knows the Orders module only over HTTP. This ties them to the API's: each value at a
/// boundary gets the same verdict, on the same field, from the form and from the API's own reader of the body it sends.
/// </summary>
public sealed class OrderRulesMatchTheApiTests
{
    private static readonly string Long200 = string.Concat(Enumerable.Repeat("😀", 200));

    private static IEnumerable<TestCaseData> Boundaries()
    {
        TestCaseData Case(string name, Action<OrderForm> change) => new TestCaseData(change).SetName(name);
        yield return Case("valid", _ => { });
        yield return Case("email without at", f => f.CustomerEmail = "tanaka.example.com");
        yield return Case("email with a Japanese domain", f => f.CustomerEmail = "tanaka@例え.jp");
        yield return Case("email with spaces around", f => f.CustomerEmail = " tanaka@example.com ");
        yield return Case("empty name", f => f.CustomerName = "");
        yield return Case("name of 200 emoji", f => f.CustomerName = Long200);
        yield return Case("name of 201 emoji", f => f.CustomerName = Long200 + "😀");
        yield return Case("currency lower case", f => f.Currency = "jpy");
        yield return Case("currency of two letters", f => f.Currency = "JP");
        yield return Case("currency USD", f => f.Currency = "USD");
        yield return Case("no items", f => f.Items.Clear());
        yield return Case("100 items", f => f.Items.AddRange(Enumerable.Range(0, 99).Select(_ => Line())));
        yield return Case("101 items", f => f.Items.AddRange(Enumerable.Range(0, 100).Select(_ => Line())));
        yield return Case("empty product name", f => f.Items[0].ProductName = "");
        yield return Case("product name of 201 emoji", f => f.Items[0].ProductName = Long200 + "😀");
        yield return Case("quantity 0", f => f.Items[0].Quantity = 0);
        yield return Case("quantity 1", f => f.Items[0].Quantity = 1);
        yield return Case("quantity 10000", f => f.Items[0].Quantity = 10_000);
        yield return Case("quantity 10001", f => f.Items[0].Quantity = 10_001);
        yield return Case("unit price 0", f => f.Items[0].UnitPrice = 0);
        yield return Case("unit price negative", f => f.Items[0].UnitPrice = -1);
        yield return Case("unit price 0.01", f => f.Items[0].UnitPrice = 0.01m);
    }

    private static OrderForm.Line Line() => new() { ProductName = "マウス", Quantity = 1, UnitPrice = 3500m };

    [TestCaseSource(nameof(Boundaries))]
    public void Given_a_value_at_a_boundary_Then_the_form_and_the_api_refuse_the_same_fields(Action<OrderForm> change)
    {
        var form = new OrderForm { CustomerEmail = "tanaka@example.com", CustomerName = "田中太郎", Currency = "JPY" };
        form.Items[0].ProductName = "ノートPC";
        form.Items[0].UnitPrice = 89800.5m;
        change(form);

        var body = JsonSerializer.SerializeToUtf8Bytes(form.ToRequest(), WireJson.Options);
        var errors = new List<ValidationError>();
        JsonBody.Read(body, "application/json", CreateOrderRequest.Read, errors, out var document);
        var said = JsonSerializer.Serialize(errors, WireJson.Options); // before the document its inputs point into is gone
        document?.Dispose();

        var api = errors.Select(e => string.Join(".", e.Loc.Skip(1))).ToHashSet();
        Assert.That(form.Validate().Keys, Is.EquivalentTo(api), said);
    }

    [TestCase("", TestName = "external id empty")]
    [TestCase("A", TestName = "external id of one character")]
    [TestCase("😀", TestName = "external id of one emoji")]
    public void Given_an_external_id_at_a_boundary_Then_the_import_and_the_api_agree(string externalId) =>
        Assert.That(OrderRules.ExternalId(externalId) is null, Is.EqualTo(ApiTakesExternalId(externalId)));

    [Test]
    public void Given_external_ids_of_100_and_101_characters_Then_the_import_and_the_api_agree()
    {
        foreach (var id in new[] { new string('x', 100), new string('x', 101), string.Concat(Enumerable.Repeat("😀", 100)), string.Concat(Enumerable.Repeat("😀", 101)) })
            Assert.That(OrderRules.ExternalId(id) is null, Is.EqualTo(ApiTakesExternalId(id)), $"{id.Length} UTF-16 units");
    }

    private static bool ApiTakesExternalId(string externalId)
    {
        var order = new NewOrder("tanaka@example.com", "田中太郎", [new NewOrderItem("マウス", 1, 3500m)], "JPY", externalId);
        var body = JsonSerializer.SerializeToUtf8Bytes(order, WireJson.Options);
        var errors = new List<ValidationError>();
        JsonBody.Read(body, "application/json", BulkOrder.Read, errors, out var document);
        document?.Dispose();
        return errors.Count == 0;
    }
}
