namespace Ecommerce.Shared.Time;

public static class ClockExtensions
{
    /// <summary>UTC now, cut to microseconds: what Python's datetime holds, so stored and written values agree.</summary>
    public static DateTime UtcNowMicros(this TimeProvider clock)
    {
        var ticks = clock.GetUtcNow().UtcTicks;
        return new DateTime(ticks - ticks % 10, DateTimeKind.Utc);
    }
}
