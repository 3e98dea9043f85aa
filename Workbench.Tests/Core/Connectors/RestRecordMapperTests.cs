using System.Text.Json;
using Workbench.Core.Catalog;
using Workbench.Core.Connectors;
using Workbench.Core.Connectors.Rest;

namespace Workbench.Tests.Core.Connectors;

public class RestRecordMapperTests
{
    private static readonly FieldMapping[] Mappings =
    [
        new("Mã", ColumnType.Text, "ma"),
        new("Dân số", ColumnType.Integer, "danSo"),
        new("Diện tích", ColumnType.Number, "dienTich"),
        new("Đô thị", ColumnType.Boolean, "laDoThi"),
        new("Tỉnh", ColumnType.Text, "diaChi.tinh"),
        new("Ngày thành lập", ColumnType.Date, "ngayThanhLap"),
    ];

    private static JsonElement Records(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Json_values_become_column_values_in_mapping_order()
    {
        var mapper = new RestRecordMapper(Mappings);

        var batch = mapper.MapPage(Records("""
            [{"ma": "D001", "danSo": 41234, "dienTich": 103.75, "laDoThi": false, "diaChi": {"tinh": "Quảng Nam"}, "ngayThanhLap": "1990-02-11"},
             {"ma": "D002", "danSo": "42468", "dienTich": 107, "laDoThi": "có", "diaChi": null, "ngayThanhLap": null}]
            """));

        Assert.Equal(
            [
                ["D001", 41234L, 103.75, false, "Quảng Nam", new DateOnly(1990, 2, 11)],
                ["D002", 42468L, 107d, true, null, null],
            ],
            batch.Rows);
        Assert.Empty(batch.Problems);
        Assert.Equal(2, batch.RecordsRead);
    }

    [Theory]
    [InlineData("12", ColumnType.Integer, 12L)]
    [InlineData("12.0", ColumnType.Integer, 12L)]
    [InlineData("1e3", ColumnType.Integer, 1000L)]
    [InlineData("12.5", ColumnType.Number, 12.5)]
    [InlineData("\"12.5\"", ColumnType.Number, 12.5)]
    [InlineData("12345678901234567890", ColumnType.Text, "12345678901234567890")]
    [InlineData("true", ColumnType.Text, "true")]
    [InlineData("1", ColumnType.Boolean, true)]
    [InlineData("[1,2]", ColumnType.Text, "[1,2]")]
    [InlineData("\"2024-03-01T08:30:00\"", ColumnType.DateTime, "2024-03-01T08:30:00")]
    [InlineData("null", ColumnType.Date, null)]
    public void Json_values_convert_by_the_cell_parser_conventions(string json, ColumnType type, object? expected)
    {
        Assert.True(JsonValues.TryConvert(Records(json), type, out var value));
        Assert.Equal(type == ColumnType.DateTime ? DateTime.Parse((string)expected!, System.Globalization.CultureInfo.InvariantCulture) : expected, value);
    }

    [Theory]
    [InlineData("12.5", ColumnType.Integer)]
    [InlineData("true", ColumnType.Integer)]
    [InlineData("\"nhiều\"", ColumnType.Integer)]
    [InlineData("{}", ColumnType.Number)]
    [InlineData("2", ColumnType.Boolean)]
    [InlineData("20240301", ColumnType.Date)]
    public void Json_values_that_do_not_fit_are_refused(string json, ColumnType type)
    {
        Assert.False(JsonValues.TryConvert(Records(json), type, out _));
    }

    [Fact]
    public void A_record_with_a_bad_value_is_left_out_and_reported_with_its_number_across_pages()
    {
        using var _ = new UiCulture("en-US");
        var mapper = new RestRecordMapper([new FieldMapping("Mã", ColumnType.Text, "ma"), new FieldMapping("Dân số", ColumnType.Integer, "danSo")]);
        mapper.MapPage(Records("""[{"ma": "D001", "danSo": 1}, {"ma": "D002", "danSo": 2}]"""));

        var batch = mapper.MapPage(Records("""[{"ma": "D003", "danSo": "nhiều"}, {"ma": "D004", "danSo": 4}]"""));

        Assert.Equal([["D004", 4L]], batch.Rows);
        var problem = Assert.Single(batch.Problems);
        Assert.Equal(new ConversionProblem(3, "Dân số", "nhiều", "Record 3, field 'danSo': 'nhiều' is not a valid integer (1234)."), problem);
        Assert.Equal(4, mapper.RecordsRead);
    }

    [Fact]
    public void A_field_missing_from_every_record_of_a_page_fails_and_may_have_been_renamed()
    {
        using var _ = new UiCulture("en-US");
        var mapper = new RestRecordMapper([new FieldMapping("Mã", ColumnType.Text, "ma"), new FieldMapping("Dân số", ColumnType.Integer, "danSo")]);
        mapper.MapPage(Records("""[{"ma": "D001", "danSo": 1}]"""));

        var failure = Assert.Throws<SourceReadException>(() => mapper.MapPage(Records("""[{"ma": "D002", "soDan": 2}, {"ma": "D003", "soDan": 3}]""")));

        Assert.Equal(SourceErrorKind.MissingField, failure.Kind);
        Assert.Equal(
            "The field 'danSo' (column 'Dân số') is in none of records 2 to 3: it may have been renamed or removed at the source. Check the field mapping. Fields in these records that no mapping reads: soDan.",
            failure.Message);
    }

    [Fact]
    public void A_field_only_some_records_lack_is_null_in_those()
    {
        var mapper = new RestRecordMapper([new FieldMapping("Mã", ColumnType.Text, "ma"), new FieldMapping("Tỉnh", ColumnType.Text, "diaChi.tinh")]);

        var batch = mapper.MapPage(Records("""[{"ma": "D001"}, {"ma": "D002", "diaChi": {"tinh": "Quảng Nam"}}]"""));

        Assert.Equal([["D001", null], ["D002", "Quảng Nam"]], batch.Rows);
    }

    [Fact]
    public void Top_level_fields_no_mapping_reads_are_reported_as_unmapped()
    {
        var mapper = new RestRecordMapper([new FieldMapping("Tỉnh", ColumnType.Text, "diaChi.tinh")], new RestWatermark("capNhatSau", "capNhatLuc", ColumnType.DateTime));

        var batch = mapper.MapPage(Records("""
            [{"ma": "D001", "diaChi": {"tinh": "Quảng Nam", "vung": "x"}, "capNhatLuc": null},
             {"ma": "D002", "maBuuChinh": "51000", "diaChi": null}]
            """));

        Assert.Equal(["ma", "maBuuChinh"], batch.UnmappedFields);
    }

    [Fact]
    public void The_watermark_is_the_highest_value_seen_compared_as_its_type()
    {
        var mapper = new RestRecordMapper([new FieldMapping("Mã", ColumnType.Text, "ma")], new RestWatermark("tu", "phienBan", ColumnType.Integer), sinceWatermark: "5");

        var first = mapper.MapPage(Records("""[{"ma": "a", "phienBan": 9}, {"ma": "b", "phienBan": 10}, {"ma": "c", "phienBan": 7}]"""));
        var second = mapper.MapPage(Records("""[{"ma": "d", "phienBan": 8}]"""));

        Assert.Equal("10", first.Watermark);
        Assert.Equal("10", second.Watermark);
    }

    [Fact]
    public void The_watermark_never_goes_below_where_the_read_started()
    {
        var mapper = new RestRecordMapper([new FieldMapping("Mã", ColumnType.Text, "ma")], new RestWatermark("tu", "capNhatLuc", ColumnType.DateTime), sinceWatermark: "2024-03-05T00:00:00");

        Assert.Equal("2024-03-05T00:00:00", mapper.MapPage(Records("""[]""")).Watermark);
        Assert.Equal("2024-03-05T00:00:00", mapper.MapPage(Records("""[{"ma": "a", "capNhatLuc": "2024-03-01T00:00:00"}]""")).Watermark);
        Assert.Equal("2024-03-06T07:30:00", mapper.MapPage(Records("""[{"ma": "b", "capNhatLuc": "2024-03-06 07:30"}]""")).Watermark);
    }

    [Fact]
    public void A_bad_watermark_value_that_is_also_a_column_is_reported_once()
    {
        var mapper = new RestRecordMapper([new FieldMapping("Cập nhật", ColumnType.DateTime, "capNhatLuc")], new RestWatermark("tu", "$.capNhatLuc", ColumnType.DateTime));

        var batch = mapper.MapPage(Records("""[{"capNhatLuc": "hôm qua"}, {"capNhatLuc": "2024-03-02T10:00:00"}]"""));

        Assert.Equal(1, Assert.Single(batch.Problems).RecordNumber);
        Assert.Equal("2024-03-02T10:00:00", batch.Watermark);
    }

    [Fact]
    public void A_bad_watermark_value_leaves_its_record_out()
    {
        var mapper = new RestRecordMapper([new FieldMapping("Mã", ColumnType.Text, "ma")], new RestWatermark("tu", "capNhatLuc", ColumnType.DateTime));

        var batch = mapper.MapPage(Records("""[{"ma": "a", "capNhatLuc": "hôm qua"}, {"ma": "b", "capNhatLuc": "2024-03-02T10:00:00"}]"""));

        Assert.Equal([["b"]], batch.Rows);
        Assert.Equal(("capNhatLuc", "hôm qua"), (batch.Problems[0].Column, batch.Problems[0].RawValue));
    }

    [Fact]
    public void A_record_that_is_not_an_object_is_malformed()
    {
        var failure = Assert.Throws<SourceReadException>(() => new RestRecordMapper(Mappings).MapPage(Records("""[1, 2]""")));

        Assert.Equal(SourceErrorKind.Malformed, failure.Kind);
    }

    [Fact]
    public void A_schema_is_proposed_from_nested_fields_with_inferred_types()
    {
        var proposal = RestSchemaProposal.Propose(Records("""
            [{"ma": "D001", "danSo": 41234, "dienTich": 103.75, "laDoThi": false, "diaChi": {"tinh": "Quảng Nam", "toaDo": {"viDo": 15.01}},
              "ngay": "1990-02-11", "capNhatLuc": "2024-03-01T08:00:00", "xa": ["a"], "ghiChu": null, "@id": 1},
             {"ma": "D002", "danSo": 42468, "dienTich": 107, "laDoThi": true, "diaChi": {"tinh": "Quảng Nam", "toaDo": {"viDo": 15}},
              "ngay": "1990-03-01", "capNhatLuc": "2024-03-01T09:15:00", "xa": [], "ghiChu": null, "@id": 2}]
            """));

        Assert.Equal(
            [
                new ProposedColumn("ma", ColumnType.Text, "ma"),
                new ProposedColumn("danSo", ColumnType.Integer, "danSo"),
                new ProposedColumn("dienTich", ColumnType.Number, "dienTich"),
                new ProposedColumn("laDoThi", ColumnType.Boolean, "laDoThi"),
                new ProposedColumn("diaChi.tinh", ColumnType.Text, "diaChi.tinh"),
                new ProposedColumn("diaChi.toaDo.viDo", ColumnType.Number, "diaChi.toaDo.viDo"),
                new ProposedColumn("ngay", ColumnType.Date, "ngay"),
                new ProposedColumn("capNhatLuc", ColumnType.DateTime, "capNhatLuc"),
                new ProposedColumn("xa", ColumnType.Text, "xa"),
                new ProposedColumn("ghiChu", ColumnType.Text, "ghiChu"),
                new ProposedColumn("$['@id']", ColumnType.Integer, "$['@id']"),
            ],
            proposal);
        Assert.True(JsonPath.Parse(proposal[^1].SourcePath).IsSuccess);
    }
}
