using Workbench.Core.Access;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Connectors.Rest;
using Workbench.Infrastructure.Connectors.Database;
using Workbench.Infrastructure.Connectors.Rest;

namespace Workbench.Infrastructure.Connectors;

/// <summary>
/// "Thử kết nối" in the connector editor: the first page of the source as the settings being edited read it. Secrets
/// left empty in the editor are the stored ones of the connector being edited; they are used here and never returned.
/// </summary>
public sealed class ConnectorDryRuns(ConnectorService connectors, RestSource rest, DatabaseSource database)
{
    /// <param name="secrets">The secrets typed in the editor, or null to use those stored for <paramref name="connectorKey"/>.</param>
    public async Task<Result<RestDryRun>> RestAsync(
        Caller caller, RestSourceSettings settings, RestSecrets? secrets, string? connectorKey, CancellationToken cancellationToken)
    {
        var stored = await StoredSecretsAsync<RestSecrets>(caller, secrets is null ? connectorKey : null, cancellationToken);
        if (stored.Error is { } error)
        {
            return error;
        }
        return await TryAsync(() => rest.DryRunAsync(settings, secrets ?? stored.Value ?? RestSecrets.Empty, cancellationToken));
    }

    /// <param name="secrets">The connection string typed in the editor, or null to use the one stored for <paramref name="connectorKey"/>.</param>
    public async Task<Result<DatabaseDryRun>> DatabaseAsync(
        Caller caller, DatabaseSourceSettings settings, DatabaseSecrets? secrets, string? connectorKey, CancellationToken cancellationToken)
    {
        var stored = await StoredSecretsAsync<DatabaseSecrets>(caller, secrets is null ? connectorKey : null, cancellationToken);
        if (stored.Error is { } error)
        {
            return error;
        }
        if ((secrets ?? stored.Value) is not { } connection)
        {
            return new Error(ErrorKind.Invalid, "connector.dry-run.no-connection",
                Text.Pick("Hãy nhập chuỗi kết nối tới cơ sở dữ liệu nguồn.", "Enter the source database's connection string."));
        }
        return await TryAsync(() => database.DryRunAsync(settings, connection, cancellationToken));
    }

    private async Task<Result<T?>> StoredSecretsAsync<T>(Caller caller, string? connectorKey, CancellationToken cancellationToken) where T : class
    {
        if (!ConnectorRules.CanManage(caller))
        {
            return ConnectorErrors.NoRight();
        }
        if (connectorKey is null)
        {
            return (T?)null;
        }
        var connector = await connectors.GetAsync(caller, connectorKey, cancellationToken);
        if (connector.Error is { } error)
        {
            return error;
        }
        return connectors.SecretsJsonOf(connector.Value!) is { } json
            ? System.Text.Json.JsonSerializer.Deserialize<T>(json, System.Text.Json.JsonSerializerOptions.Web)
            : null;
    }

    // The source's own words (HTTP status, missing path, refused login) are what the administrator needs to fix it.
    private static async Task<Result<T>> TryAsync<T>(Func<Task<T>> dryRun)
    {
        try
        {
            return await dryRun();
        }
        catch (SourceReadException exception)
        {
            return new Error(ErrorKind.Invalid, "connector.dry-run." + exception.Kind.ToString().ToLowerInvariant(), exception.Message);
        }
    }
}
