using Workbench.Core.Access;
using Workbench.Core.Common;

namespace Workbench.Core.Connectors;

/// <summary>Where a connector's data comes from.</summary>
public enum ConnectorKind
{
    /// <summary>Pulls JSON from the providing agency's REST API.</summary>
    Rest,
    /// <summary>Pulls a table or a read-only query from the providing agency's database.</summary>
    Database,
    /// <summary>The providing agency pushes rows to the platform's API with a key of its own.</summary>
    Push,
    /// <summary>The providing agency uploads the next CSV/XLSX when it is due, and is reminded.</summary>
    FileDelivery,
}

/// <summary>
/// A data-ingestion service (Kết nối dữ liệu, Đ5.1/Đ5.5): a providing agency's system feeding one dataset on a
/// schedule, on the basis of the consuming agency's request and the providing agency's agreement. The source settings
/// are JSON of the kind's settings type; secrets are kept apart, encrypted, and never shown again.
/// </summary>
public sealed class Connector
{
    public int Id { get; set; }

    /// <summary>Short stable key, e.g. <c>dkkd-sokhdt</c>; names the recurring job and the watermark checkpoint.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public ConnectorKind Kind { get; set; }

    public int ProvidingAgencyId { get; set; }

    public int DatasetId { get; set; }

    public SyncMode Mode { get; set; }

    /// <summary>Five-field cron in the province's time; <see cref="SyncSchedule.FromCron"/> reads the editable ones.</summary>
    public required string Schedule { get; set; }

    /// <summary>The kind's settings (e.g. <c>RestSourceSettings</c>) as JSON, secrets excluded.</summary>
    public required string SettingsJson { get; set; }

    /// <summary>The secrets as Data Protection ciphertext; null when the source needs none.</summary>
    public string? ProtectedSecrets { get; set; }

    /// <summary>The consuming agency's request document (văn bản đề nghị).</summary>
    public LegalDocument? Request { get; set; }

    /// <summary>The providing agency's agreement document (văn bản thống nhất).</summary>
    public LegalDocument? Agreement { get; set; }

    /// <summary>Scheduled syncs run only while active; activation needs both documents.</summary>
    public bool IsActive { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The warehouse checkpoint an incremental sync keeps its watermark under.</summary>
    public string CheckpointName => "connector:" + Key;
}

/// <summary>
/// A document a connector or a grant rests on: its number, date and issuer, all required (Đ5.6). It lives here because
/// the connector's owned columns are mapped by this type's name; grants check theirs through it too.
/// </summary>
public sealed record LegalDocument(string Number, DateOnly Date, string Issuer)
{
    /// <summary>What is wrong with the document, each prefixed with <paramref name="label"/> (e.g. "Văn bản đề nghị") when given.</summary>
    public IEnumerable<string> Problems(string? label, DateOnly today)
    {
        string Labelled(string text) => label is null ? text : $"{label}: {text}";
        if (string.IsNullOrWhiteSpace(Number) || Number.Length > GrantRules.MaxLegalBasisLength)
        {
            yield return Labelled(Text.Pick("Hãy nhập số văn bản làm căn cứ (ví dụ 123/QĐ-UBND), tối đa {0} ký tự.",
                "Enter the number of the document it rests on (e.g. 123/QĐ-UBND), at most {0} characters.", GrantRules.MaxLegalBasisLength));
        }
        if (string.IsNullOrWhiteSpace(Issuer) || Issuer.Length > GrantRules.MaxIssuerLength)
        {
            yield return Labelled(Text.Pick("Hãy nhập cơ quan ban hành văn bản làm căn cứ, tối đa {0} ký tự.",
                "Enter who issued the document it rests on, at most {0} characters.", GrantRules.MaxIssuerLength));
        }
        if (Date == default || Date > today)
        {
            yield return Labelled(Text.Pick("Hãy nhập ngày ban hành văn bản (không sau hôm nay).", "Enter the document's date (not after today)."));
        }
    }
}
