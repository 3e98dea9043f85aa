using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Catalog;
using Workbench.Core.Quality;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Quality;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Quality;

/// <summary>Quality rules run through the query engine on DuckDB: each finds exactly its violations, nulls aside.</summary>
public sealed class QualityCheckerTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_rule_counts_exactly_its_violations_with_samples_and_the_score_averages_the_rules()
    {
        var key = await RegistrationsAsync("kiem-tra-chat-luong");
        await DistrictsAsync("huyen-tham-chieu");
        QualityRule[] rules =
        [
            new(QualityRuleKind.NotNull, ["Huyện"]),
            new(QualityRuleKind.Unique, ["Mã"]),
            new(QualityRuleKind.Range, ["Số"], Min: Json(0), Max: Json(100)),
            new(QualityRuleKind.Range, ["Ngày"], Min: Json("2024-01-01")),
            new(QualityRuleKind.Pattern, ["Điện thoại"], Pattern: "09%"),
            new(QualityRuleKind.AllowedValues, ["Huyện"], Values: [Json("Lý Sơn"), Json("Tư Nghĩa"), Json("Đức Phổ")]),
            new(QualityRuleKind.Reference, ["Huyện"], ReferenceDataset: "huyen-tham-chieu", ReferenceColumn: "Tên"),
        ];

        var report = (await Checker.CheckAsync(key, rules, Ct)).Value!;

        Assert.All(report.Results, r => Assert.Null(r.Error));
        Assert.Equal([1L, 1L, 2L, 1L, 1L, 1L, 1L], report.Results.Select(r => r.Violations));
        Assert.Equal("M3", report.Results[1].Samples.Single()[0]);
        Assert.Equal(["M2", "M3"], report.Results[2].Samples.Select(r => (string)r[0]!).Order());
        Assert.Equal("Ba Tơ", report.Results[6].Samples.Single()[1]);
        Assert.Equal(5, report.RowCount);
        Assert.Equal(77, report.Score);
    }

    [Fact]
    public async Task A_reference_column_with_the_same_name_as_the_checked_one_still_finds_the_missing_values()
    {
        var key = await RegistrationsAsync("tham-chieu-trung-ten");
        var owner = await app.Services.CallerAsync("quantri.stc");
        var datasets = app.Services.GetRequiredService<DatasetService>();
        Assert.Null((await datasets.CreateAsync(owner, new NewDataset("huyen-trung-ten", "Huyện", owner.AgencyId, [new NewColumn("Huyện", ColumnType.Text)]), Ct)).Error);
        Assert.Null((await datasets.LoadAsync(owner, "huyen-trung-ten", LoadMode.Append, [["Lý Sơn"], ["Ba Tơ"]], Ct)).Error);

        var report = (await Checker.CheckAsync(key, [new(QualityRuleKind.Reference, ["Huyện"], ReferenceDataset: "huyen-trung-ten", ReferenceColumn: "Huyện")], Ct)).Value!;

        Assert.Null(report.Results[0].Error);
        Assert.Equal(2, report.Results[0].Violations);
        Assert.Equal(new[] { "Tư Nghĩa", "Đức Phổ" }.Order(StringComparer.Ordinal), report.Results[0].Samples.Select(r => (string)r[1]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_rule_that_cannot_run_says_why_and_counts_as_broken()
    {
        var key = await RegistrationsAsync("quy-tac-sai");

        var report = (await Checker.CheckAsync(key,
            [new(QualityRuleKind.NotNull, ["Không có"]), new(QualityRuleKind.Pattern, ["Số"], Pattern: "1%"), new(QualityRuleKind.NotNull, ["Mã"]),
             new(QualityRuleKind.Range, ["Số"], Max: Json("nhiều")), new(QualityRuleKind.AllowedValues, ["Ngày"], Values: [Json("2024-13-45")])], Ct)).Value!;

        Assert.Contains("«Không có»", report.Results[0].Error);
        Assert.NotNull(report.Results[1].Error);
        Assert.Null(report.Results[2].Error);
        Assert.Contains("«nhiều»", report.Results[3].Error);
        Assert.Contains("2024-13-45", report.Results[4].Error);
        Assert.Equal(20, report.Score);
    }

    [Fact]
    public void Rules_say_themselves_in_words()
    {
        var (previous, previousFormat) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("vi-VN");
            Assert.Equal("«Số» trong khoảng 0 – 100", new QualityRule(QualityRuleKind.Range, ["Số"], Json(0), Json(100)).Describe());
            Assert.Equal("«Dân số» không lớn hơn 100.000", new QualityRule(QualityRuleKind.Range, ["Dân số"], Max: Json(100_000)).Describe());
            Assert.Equal("«Ngày» không nhỏ hơn 01/01/2024", new QualityRule(QualityRuleKind.Range, ["Ngày"], Min: Json("2024-01-01")).Describe());
            Assert.Equal("«Mã + Năm» không được trùng", new QualityRule(QualityRuleKind.Unique, ["Mã", "Năm"]).Describe());
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (previous, previousFormat);
        }
    }

    private QualityChecker Checker => app.Services.GetRequiredService<QualityChecker>();

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);

    private async Task<string> RegistrationsAsync(string key)
    {
        var owner = await app.Services.CallerAsync("quantri.skhdt");
        var datasets = app.Services.GetRequiredService<DatasetService>();
        Assert.Null((await datasets.CreateAsync(owner, new NewDataset(key, "Đăng ký " + key, owner.AgencyId,
            [new NewColumn("Mã", ColumnType.Text), new NewColumn("Huyện", ColumnType.Text), new NewColumn("Số", ColumnType.Integer),
             new NewColumn("Ngày", ColumnType.Date), new NewColumn("Điện thoại", ColumnType.Text)]), Ct)).Error);
        object?[][] rows =
        [
            ["M1", "Lý Sơn", 10L, new DateOnly(2024, 3, 1), "0905123456"],
            ["M2", "Tư Nghĩa", -5L, new DateOnly(2024, 5, 1), "0812345678"],
            ["M3", null, 50L, new DateOnly(2023, 12, 31), null],
            ["M3", "Ba Tơ", 150L, new DateOnly(2024, 1, 1), "0911111111"], // M3 again: a repeated key
            ["M5", "Đức Phổ", null, new DateOnly(2024, 2, 2), "0922"],
        ];
        Assert.Null((await datasets.LoadAsync(owner, key, LoadMode.Append, rows, Ct)).Error);
        return key;
    }

    private async Task DistrictsAsync(string key)
    {
        var owner = await app.Services.CallerAsync("quantri.stc");
        var datasets = app.Services.GetRequiredService<DatasetService>();
        Assert.Null((await datasets.CreateAsync(owner, new NewDataset(key, "Huyện", owner.AgencyId, [new NewColumn("Tên", ColumnType.Text)]), Ct)).Error);
        Assert.Null((await datasets.LoadAsync(owner, key, LoadMode.Append, [["Lý Sơn"], ["Tư Nghĩa"], ["Đức Phổ"]], Ct)).Error);
    }
}
