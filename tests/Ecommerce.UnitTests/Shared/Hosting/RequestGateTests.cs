using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Security;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.UnitTests.Shared.Hosting;

/// <summary>
/// The gate every API request passes. A reset closes it: it waits for requests in flight, holds new outside ones back,
/// lets calls between modules through until it runs. Shutdown closes it for good: outside requests are refused, calls
/// between modules pass, and it reports when none is in flight.
/// </summary>
public sealed class RequestGateTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly ServiceCredentials Credentials = new(new byte[32], testing: false);

    private static RequestGate NewGate() => new(Credentials);

    /// <summary>A request from outside, or a call from another module (it carries that module's credential).</summary>
    private static HttpContext Request(bool betweenModules = false)
    {
        var context = new DefaultHttpContext();
        if (betweenModules) context.Request.Headers[ApiAuthentication.KeyHeader] = Credentials.For("Orders");
        return context;
    }

    [Test]
    public async Task Shutdown_refuses_outside_requests_passes_calls_between_modules_and_completes_when_none_is_in_flight()
    {
        var gate = NewGate();
        Assert.That(await gate.EnterAsync(Request()), Is.True);           // an order, in flight
        var drained = gate.ShutDownAsync(CancellationToken.None);
        Assert.That(await gate.EnterAsync(Request()), Is.False, "a new order is refused");
        Assert.That(await gate.EnterAsync(Request(betweenModules: true)), Is.True, "its payment passes");
        Assert.That(await gate.EnterAsync(Request() is var forged ? Forge(forged) : forged), Is.False, "a made-up credential is outside");
        gate.Exit();
        Assert.That(drained.IsCompleted, Is.False, "the order is still in flight");
        gate.Exit();
        await drained.WaitAsync(Bound);
    }

    /// <summary>A reset that signals when it runs and runs until told to finish.</summary>
    private static (Task Reset, TaskCompletionSource Running, TaskCompletionSource Finish) StartReset(RequestGate gate)
    {
        var running = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var reset = gate.ExclusiveAsync(async () =>
        {
            running.SetResult();
            await finish.Task;
        }, CancellationToken.None);
        return (reset, running, finish);
    }

    private static HttpContext Forge(HttpContext context)
    {
        context.Request.Headers[ApiAuthentication.KeyHeader] = "ecsvc_Orders_forged";
        return context;
    }

    [Test]
    public async Task A_reset_waits_for_the_request_in_flight_and_holds_a_new_one_until_it_is_done()
    {
        var gate = NewGate();
        await gate.EnterAsync(Request()).AsTask();
        var (reset, resetRunning, finishReset) = StartReset(gate);

        var newRequest = gate.EnterAsync(Request()).AsTask();
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
        var gate = NewGate();
        await gate.EnterAsync(Request()).AsTask();   // an order, waiting on its payment
        var (reset, resetRunning, finishReset) = StartReset(gate);

        var payment = gate.EnterAsync(Request(betweenModules: true)).AsTask();
        Assert.That(payment.IsCompletedSuccessfully, Is.True, "the payment the order waits on must pass, or neither ends");
        gate.Exit();
        gate.Exit();
        await resetRunning.Task.WaitAsync(Bound);
        var lateCall = gate.EnterAsync(Request(betweenModules: true)).AsTask();
        Assert.That(lateCall.IsCompleted, Is.False, "nothing passes while the reset runs");
        finishReset.SetResult();
        await reset.WaitAsync(Bound);
        await lateCall.WaitAsync(Bound);
        gate.Exit();
    }

    [Test]
    public async Task Two_resets_run_one_after_the_other()
    {
        var gate = NewGate();
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
