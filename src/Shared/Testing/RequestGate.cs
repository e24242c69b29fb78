namespace Ecommerce.Shared.Testing;

/// <summary>
/// Keeps <c>POST /testing/reset</c> from deleting rows under a request that is using them. API requests pass in
/// together. A reset closes the gate to new requests from outside, waits until none is in flight, runs alone, reopens.
/// While it waits, calls between this product's modules (<see cref="InternalCallHeader"/>) still pass: a request in
/// flight may be waiting on one (an order on its payment, the payment on its webhook), and holding those back would
/// deadlock. Only with Testing:Enabled.
/// </summary>
public sealed class RequestGate
{
    /// <summary>Set by the clients of calls between modules while testing is enabled.</summary>
    public const string InternalCallHeader = "X-Ecommerce-Internal-Call";

    private readonly Lock _lock = new();
    private int _inFlight;
    private bool _exclusive;
    private TaskCompletionSource? _idle;
    private TaskCompletionSource? _closed;

    public async Task EnterAsync(bool internalCall, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_closed is null || (internalCall && !_exclusive))
                {
                    _inFlight++;
                    return;
                }
                wait = _closed.Task;
            }
            await wait.WaitAsync(cancellationToken);
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            if (--_inFlight == 0) _idle?.TrySetResult();
        }
    }

    /// <summary>Runs <paramref name="work"/> with no request in flight and none let in; one at a time.</summary>
    public async Task ExclusiveAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        TaskCompletionSource closed;
        while (true)
        {
            Task other;
            lock (_lock)
            {
                if (_closed is null)
                {
                    closed = _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    break;
                }
                other = _closed.Task;
            }
            await other.WaitAsync(cancellationToken);
        }
        try
        {
            while (true)
            {
                Task idle;
                lock (_lock)
                {
                    if (_inFlight == 0)
                    {
                        _exclusive = true;
                        break;
                    }
                    _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    idle = _idle.Task;
                }
                await idle.WaitAsync(cancellationToken);
            }
            await work();
        }
        finally
        {
            lock (_lock)
            {
                _exclusive = false;
                _idle = null;
                _closed = null;
            }
            closed.TrySetResult();
        }
    }
}
