using Ecommerce.Dashboard.Api;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class OrderFormTests
{
    [Test]
    public void Given_the_apis_rules_Then_the_form_reports_each_field_under_the_apis_key()
    {
        var form = new OrderForm { CustomerEmail = "x", CustomerName = "", Currency = "jpy" };
        form.Items[0].Quantity = 0;
        Assert.That(form.Validate().Keys, Is.EquivalentTo(new[]
            { "customer_email", "customer_name", "currency", "items.0.product_name", "items.0.quantity", "items.0.unit_price" }));
    }

    [Test]
    public void Given_a_422_location_Then_the_field_key_matches_the_forms()
    {
        using var loc = System.Text.Json.JsonDocument.Parse("""["body","items",0,"quantity"]""");
        Assert.That(ApiResult<object>.FieldKey(loc.RootElement), Is.EqualTo("items.0.quantity"));
    }
}
