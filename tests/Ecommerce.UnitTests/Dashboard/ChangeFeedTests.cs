using Ecommerce.Dashboard.Live;

namespace Ecommerce.UnitTests.Dashboard;

public sealed class ChangeFeedTests
{
    [Test]
    public void A_marker_seen_for_the_first_time_is_no_change_a_different_one_is_and_a_silent_module_is_no_verdict()
    {
        var last = new Dictionary<string, string>();
        Assert.That(ChangeFeed.Moved(last, new() { ["Orders"] = "3.0", ["Payments"] = "2" }), Is.False);
        Assert.That(ChangeFeed.Moved(last, new() { ["Orders"] = "3.0" }), Is.False, "Payments did not answer");
        Assert.That(ChangeFeed.Moved(last, new() { ["Orders"] = "3.0", ["Payments"] = "3" }), Is.True);
        Assert.That(ChangeFeed.Moved(last, new() { ["Orders"] = "3.0", ["Payments"] = "3" }), Is.False);
    }
}
