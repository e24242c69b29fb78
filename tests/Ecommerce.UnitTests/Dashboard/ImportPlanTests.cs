using Ecommerce.Dashboard.Api;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class ImportPlanTests
{
    private const string Header = "order_ref,customer_email,customer_name,currency,product_name,quantity,unit_price\n";

    [Test]
    public void Given_rows_Then_they_are_grouped_into_orders_by_reference()
    {
        var plan = ImportPlan.FromCsv(Header + "A,a@example.com,A,JPY,x,2,100\nA,a@example.com,A,JPY,y,1,0.5\nB,b@example.com,B,,z,1,300\n");
        Assert.That(plan.FileError, Is.Null);
        Assert.That(plan.Orders.Select(o => (o.Ref, o.Order.Items.Count, o.Order.Currency, o.Order.ExternalId)),
            Is.EqualTo(new[] { ("A", 2, "JPY", "A"), ("B", 1, "JPY", "B") }));
        Assert.That(plan.Orders[0].Order.Items[1].UnitPrice, Is.EqualTo(0.5m));
    }

    [Test]
    public void Given_a_bad_row_Then_its_whole_order_is_held_back_with_the_reason()
    {
        var plan = ImportPlan.FromCsv(Header + "A,a@example.com,A,JPY,x,2,100\nA,a@example.com,A,JPY,y,abc,100\nB,bad,B,JPY,z,1,-1\nC,c@example.com,C,JPY,w,1,10\n");
        Assert.That(plan.Orders.Select(o => o.Ref), Is.EqualTo(new[] { "C" }));
        Assert.That(plan.HeldBackOrders, Is.EqualTo(2));
        Assert.That(plan.Rows[1].Errors, Has.One.StartsWith("quantity"));
        Assert.That(plan.Rows[2].Errors, Has.Some.StartsWith("customer_email").And.Some.StartsWith("unit_price"));
        Assert.That(plan.Rows[2].Line, Is.EqualTo(4));
    }

    [Test]
    public void Given_rows_of_one_order_with_different_customers_Then_the_later_row_is_refused()
    {
        var plan = ImportPlan.FromCsv(Header + "A,a@example.com,A,JPY,x,1,100\nA,other@example.com,A,JPY,y,1,100\n");
        Assert.That(plan.Orders, Is.Empty);
        Assert.That(plan.Rows[1].Errors.Single(), Does.StartWith("Customer differs from line 2"));
    }

    [Test]
    public void Given_a_file_without_the_columns_Then_a_file_error_names_them() =>
        Assert.That(ImportPlan.FromCsv("name,price\nx,1\n").FileError, Does.StartWith("Missing column(s): order_ref, customer_email"));
}
