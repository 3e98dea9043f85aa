using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workbench.Core.Audit;

namespace Workbench.Infrastructure.Audit;

/// <summary>
/// The audit log's append-only rule in code: a save that would change or remove an <see cref="AuditEntry"/> throws
/// before any SQL is sent, and so does an <c>ExecuteUpdate</c> or <c>ExecuteDelete</c> on the entries. The database
/// refuses the same through triggers (migration <c>AuditAppendOnly</c>); this catches the mistake earlier, with a clear message.
/// </summary>
public sealed class AuditAppendOnlyInterceptor : SaveChangesInterceptor, IQueryExpressionInterceptor
{
    public static readonly AuditAppendOnlyInterceptor Instance = new();

    public const string Message = "The audit log (AuditEntries) is append-only: entries may be added, never changed or deleted.";

    private AuditAppendOnlyInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        // Note: bulk updates and deletes skip SaveChanges and the change tracker; they reach EF as a query whose
        // outermost call is ExecuteUpdate/ExecuteDelete, compiled once per shape (so this costs nothing when cached).
        if (queryExpression is MethodCallExpression { Method.Name: "ExecuteUpdate" or "ExecuteDelete" } call
            && call.Arguments.Count > 0
            && ElementType(call.Arguments[0].Type) == typeof(AuditEntry))
        {
            throw new InvalidOperationException(Message);
        }
        return queryExpression;
    }

    private static void Check(DbContext? context)
    {
        // Entries() runs DetectChanges first, so a property changed on a tracked entry is seen as Modified here.
        if (context?.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted) == true)
        {
            throw new InvalidOperationException(Message);
        }
    }

    private static Type? ElementType(Type sequence) =>
        sequence.IsGenericType && sequence.GetGenericTypeDefinition() == typeof(IQueryable<>) ? sequence.GetGenericArguments()[0]
        : sequence.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQueryable<>))?.GetGenericArguments()[0];
}
