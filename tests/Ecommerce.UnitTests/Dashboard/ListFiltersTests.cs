using Ecommerce.Dashboard.Api;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class ListFiltersTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [Test]
    public void A_date_range_is_the_viewers_midnights_in_utc_with_the_last_day_included() =>
        Assert.That(new DateRange("2026-12-01", "2026-12-07").Query(Tokyo),
            Is.EqualTo("&from=2026-11-30T15%3A00%3A00Z&to=2026-12-07T15%3A00%3A00Z"));

    [TestCase(null, "2026-12-07", "&to=2026-12-07T15%3A00%3A00Z")]
    [TestCase("2026-12-01", "", "&from=2026-11-30T15%3A00%3A00Z")]
    [TestCase("yesterday", "2026-13-01", "")]
    public void A_date_that_is_missing_or_not_a_date_is_left_out(string? from, string? to, string expected) =>
        Assert.That(new DateRange(from, to).Query(Tokyo), Is.EqualTo(expected));

    [Test]
    public void The_orders_filter_sends_only_what_filters() =>
        Assert.That(new OrderFilter("paid", " 田中 ", new DateRange(null, null)).Query(TimeZoneInfo.Utc), Is.EqualTo("&status=paid&customer=%E7%94%B0%E4%B8%AD"));

    [Test]
    public void The_notifications_filter_names_the_delivery_state_as_each_route_does()
    {
        var filter = new NotificationFilter("email", null, "failed", new DateRange(null, null));
        Assert.That((filter.Query(TimeZoneInfo.Utc), filter.Query(TimeZoneInfo.Utc, "state")),
            Is.EqualTo(("&channel=email&delivery_state=failed", "&channel=email&state=failed")));
    }

    [TestCase("=SUM(A1)", "'=SUM(A1)")]
    [TestCase("+81 3", "'+81 3")]
    [TestCase("-ケーブル", "'-ケーブル")]
    [TestCase("@home", "'@home")]
    [TestCase("田中太郎", "田中太郎")]
    [TestCase("'quoted", "'quoted")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_gets_a_quote_that_the_import_takes_off(string text, string exported)
    {
        Assert.That(CsvExport.Text(text), Is.EqualTo(exported));
        Assert.That(CsvExport.Untext(exported), Is.EqualTo(text));
    }
}
