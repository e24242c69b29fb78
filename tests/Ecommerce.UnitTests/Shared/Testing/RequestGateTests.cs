using Ecommerce.Shared.Testing;

namespace Ecommerce.UnitTests.Shared.Testing;

/// <summary>The gate a reset closes: it waits for requests in flight, holds new outside ones back, lets calls between modules through until it runs.</summary>
public sealed class RequestGateTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_reset_waits_for_the_request_in_flight_and_holds_a_new_one_until_it_is_done()
    {
        var gate = new RequestGate();
        await gate.EnterAsync(internalCall: false, CancellationToken.None);
        var resetRunning = new TaskCompletionSource();
        var finishReset = new TaskCompletionSource();
        var reset = gate.ExclusiveAsync(async () =>
        {
            resetRunning.SetResult();
            await finishReset.Task;
        }, CancellationToken.None);

        var newRequest = gate.EnterAsync(internalCall: false, CancellationToken.None);
        Assert.That(resetRunning.Task.IsCompleted, Is.False, "a request is still in flight");
        Assert.That(newRequest.IsCompleted, Is.False, "the gate is closing: a new outside request waits");

        gate.Exit();
        await resetRunning.Task.WaitAsync(Bound);
        Assert.That(newRequest.IsCompleted, Is.False, "the reset runs alone");
        finishReset.SetResult();
        await reset.WaitAsync(Bound);
        await newRequest.WaitAsync(Bound);
        gate.Exit();
    }

    [Test]
    public async Task A_call_between_modules_passes_while_the_reset_waits_but_not_while_it_runs()
    {
        var gate = new RequestGate();
        await gate.EnterAsync(internalCall: false, CancellationToken.None);   // an order, waiting on its payment
        var finishReset = new TaskCompletionSource();
        var resetRunning = new TaskCompletionSource();
        var reset = gate.ExclusiveAsync(async () =>
        {
            resetRunning.SetResult();
            await finishReset.Task;
        }, CancellationToken.None);

        var payment = gate.EnterAsync(internalCall: true, CancellationToken.None);
        Assert.That(payment.IsCompletedSuccessfully, Is.True, "the payment the order waits on must pass, or neither ends");
        gate.Exit();
        gate.Exit();
        await resetRunning.Task.WaitAsync(Bound);
        var lateCall = gate.EnterAsync(internalCall: true, CancellationToken.None);
        Assert.That(lateCall.IsCompleted, Is.False, "nothing passes while the reset runs");
        finishReset.SetResult();
        await reset.WaitAsync(Bound);
        await lateCall.WaitAsync(Bound);
        gate.Exit();
    }

    [Test]
    public async Task Two_resets_run_one_after_the_other()
    {
        var gate = new RequestGate();
        var running = 0;
        var most = 0;
        async Task Work()
        {
            most = Math.Max(most, Interlocked.Increment(ref running));
            await Task.Yield();
            Interlocked.Decrement(ref running);
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => gate.ExclusiveAsync(Work, CancellationToken.None))).WaitAsync(Bound);
        Assert.That(most, Is.EqualTo(1));
    }
}
