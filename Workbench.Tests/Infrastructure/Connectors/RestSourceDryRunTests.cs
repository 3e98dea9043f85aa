using Workbench.Core.Catalog;
using Workbench.Core.Connectors.Rest;
using Workbench.Infrastructure.Connectors.Rest;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Connectors.RestSources;

namespace Workbench.Tests.Infrastructure.Connectors;

public class RestSourceDryRunTests
{
    [Fact]
    public async Task A_dry_run_reads_only_the_first_page_and_shows_raw_records_mapped_rows_and_a_schema()
    {
        await using var source = await FakeRestSource.StartAsync();

        var dryRun = await new RestSource(Http).DryRunAsync(Paged(source, size: 50), AllSecrets, TestContext.Current.CancellationToken);

        Assert.Equal(1, source.Pages);
        Assert.Equal(50, dryRun.RecordCount);
        Assert.Equal(RestDryRun.MaxRawRecords, dryRun.RawRecords.Count);
        Assert.Contains("\"ten\": \"Huyện Tam Kỳ 1\"", dryRun.RawRecords[0]);
        Assert.Equal(50, dryRun.Batch!.Rows.Count);
        Assert.Null(dryRun.MappingError);
        Assert.Equal(
            [
                ("ma", ColumnType.Text), ("ten", ColumnType.Text), ("loai", ColumnType.Text), ("danSo", ColumnType.Integer),
                ("dienTich", ColumnType.Number), ("laDoThi", ColumnType.Boolean), ("diaChi.tinh", ColumnType.Text), ("diaChi.vung", ColumnType.Text),
                ("diaChi.toaDo.viDo", ColumnType.Number), ("diaChi.toaDo.kinhDo", ColumnType.Number), ("ngayThanhLap", ColumnType.Date),
                ("capNhatLuc", ColumnType.DateTime), ("xa", ColumnType.Text),
            ],
            dryRun.ProposedSchema.Select(c => (c.SourcePath, c.Type)));
    }

    [Fact]
    public async Task A_new_connector_without_mappings_gets_a_schema_it_can_map_with()
    {
        await using var source = await FakeRestSource.StartAsync();
        var settings = Paged(source) with { Mappings = [] };

        var dryRun = await new RestSource(Http).DryRunAsync(settings, AllSecrets, TestContext.Current.CancellationToken);
        var mapped = await ReadAllAsync(settings with { Mappings = [.. dryRun.ProposedSchema.Select(c => c.ToMapping())] });

        Assert.Null(dryRun.Batch);
        Assert.Equal(FakeRestSource.RecordCount, mapped.Sum(b => b.Rows.Count));
        Assert.All(mapped, b => Assert.Empty(b.UnmappedFields));
        Assert.All(mapped, b => Assert.Empty(b.Problems));
    }

    [Fact]
    public async Task A_dry_run_shows_a_missing_field_instead_of_failing()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.EditRecord = (_, _, record) => record.Remove("danSo");

        var dryRun = await new RestSource(Http).DryRunAsync(Paged(source), AllSecrets, TestContext.Current.CancellationToken);

        Assert.Null(dryRun.Batch);
        Assert.Contains("danSo", dryRun.MappingError);
        Assert.DoesNotContain(dryRun.ProposedSchema, c => c.SourcePath == "danSo");
    }
}
