using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Infrastructure.Persistence;

namespace Workbench.Infrastructure.Audit;

/// <summary>Appends to the audit log. There is deliberately no update or delete here.</summary>
public sealed class AuditLog(IDbContextFactory<WorkbenchDbContext> contexts, TimeProvider time)
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task WriteAsync(Caller? caller, string action, string? target, object? details, CancellationToken cancellationToken, string? ipAddress = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(Entry(caller, action, target, details, ipAddress));
        // Note: not the caller's token: an action that happened is recorded even if the request is then cancelled.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>An entry to add to a context that saves it together with the change it records, in one transaction.</summary>
    internal AuditEntry Entry(Caller? caller, string action, string? target, object? details, string? ipAddress = null) => new()
    {
        At = time.GetUtcNow(),
        UserId = caller?.UserId,
        UserName = caller?.DisplayName,
        AgencyId = caller?.AgencyId,
        Action = action,
        Target = target,
        Details = details is null ? null : JsonSerializer.Serialize(details, DetailsJson),
        IpAddress = ipAddress,
    };
}
