using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

public class DifferentialCaseTests
{
    [Fact]
    public void A_case_round_trips_through_its_replayable_json()
    {
        var original = RandomPipelines.Generate(RandomPipelines.DefaultSeed, 3)[2];

        var json = original.ToJson();
        var replayed = DifferentialCase.FromJson(json);

        Assert.Equal(json, replayed.ToJson());
        Assert.Contains("\"datasets\"", json);
        Assert.Contains("\"pipeline\"", json);
        Assert.Contains("\"arguments\"", json);
        var before = new ReferenceEvaluator(original.Datasets).Evaluate(original.Pipeline, original.Arguments).ToResult();
        var after = new ReferenceEvaluator(replayed.Datasets).Evaluate(replayed.Pipeline, replayed.Arguments).ToResult();
        Assert.Null(ResultComparer.Compare(before, after, ordered: true));
    }

    [Fact]
    public void Replayable_json_keeps_every_value_type_and_Vietnamese_text_readable()
    {
        var table = new ReferenceTable(
            [
                new("Tên", ColumnType.Text), new("Số", ColumnType.Integer), new("Tỷ lệ", ColumnType.Number),
                new("Cờ", ColumnType.Boolean), new("Ngày", ColumnType.Date), new("Lúc", ColumnType.DateTime),
            ],
            [
                ["Đức Phổ", 42L, 0.125, true, new DateOnly(2020, 2, 29), new DateTime(2021, 3, 4, 5, 6, 7)],
                [null, null, null, null, null, null],
            ]);
        var original = new DifferentialCase(new Dictionary<string, ReferenceTable> { ["t"] = table }, """{"source":{"dataset":"t"},"steps":[]}""", """{"nam":2022}""");

        var json = original.ToJson();
        var replayed = DifferentialCase.FromJson(json).Datasets["t"];

        Assert.Contains("Đức Phổ", json);
        Assert.Contains("\"2020-02-29\"", json);
        Assert.Contains("\"2021-03-04T05:06:07\"", json);
        Assert.Equal(table.Columns, replayed.Columns);
        Assert.Equal(table.Rows, replayed.Rows);
        Assert.Equal(2022, (int)DifferentialCase.FromJson(json).Arguments["nam"]!);
    }

    [Fact]
    public async Task A_differing_runner_gets_a_report_that_ends_with_the_replayable_case()
    {
        var c = RandomPipelines.Generate(RandomPipelines.DefaultSeed, 40).First(x =>
            new ReferenceEvaluator(x.Datasets).Evaluate(x.Pipeline, x.Arguments).Rows.Count > 0);

        var report = await DifferentialTests.DifferenceAsync(new DroppingRunner(), c, TestContext.Current.CancellationToken);

        Assert.NotNull(report);
        Assert.StartsWith("Row counts differ", report);
        var replayed = DifferentialCase.FromJson(report[report.IndexOf("{\n  \"datasets\"", StringComparison.Ordinal)..]);
        Assert.Equal(c.ToJson(), replayed.ToJson());
    }

    [Fact]
    public async Task A_failing_runner_is_reported_as_a_difference()
    {
        var c = RandomPipelines.Generate(RandomPipelines.DefaultSeed, 1)[0];

        var report = await DifferentialTests.DifferenceAsync(new ThrowingRunner(), c, TestContext.Current.CancellationToken);

        Assert.StartsWith("The runner failed: InvalidOperationException: hỏng", report);
    }

    private sealed class DroppingRunner : IPipelineRunner
    {
        public Task<ResultTable> RunAsync(DifferentialCase c, CancellationToken ct)
        {
            var result = new ReferenceEvaluator(c.Datasets).Evaluate(c.Pipeline, c.Arguments);
            return Task.FromResult(new ResultTable(result.Columns, result.Rows.Skip(1).ToList()));
        }
    }

    private sealed class ThrowingRunner : IPipelineRunner
    {
        public Task<ResultTable> RunAsync(DifferentialCase c, CancellationToken ct) => throw new InvalidOperationException("hỏng");
    }
}
