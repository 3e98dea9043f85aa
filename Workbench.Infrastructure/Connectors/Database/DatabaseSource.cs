using System.Runtime.CompilerServices;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Database;
using Workbench.Core.Imports;

namespace Workbench.Infrastructure.Connectors.Database;

/// <summary>
/// Pulls rows from a SQL Server, PostgreSQL, SQLite or DuckDB source: a table or a read-only query, whole or from a
/// watermark on, streamed through a data reader in <see cref="SourceBatch"/>es of the settings' batch size, so a read
/// never holds more than a batch in memory. Values are converted to the mapped column types by <see cref="CellParser"/>.
/// </summary>
/// <remarks>
/// Every read runs where the engine itself refuses writes (see each <see cref="SourceEngine"/>); the text check on a
/// query is only the friendly first message. Failures surface as <see cref="SourceReadException"/>: transient ones
/// (connection, timeout, deadlock) are worth a retry, configuration ones (login, unknown table, permission, syntax,
/// a write) are not.
/// </remarks>
/// <param name="commandTimeout">How long the engine may take to start answering; a sorted read of a big table needs a while. Default 10 minutes.</param>
public sealed class DatabaseSource(TimeSpan? commandTimeout = null)
{
    /// <summary>The rows a dry run shows.</summary>
    public const int DryRunRows = 20;

    private readonly TimeSpan _timeout = commandTimeout ?? TimeSpan.FromMinutes(10);

    /// <summary>
    /// Reads the source in batches. With a watermark column the rows come in watermark order, from above
    /// <paramref name="sinceWatermark"/> when it is given, and a batch never ends between rows of the same watermark
    /// value, so each batch's <see cref="SourceBatch.Watermark"/> can be committed together with its rows.
    /// </summary>
    /// <param name="sinceWatermark">The watermark of the last committed batch (invariant text, as a batch reports it), or null for everything.</param>
    /// <exception cref="SourceReadException">The settings are invalid, the source refused or failed, or a mapped column is missing.</exception>
    public IAsyncEnumerable<SourceBatch> ReadAsync(
        DatabaseSourceSettings settings,
        DatabaseSecrets secrets,
        string? sinceWatermark,
        CancellationToken cancellationToken) =>
        ReadAsync(settings, secrets, sinceWatermark, checkQueryText: true, cancellationToken);

    /// <summary>The read; <paramref name="checkQueryText"/> false lets tests show that the engine refuses writes on its own.</summary>
    internal async IAsyncEnumerable<SourceBatch> ReadAsync(
        DatabaseSourceSettings settings,
        DatabaseSecrets secrets,
        string? sinceWatermark,
        bool checkQueryText,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var engine = SourceEngine.For(CheckEngine(settings));
        var from = FromClause(engine, settings, requireMappings: true, checkQueryText);
        var since = ParseSince(settings, sinceWatermark);
        await using var session = await OpenAsync(engine, secrets, cancellationToken);
        var columns = await Guarded(engine, () => ColumnsAsync(engine, session, from, cancellationToken), cancellationToken);
        await using var read = await Guarded(
            engine,
            () => BatchReader.StartAsync(engine, session, settings, from, columns, since, sinceWatermark, _timeout, cancellationToken),
            cancellationToken);
        while (await Guarded(engine, () => read.NextAsync(cancellationToken), cancellationToken) is { } batch)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Reads the first <see cref="DryRunRows"/> rows for the editor: as read, as mapped (when there are mappings), the
    /// values that did not convert, and a schema proposed from the source's column types.
    /// </summary>
    public async Task<DatabaseDryRun> DryRunAsync(DatabaseSourceSettings settings, DatabaseSecrets secrets, CancellationToken cancellationToken)
    {
        var engine = SourceEngine.For(CheckEngine(settings));
        var from = FromClause(engine, settings, requireMappings: false, checkQueryText: true);
        await using var session = await OpenAsync(engine, secrets, cancellationToken);
        return await Guarded(engine, async () =>
        {
            var columns = await ColumnsAsync(engine, session, from, cancellationToken);
            var plan = ReadPlan.Resolve(engine, settings, columns);
            await using var command = session.Command(engine.Sql.Preview(from, DryRunRows), _timeout);
            using var stop = engine.StopOnCancel(command, cancellationToken);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var raw = new List<string?[]>();
            var mapped = new List<object?[]>();
            var problems = new List<ConversionProblem>();
            var values = new object?[reader.FieldCount];
            long record = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                SourceValues.Read(reader, values);
                record++;
                raw.Add([.. values.Select(SourceValues.Text)]);
                if (settings.Mappings.Count > 0 && plan.Convert(values, record, problems) is { } row)
                {
                    mapped.Add(row);
                }
            }
            return new DatabaseDryRun(
                columns,
                raw,
                mapped,
                problems,
                settings.Mappings.Count > 0 ? plan.Unmapped : [],
                [.. columns.Select(c => new FieldMapping(c.Name, c.ProposedType, c.Name))]);
        }, cancellationToken);
    }

    /// <summary>The columns of the settings' table or query, with their engine types and the dataset types proposed for them.</summary>
    public async Task<IReadOnlyList<SourceColumn>> ListColumnsAsync(DatabaseSourceSettings settings, DatabaseSecrets secrets, CancellationToken cancellationToken)
    {
        var engine = SourceEngine.For(CheckEngine(settings));
        var from = FromClause(engine, settings, requireMappings: false, checkQueryText: true);
        await using var session = await OpenAsync(engine, secrets, cancellationToken);
        return await Guarded(engine, () => ColumnsAsync(engine, session, from, cancellationToken), cancellationToken);
    }

    private static DatabaseEngine CheckEngine(DatabaseSourceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Enum.IsDefined(settings.Engine) ? settings.Engine : throw Invalid(settings.Validate());
    }

    private static string FromClause(SourceEngine engine, DatabaseSourceSettings settings, bool requireMappings, bool checkQueryText)
    {
        var checkedSettings = checkQueryText || settings.Query is null ? settings : settings with { Query = "SELECT 1" };
        if (checkedSettings.Validate(requireMappings) is { Count: > 0 } problems)
        {
            throw Invalid(problems);
        }
        return checkQueryText || settings.Query is null
            ? engine.Sql.From(settings)
            : DatabaseSourceSql.FromQuery(settings.Query.Trim());
    }

    private static SourceReadException Invalid(IReadOnlyList<string> problems) =>
        new(SourceErrorKind.Configuration, string.Join(" ", problems));

    private static object? ParseSince(DatabaseSourceSettings settings, string? sinceWatermark)
    {
        if (sinceWatermark is null || settings.WatermarkType is not { } type)
        {
            return null;
        }
        return CellParser.TryParse(sinceWatermark, type, NumberStyle.Invariant, out var value) && value is not null
            ? value
            : throw new SourceReadException(SourceErrorKind.Configuration, Text.Pick(
                "Mốc đồng bộ đã lưu «{0}» không đọc được theo kiểu {1} của cột mốc «{2}».",
                "The stored watermark '{0}' does not read as the {1} type of the watermark column '{2}'.",
                sinceWatermark, type.ToContractName(), settings.WatermarkColumn));
    }

    private static async Task<SourceSession> OpenAsync(SourceEngine engine, DatabaseSecrets secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        try
        {
            return await Guarded(engine, () => engine.OpenReadOnlyAsync(secrets.ConnectionString, cancellationToken), cancellationToken);
        }
        catch (ArgumentException e)
        {
            // The builders name the bad keyword, never a value, so the message cannot leak a password.
            throw new SourceReadException(SourceErrorKind.Configuration, Text.Pick(
                "Chuỗi kết nối tới nguồn {0} không hợp lệ: {1}",
                "The connection string of the {0} source is not valid: {1}",
                engine.Engine, e.Message), e);
        }
    }

    private static async Task<IReadOnlyList<SourceColumn>> ColumnsAsync(SourceEngine engine, SourceSession session, string from, CancellationToken cancellationToken)
    {
        await using var command = session.Command(engine.Sql.Columns(from), TimeSpan.FromMinutes(1));
        using var stop = engine.StopOnCancel(command, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new List<SourceColumn>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var typeName = reader.GetDataTypeName(i);
            Type? clrType;
            try
            {
                clrType = reader.GetFieldType(i);
            }
            catch (InvalidOperationException)
            {
                clrType = null; // SQLite knows a column's type only from a row or its declaration
            }
            columns.Add(new SourceColumn(reader.GetName(i), typeName, SourceColumnTypes.Propose(typeName, clrType)));
        }
        return columns;
    }

    private static async Task<T> Guarded<T>(SourceEngine engine, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not SourceReadException)
        {
            // The driver reports a cancelled statement as its own error; the caller asked for it, it is not a failure.
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException && engine.Translate(e) is { } translated)
        {
            throw translated;
        }
    }
}
