using System.Text.Json.Nodes;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Rest;
using Workbench.Infrastructure.Connectors.Rest;
using Workbench.Tests.Core.Connectors;
using Workbench.Tests.Fixtures;
using static Workbench.Tests.Infrastructure.Connectors.RestSources;

namespace Workbench.Tests.Infrastructure.Connectors;

public class RestSourceFaultTests
{
    [Fact]
    public async Task A_server_error_is_transient_and_the_pages_before_it_were_yielded()
    {
        using var _ = new UiCulture("en-US");
        await using var source = await FakeRestSource.StartAsync();
        source.FailOnPage = 3;

        var (batches, failure) = await ReadUntilFailureAsync(Paged(source));

        Assert.Equal(AllCodes(20), Codes(batches));
        Assert.Equal(SourceErrorKind.Transient, failure.Kind);
        Assert.Contains("answered HTTP 500", failure.Message);
    }

    [Theory]
    [InlineData(408, SourceErrorKind.Transient)]
    [InlineData(429, SourceErrorKind.Transient)]
    [InlineData(502, SourceErrorKind.Transient)]
    [InlineData(503, SourceErrorKind.Transient)]
    [InlineData(400, SourceErrorKind.Configuration)]
    [InlineData(404, SourceErrorKind.Configuration)]
    [InlineData(403, SourceErrorKind.Configuration)]
    public async Task A_status_is_transient_only_when_a_retry_may_help(int status, SourceErrorKind kind)
    {
        await using var source = await FakeRestSource.StartAsync();
        source.StatusOnPage = (2, status);

        var (batches, failure) = await ReadUntilFailureAsync(Paged(source));

        Assert.Single(batches);
        Assert.Equal(kind, failure.Kind);
        Assert.Contains($"HTTP {status}", failure.Message);
    }

    [Fact]
    public async Task A_client_error_quotes_what_the_source_said()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.StatusOnPage = (1, 400);

        var (_, failure) = await ReadUntilFailureAsync(Paged(source));

        Assert.Contains("tham số không hợp lệ", failure.Message);
    }

    [Fact]
    public async Task A_page_slower_than_the_request_timeout_is_transient()
    {
        using var _ = new UiCulture("en-US");
        await using var source = await FakeRestSource.StartAsync();
        source.HangOnPage = 2;

        var (batches, failure) = await ReadUntilFailureAsync(Paged(source) with { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        Assert.Single(batches);
        Assert.Equal(SourceErrorKind.Transient, failure.Kind);
        Assert.Contains("did not answer in full within 0.3 seconds", failure.Message);
        Assert.True(source.PageHanging.IsCompleted);
    }

    [Fact]
    public async Task Cancelling_a_read_cancels_it_rather_than_failing_it()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.HangOnPage = 2;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var batches = 0;
        var read = Task.Run(async () =>
        {
            await foreach (var _ in new RestSource(Http).ReadAsync(Paged(source), AllSecrets, null, cancel.Token))
            {
                batches++;
            }
        }, TestContext.Current.CancellationToken);

        await source.PageHanging.WaitAsync(TestContext.Current.CancellationToken);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.Equal(1, batches);
    }

    [Fact]
    public async Task Malformed_json_is_malformed_with_its_position()
    {
        using var _ = new UiCulture("en-US");
        await using var source = await FakeRestSource.StartAsync();
        source.MalformedOnPage = 4;

        var (batches, failure) = await ReadUntilFailureAsync(Paged(source));

        Assert.Equal(3, batches.Count);
        Assert.Equal(SourceErrorKind.Malformed, failure.Kind);
        Assert.Matches(@"is not valid JSON \(line 1, byte \d+\)", failure.Message);
    }

    [Fact]
    public async Task A_dropped_connection_mid_page_is_transient()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.DropOnPage = 5;

        var (batches, failure) = await ReadUntilFailureAsync(Paged(source));

        Assert.Equal(AllCodes(40), Codes(batches));
        Assert.Equal(SourceErrorKind.Transient, failure.Kind);
    }

    [Fact]
    public async Task A_source_that_cannot_be_reached_is_transient()
    {
        var source = await FakeRestSource.StartAsync();
        var settings = Paged(source);
        await source.DisposeAsync();

        var (_, failure) = await ReadUntilFailureAsync(settings);

        Assert.Equal(SourceErrorKind.Transient, failure.Kind);
    }

    [Fact]
    public async Task A_field_renamed_from_page_3_on_fails_as_a_missing_field_after_two_pages()
    {
        using var _ = new UiCulture("en-US");
        await using var source = await FakeRestSource.StartAsync();
        source.EditRecord = (page, _, record) =>
        {
            if (page >= 3)
            {
                record["soDan"] = record["danSo"]!.DeepClone();
                record.Remove("danSo");
            }
        };

        var (batches, failure) = await ReadUntilFailureAsync(Paged(source));

        Assert.Equal(AllCodes(20), Codes(batches));
        Assert.Equal(SourceErrorKind.MissingField, failure.Kind);
        Assert.StartsWith("The field 'danSo' (column 'Dân số') is in none of records 21 to 30: it may have been renamed", failure.Message);
        Assert.EndsWith("Fields in these records that no mapping reads: loai, laDoThi, ngayThanhLap, xa, soDan.", failure.Message);
    }

    [Fact]
    public async Task A_new_source_field_is_reported_as_unmapped_and_not_loaded()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.EditRecord = (page, n, record) =>
        {
            if (page >= 2)
            {
                record["maBuuChinh"] = $"51{n:000}";
            }
        };

        var batches = await ReadAllAsync(Paged(source));

        Assert.Equal(["loai", "laDoThi", "ngayThanhLap", "xa"], batches[0].UnmappedFields);
        Assert.Equal(["loai", "laDoThi", "ngayThanhLap", "xa", "maBuuChinh"], batches[1].UnmappedFields);
        Assert.All(batches.SelectMany(b => b.Rows), row => Assert.Equal(Mappings.Length, row.Length));
    }

    [Fact]
    public async Task A_value_that_does_not_convert_is_reported_with_its_record_number_and_the_rest_load()
    {
        await using var source = await FakeRestSource.StartAsync();
        source.EditRecord = (_, n, record) =>
        {
            if (n == 37)
            {
                record["danSo"] = "khoảng 90 nghìn";
            }
        };

        var batches = await ReadAllAsync(Paged(source));

        Assert.Equal(AllCodes().Where(code => code != "D037"), Codes(batches));
        var problem = Assert.Single(batches.SelectMany(b => b.Problems));
        Assert.Equal((37L, "Dân số", "khoảng 90 nghìn"), (problem.RecordNumber, problem.Column, problem.RawValue));
        Assert.Single(batches[3].Problems);
        Assert.Equal(10, batches[3].RecordsRead);
    }

    [Fact]
    public async Task A_records_path_that_is_not_there_is_malformed_and_says_why()
    {
        using var _ = new UiCulture("en-US");
        await using var source = await FakeRestSource.StartAsync();

        var (_, failure) = await ReadUntilFailureAsync(Paged(source) with { RecordsPath = "$.data.records" });

        Assert.Equal(SourceErrorKind.Malformed, failure.Kind);
        Assert.Contains("'$.data' has no field 'records'", failure.Message);
    }

    [Fact]
    public async Task A_records_path_that_is_not_an_array_is_malformed()
    {
        using var _ = new UiCulture("en-US");
        await using var source = await FakeRestSource.StartAsync();

        var (_, failure) = await ReadUntilFailureAsync(Paged(source) with { RecordsPath = "$.data" });

        Assert.Equal(SourceErrorKind.Malformed, failure.Kind);
        Assert.Contains("'$.data' in the answer from", failure.Message);
        Assert.Contains("is an object, not an array of records", failure.Message);
    }

    [Fact]
    public async Task Invalid_settings_fail_as_configuration_before_any_request()
    {
        await using var source = await FakeRestSource.StartAsync();

        var (_, failure) = await ReadUntilFailureAsync(Paged(source) with { RecordsPath = "data..items" });

        Assert.Equal(SourceErrorKind.Configuration, failure.Kind);
        Assert.Equal(0, source.Pages);
    }
}
