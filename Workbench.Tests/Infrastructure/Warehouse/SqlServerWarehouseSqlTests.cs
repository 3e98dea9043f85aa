using Workbench.Infrastructure.Warehouse;
using Workbench.Infrastructure.Warehouse.SqlServer;

namespace Workbench.Tests.Infrastructure.Warehouse;

/// <summary>
/// SQL Server cannot run on the build machines: its warehouse is covered by these golden-SQL tests
/// only, not executed. Text here was checked against SQL Server 2017+ syntax (columnstore over
/// nvarchar(max) needs 2017; DROP TABLE IF EXISTS needs 2016).
/// </summary>
public sealed class SqlServerWarehouseSqlTests : WarehouseSqlTests
{
    protected override WarehouseSql Sql { get; } = new SqlServerWarehouseSql();

    protected override string ExpectedCreateTable =>
        """CREATE TABLE [ds_7] ([c1] bigint NULL, [c2] decimal(38,10) NULL, [c3] nvarchar(max) NULL, [c4] bit NULL, [c5] date NULL, [c6] datetime2 NULL, INDEX [cci] CLUSTERED COLUMNSTORE)""";

    protected override string ExpectedTableExists =>
        """SELECT count(*) FROM information_schema.tables WHERE table_schema = SCHEMA_NAME() AND table_name = @table""";

    protected override string ExpectedOrderedPage =>
        """SELECT [c3], [c1] FROM [ds_7] ORDER BY [c1], [c5] OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY""";

    protected override string ExpectedUnorderedPage =>
        """SELECT [c1] FROM [ds_7] ORDER BY (SELECT NULL) OFFSET 0 ROWS FETCH NEXT 100 ROWS ONLY""";

    protected override string ExpectedSwapIn =>
        """
        DROP TABLE IF EXISTS [ds_7]
        EXEC sp_rename N'ds_7__stage_0123456789ab', N'ds_7', N'OBJECT'
        """;

    protected override string ExpectedNullKeys =>
        """SELECT count(*) FROM [ds_7__stage_0123456789ab] WHERE [c1] IS NULL OR [c5] IS NULL""";

    protected override string ExpectedDuplicateKey =>
        """SELECT TOP (1) [c1], [c5], count(*) FROM [ds_7__stage_0123456789ab] GROUP BY [c1], [c5] HAVING count(*) > 1""";

    protected override string ExpectedUpsert =>
        """
        UPDATE t SET t.[c2] = s.[c2], t.[c3] = s.[c3], t.[c4] = s.[c4], t.[c6] = s.[c6] FROM [ds_7] AS t INNER JOIN [ds_7__stage_0123456789ab] AS s ON t.[c1] = s.[c1] AND t.[c5] = s.[c5]
        INSERT INTO [ds_7] ([c1], [c2], [c3], [c4], [c5], [c6]) SELECT s.[c1], s.[c2], s.[c3], s.[c4], s.[c5], s.[c6] FROM [ds_7__stage_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [ds_7] AS t WHERE t.[c1] = s.[c1] AND t.[c5] = s.[c5])
        """;

    protected override string ExpectedUpsertOfKeysOnly =>
        """INSERT INTO [ds_7] ([c1]) SELECT s.[c1] FROM [ds_7__stage_0123456789ab] AS s WHERE NOT EXISTS (SELECT 1 FROM [ds_7] AS t WHERE t.[c1] = s.[c1])""";

    protected override string ExpectedReadCheckpoint =>
        """SELECT [value] FROM [wb_checkpoints] WHERE [name] = @name""";

    protected override string ExpectedWriteCheckpoint =>
        """
        DELETE FROM [wb_checkpoints] WHERE [name] = @name
        INSERT INTO [wb_checkpoints] ([name], [value]) VALUES (@name, @value)
        """;
}
