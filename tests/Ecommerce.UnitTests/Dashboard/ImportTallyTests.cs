using Ecommerce.Dashboard.Api;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class ImportTallyTests
{
    private static OrderView Order(int id, string status) =>
        new(id, "a@example.com", "A", status, 100m, "JPY", DateTime.UnixEpoch, DateTime.UnixEpoch, []);

    private static readonly System.Text.Json.JsonElement Loc = System.Text.Json.JsonDocument.Parse("""["body","orders",3,"currency"]""").RootElement;

    [Test]
    public void Given_bulk_answers_Then_created_existing_paid_pending_and_failed_are_counted_and_written_down()
    {
        var tally = new ImportTally();
        tally.Answered(["A", "B", "C", "D"],
        [
            new BulkOrderResultView(0, "created", Order(1, "paid"), null),
            new BulkOrderResultView(1, "existing", Order(2, "paid"), null),
            new BulkOrderResultView(2, "created", Order(3, "pending"), null),
            new BulkOrderResultView(3, "invalid", null, [new ValidationErrorView("string_pattern_mismatch", Loc, "String should match pattern '^[A-Z]{3}$'")]),
        ]);
        tally.Refused(["E", "F"], "Payments did not answer");

        Assert.That((tally.Created, tally.Existing, tally.Paid, tally.Pending, tally.Failed), Is.EqualTo((2, 1, 2, 1, 3)));
        Assert.That(tally.Failures, Is.EqualTo(new[]
        {
            ("C", "payment refused: the order stays pending"), ("D", "String should match pattern '^[A-Z]{3}$'"),
            ("E", "Payments did not answer"), ("F", "Payments did not answer"),
        }));
        Assert.That(tally.ResultsCsv(), Is.EqualTo(
            "order_ref,result,order_id,order_status,reason\n" +
            "A,created,1,paid,\nB,existing,2,paid,\nC,created,3,pending,\nD,invalid,,,String should match pattern '^[A-Z]{3}$'\n" +
            "E,failed,,,Payments did not answer\nF,failed,,,Payments did not answer\n"));
    }

    [Test]
    public void Given_rows_held_back_Then_the_results_file_names_their_line_and_reasons()
    {
        var plan = ImportPlan.FromCsv("order_ref,customer_email,customer_name,currency,product_name,quantity,unit_price\nA,bad,A,JPY,x,0,1\n");
        var tally = new ImportTally();
        tally.HeldBack(plan.InvalidRows);
        Assert.That(tally.ResultsCsv(), Does.EndWith("A,invalid,,,\"line 2: customer_email: " + plan.Rows[0].Errors[0]["customer_email: ".Length..] +
            "; quantity: a whole number from 1 to 10,000\"\n"));
        Assert.That(tally.Failed, Is.Zero, "held back is not sent, so not failed");
    }
}
