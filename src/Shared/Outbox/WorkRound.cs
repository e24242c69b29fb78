using System.Diagnostics;

namespace Ecommerce.Shared.Outbox;

/// <summary>
/// The trace of one owed-work round, kept only when the round did something. Every round starts an activity (none while
/// no tracer listens: free), and the round is marked busy when it calls another module (<see cref="MarkBusy"/>, from the
/// call handler every module client has); a round that was not is dropped at its end. Database commands are recorded only
/// under a request or a busy round (<see cref="Records"/>), so the polls that find nothing, and background clean-ups with
/// no request behind them, export nothing: an idle host sends no trace.
/// </summary>
public static class WorkRound
{
    public static readonly ActivitySource Source = new("Ecommerce.OwedWork");

    private const string Busy = "ecommerce.busy";

    public static Activity? Start(string worker) => Source.StartActivity(worker + " round");

    /// <summary>The round this code runs in (if any) did something worth a trace.</summary>
    public static void MarkBusy()
    {
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
            if (activity.Source == Source)
            {
                activity.SetCustomProperty(Busy, true);
                return;
            }
    }

    /// <summary>Ends the round: exported when it was busy, dropped when it was not.</summary>
    public static void End(Activity? round)
    {
        if (round is null) return;
        if (round.GetCustomProperty(Busy) is not true)
        {
            round.IsAllDataRequested = false;
            round.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
        round.Dispose();
    }

    /// <summary>Whether a database command made under <paramref name="parent"/> (the ambient activity) is worth recording.</summary>
    public static bool Records(Activity? parent) => parent is not null && (parent.Source != Source || parent.GetCustomProperty(Busy) is true);
}
