using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herald.Delivery;

/// <summary>
/// Wakes the dispatcher when a transaction that holds Herald's writes commits, and not before:
/// a send inside the host's own transaction is pushed right after the host commits it, and never
/// when the host rolls it back.
/// </summary>
public sealed class CommitSignalInterceptor(DispatchSignal signal) : DbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, object> _withSends = new();

    /// <summary>Notes that <paramref name="transaction"/> carries outbox entries.</summary>
    internal void Track(DbTransaction transaction) => _withSends.AddOrUpdate(transaction, this);

    /// <inheritdoc />
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        SignalIfTracked(transaction);

    /// <inheritdoc />
    public override Task TransactionCommittedAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        SignalIfTracked(transaction);
        return Task.CompletedTask;
    }

    private void SignalIfTracked(DbTransaction transaction)
    {
        if (_withSends.Remove(transaction))
        {
            signal.Notify();
        }
    }
}
