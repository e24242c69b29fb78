using Ecommerce.Dashboard.Api;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class OrderRulesTests
{
    [TestCase("田中太郎", true)]
    [TestCase("", false)]
    public void Given_a_name_Then_one_to_200_characters_pass(string name, bool valid) =>
        Assert.That(OrderRules.Name(name) is null, Is.EqualTo(valid));

    [Test]
    public void Given_200_characters_outside_the_basic_plane_Then_they_count_as_200_as_the_api_counts_them()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 200));   // 400 UTF-16 units, 200 characters
        Assert.That(OrderRules.Name(emoji), Is.Null);
        Assert.That(OrderRules.Name(emoji + "😀"), Is.EqualTo("1 to 200 characters"));
    }

    [Test]
    public void Given_the_form_and_the_import_Then_the_same_value_gets_the_same_verdict()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 150));
        var form = new OrderForm { CustomerEmail = "a@example.com", CustomerName = emoji, Currency = "JPY" };
        form.Items[0].ProductName = "x";
        form.Items[0].UnitPrice = 1;
        var plan = ImportPlan.FromRows([new ImportRow
        {
            Line = 1, OrderRef = "A", CustomerEmail = "a@example.com", CustomerName = emoji, Currency = "jpy", ProductName = "x",
            Quantity = "1", UnitPrice = "1",
        }]);
        Assert.That(form.Validate(), Is.Empty);
        Assert.That(plan.Rows[0].Errors, Is.EqualTo(new[] { "currency: three capital letters, e.g. JPY" }));
        form.Currency = "jpy";
        Assert.That(form.Validate()["currency"], Is.EqualTo("three capital letters, e.g. JPY"));
    }

    [TestCase("10000", 10_000)]
    [TestCase("1.5", null)]
    [TestCase("-1", null)]
    [TestCase("", null)]
    public void Given_a_typed_quantity_Then_only_digits_parse(string text, int? expected) =>
        Assert.That(OrderRules.ParseQuantity(text), Is.EqualTo(expected));

    [TestCase(0, false)]
    [TestCase(1, true)]
    [TestCase(10_000, true)]
    [TestCase(10_001, false)]
    public void Given_a_quantity_Then_1_to_10000_pass(int quantity, bool valid) =>
        Assert.That(OrderRules.Quantity(quantity) is null, Is.EqualTo(valid));
}
