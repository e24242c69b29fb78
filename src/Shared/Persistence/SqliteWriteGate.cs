using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ecommerce.Shared.Persistence;

/// <summary>
/// One write transaction at a time per SQLite file in this process, queued here instead of in SQLite's busy handler.
/// SQLite has one writer per file; a second <c>BEGIN IMMEDIATE</c> waits in its busy handler, which sleeps 1, 2, 5, 10 …
/// ms between tries, so under load writers slept while the lock stood free (1.5 of the 2 cores busy at saturation, 1.7
/// with this gate). Waiting here hands the lock over the moment the holder ends, without a thread blocked. Other processes on the
/// same file still meet in SQLite's busy handler, as before; after the busy timeout a waiter goes on to SQLite's own
/// wait rather than fail here.
/// </summary>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10); // the busy_timeout of SqlitePragmas
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _files = new();
    private readonly ConditionalWeakTable<DbConnection, SemaphoreSlim> _held = new();

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        var gate = Enter(connection);
        if (gate.Wait(Patience)) _held.AddOrUpdate(connection, gate);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var gate = Enter(connection);
        if (await gate.WaitAsync(Patience, cancellationToken)) _held.AddOrUpdate(connection, gate);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (a failed SaveChanges) tells no interceptor; SQLite rolled it back
    // when it was disposed, and EF closes the connection it opened for it, so the gate is given back here at the latest.
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }

    private SemaphoreSlim Enter(DbConnection connection)
    {
        Leave(connection); // a transaction on this connection ended unseen (disposed): SQLite holds one at a time per connection
        return _files.GetOrAdd(connection.DataSource, _ => new SemaphoreSlim(1, 1));
    }

    private void Leave(TransactionEventData eventData)
    {
        if (eventData.Context is { } context) Leave(context.Database.GetDbConnection());
    }

    private void Leave(DbConnection connection)
    {
        if (_held.TryGetValue(connection, out var gate) && _held.Remove(connection)) gate.Release();
    }
}
