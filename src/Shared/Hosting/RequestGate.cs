using Ecommerce.Shared.Security;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// The API requests in flight in this process, and the two moments that need them gone: a testing reset (requests from
/// outside wait, then run after it) and shutdown (requests from outside are refused from then on, see
/// <see cref="ShutdownDrain"/>). Calls between this product's modules always pass — a request in flight may be waiting on
/// one (an order on its payment, the payment on its webhook), and holding those back would deadlock; they are known by
/// the calling module's credential, which every call between modules carries.
/// </summary>
public sealed class RequestGate(ServiceCredentials credentials)
{
    private readonly Lock _lock = new();
    private int _inFlight;
    private bool _exclusive;
    private bool _shutDown;
    private TaskCompletionSource? _idle;
    private TaskCompletionSource? _closed;

    /// <summary>Lets the request in (count it until <see cref="Exit"/>); false when it is refused because the process is shutting down.</summary>
    public async ValueTask<bool> EnterAsync(HttpContext context)
    {
        bool? betweenModules = null;
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if ((_closed is null && !_shutDown) || (betweenModules == true && !_exclusive))
                {
                    _inFlight++;
                    return true;
                }
                if (betweenModules is not null && _shutDown) return false;
                wait = _closed?.Task ?? Task.CompletedTask;
            }
            if (betweenModules is null)
            {
                // Only when the gate is not simply open (most requests never pay for reading the credential); then decide again.
                betweenModules = credentials.Of(context.Request) is not null;
                continue;
            }
            await wait.WaitAsync(context.RequestAborted);
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            if (--_inFlight > 0 || _idle is null) return;
            _idle.TrySetResult();
            _idle = null;
        }
    }

    /// <summary>From now on outside requests are refused; completes when no request is in flight (calls between modules still pass).</summary>
    public Task ShutDownAsync(CancellationToken cancellationToken)
    {
        lock (_lock) _shutDown = true;
        return IdleAsync(whenIdle: null, cancellationToken);
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
            await IdleAsync(() => _exclusive = true, cancellationToken);
            await work();
        }
        finally
        {
            lock (_lock)
            {
                _exclusive = false;
                _closed = null;
            }
            closed.TrySetResult();
        }
    }

    /// <summary>Completes when no request is in flight, having run <paramref name="whenIdle"/> under the lock that saw it.</summary>
    private async Task IdleAsync(Action? whenIdle, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task idle;
            lock (_lock)
            {
                if (_inFlight == 0)
                {
                    whenIdle?.Invoke();
                    return;
                }
                _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                idle = _idle.Task;
            }
            await idle.WaitAsync(cancellationToken);
        }
    }
}
