namespace Ecommerce.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition the host reaches in the background (a retried email), bounded, never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            if (await condition()) return true;
        } while (await WaitAsync(tick, deadline.Token));
        return await condition();
    }

    private static async Task<bool> WaitAsync(PeriodicTimer tick, CancellationToken deadline)
    {
        try
        {
            return await tick.WaitForNextTickAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
