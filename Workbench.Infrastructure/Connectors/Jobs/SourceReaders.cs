using System.Text.Json;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Connectors.Rest;
using Workbench.Infrastructure.Connectors.Database;
using Workbench.Infrastructure.Connectors.Rest;

namespace Workbench.Infrastructure.Connectors.Jobs;

/// <summary>A connector's read function and the dataset columns its values go to, in the order the source gives them.</summary>
public sealed record SourceReader(IReadOnlyList<string> Columns, Func<string?, CancellationToken, IAsyncEnumerable<SourceBatch>> Read);

/// <summary>Builds the read of a pull connector from its settings and secrets; tests replace it with a source they control.</summary>
public interface ISourceReaders
{
    /// <returns>The reader, or an error saying why this connector cannot be pulled (push, file delivery, unreadable settings).</returns>
    Result<SourceReader> For(Connector connector, string? secretsJson);
}

/// <summary>REST and database connectors read through <see cref="RestSource"/> and <see cref="DatabaseSource"/>.</summary>
public sealed class SourceReaders(RestSource rest, DatabaseSource database) : ISourceReaders
{
    public Result<SourceReader> For(Connector connector, string? secretsJson)
    {
        try
        {
            switch (connector.Kind)
            {
                case ConnectorKind.Rest:
                    var restSettings = JsonSerializer.Deserialize<RestSourceSettings>(connector.SettingsJson, JsonSerializerOptions.Web)!;
                    var restSecrets = secretsJson is null ? RestSecrets.Empty : JsonSerializer.Deserialize<RestSecrets>(secretsJson, JsonSerializerOptions.Web)!;
                    return new SourceReader([.. restSettings.Mappings.Select(m => m.Column)],
                        (since, ct) => rest.ReadAsync(restSettings, restSecrets, since, ct));
                case ConnectorKind.Database:
                    var databaseSettings = JsonSerializer.Deserialize<DatabaseSourceSettings>(connector.SettingsJson, JsonSerializerOptions.Web)!;
                    var databaseSecrets = secretsJson is null ? null : JsonSerializer.Deserialize<DatabaseSecrets>(secretsJson, JsonSerializerOptions.Web);
                    if (databaseSecrets is null)
                    {
                        return ConnectorJobErrors.Unreadable(connector, Text.Pick("chưa có chuỗi kết nối", "no connection string"));
                    }
                    return new SourceReader([.. databaseSettings.Mappings.Select(m => m.Column)],
                        (since, ct) => database.ReadAsync(databaseSettings, databaseSecrets, since, ct));
                default:
                    return ConnectorJobErrors.NotPulled(connector);
            }
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException)
        {
            return ConnectorJobErrors.Unreadable(connector, exception.Message);
        }
    }
}

/// <summary>Why a connector's run did not start, each saying what to do.</summary>
public static class ConnectorJobErrors
{
    public static Error NotPulled(Connector connector) => new(ErrorKind.Invalid, "connector.not-pulled", connector.Kind == ConnectorKind.Push
        ? Text.Pick("Kết nối «{0}» nhận dữ liệu do cơ quan cung cấp đẩy lên qua API, nên không có lần đồng bộ kéo về để chạy.",
            "Connector '{0}' receives the rows the providing agency pushes through the API, so there is no pull sync to run.", connector.Name)
        : Text.Pick("Kết nối «{0}» nhận tệp do cơ quan cung cấp gửi theo lịch, nên không có lần đồng bộ kéo về để chạy.",
            "Connector '{0}' receives the files the providing agency delivers on schedule, so there is no pull sync to run.", connector.Name));

    public static Error Unreadable(Connector connector, string reason) => new(ErrorKind.Invalid, "connector.settings-unreadable",
        Text.Pick("Cấu hình nguồn của kết nối «{0}» không đọc được ({1}); hãy mở và lưu lại kết nối.",
            "The source settings of connector '{0}' cannot be read ({1}); open and save the connector again.", connector.Name, reason));

    public static Error AlreadyRunning(string key) => new(ErrorKind.Conflict, "connector.already-running",
        Text.Pick("Kết nối «{0}» đang đồng bộ; mỗi kết nối chỉ chạy một lần đồng bộ một lúc. Hãy chờ lần này xong hoặc hủy nó.",
            "Connector '{0}' is syncing; a connector runs one sync at a time. Wait for it to finish or cancel it.", key));

    public static Error NotRunning(string key) => new(ErrorKind.Conflict, "connector.not-running",
        Text.Pick("Kết nối «{0}» không có lần đồng bộ nào đang chạy.", "Connector '{0}' has no sync running.", key));

    public static Error NoLegalBasis(string problem) => new(ErrorKind.Invalid, "connector.no-legal-basis", problem);
}
