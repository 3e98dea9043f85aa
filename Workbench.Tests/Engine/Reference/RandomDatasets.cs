using System.Globalization;
using Workbench.Core.Catalog;

namespace Workbench.Tests.Engine.Reference;

/// <summary>
/// Deterministic random datasets for differential testing: 2–4 tables sharing the text key <see cref="KeyColumn"/>
/// (district codes with leading zeros), one column of every type plus extras, 0–60 rows, about 15% nulls,
/// Vietnamese text in both cases, duplicated rows on purpose, dates 2019–2025.
/// Numbers are multiples of 1/8 so that they are exact in binary and round the same on every database.
/// </summary>
public static class RandomDatasets
{
    public const string KeyColumn = "Mã huyện";

    public static IReadOnlyList<string> Districts { get; } =
    [
        "Thành phố Quảng Ngãi", "Bình Sơn", "Sơn Tịnh", "Tư Nghĩa", "Nghĩa Hành", "Mộ Đức", "Đức Phổ",
        "Ba Tơ", "Minh Long", "Sơn Hà", "Sơn Tây", "Trà Bồng", "Lý Sơn",
    ];

    /// <summary>Words exercising đ/Đ, ă, â, ê, ô, ơ, ư in both cases, and look-alikes without diacritics.</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        "Đà Nẵng", "ĐÀ NẴNG", "đà nẵng", "Da Nang", "Đường sắt", "đường bộ", "ĂN UỐNG", "ăn chay", "Âm nhạc", "âm thanh",
        "Ê-đê", "ÊM ĐỀM", "ô tô", "Ô TÔ", "Ơn nghĩa", "cơm", "Ưu tiên", "ưa thích", "Bắc", "Nam", "an", "ba", "Đa",
        "dưa", "Dương", "Đông", "đông", "Cẩm", "Chợ", "  Lý Sơn  ", "Sa Huỳnh ",
    ];

    private static readonly (string Name, ColumnType Type)[] Extras =
    [
        ("Huyện", ColumnType.Text), ("Tên", ColumnType.Text), ("Mã số", ColumnType.Text),
        ("Dân số", ColumnType.Integer), ("Năm", ColumnType.Integer), ("Số hộ", ColumnType.Integer),
        ("Diện tích", ColumnType.Number), ("Tỷ lệ", ColumnType.Number),
        ("Ven biển", ColumnType.Boolean), ("Đạt chuẩn", ColumnType.Boolean),
        ("Ngày", ColumnType.Date), ("Ngày cấp", ColumnType.Date),
        ("Thời điểm", ColumnType.DateTime),
    ];

    private static readonly string[] TableNames = ["dan-so", "huyen", "ngan-sach", "truong-hoc"];

    /// <summary>One set of tables; keys are prefixed with the set number (<c>s03-dan-so</c>) so sets never clash.</summary>
    public static IReadOnlyDictionary<string, ReferenceTable> Generate(Random random, int set)
    {
        var tables = new Dictionary<string, ReferenceTable>();
        var count = random.Next(2, 5);
        for (var t = 0; t < count; t++)
        {
            tables[$"s{set:D2}-{TableNames[t]}"] = GenerateTable(random);
        }
        return tables;
    }

    private static ReferenceTable GenerateTable(Random random)
    {
        // The key (text), one column of every other type, then 0–2 more: 6–8 columns, the key first.
        var columns = new List<ReferenceColumn>();
        foreach (var type in new[] { ColumnType.Integer, ColumnType.Number, ColumnType.Boolean, ColumnType.Date, ColumnType.DateTime })
        {
            var candidates = Extras.Where(e => e.Type == type).ToArray();
            var pick = candidates[random.Next(candidates.Length)];
            columns.Add(new ReferenceColumn(pick.Name, pick.Type));
        }
        var extra = random.Next(0, 3);
        for (var i = 0; i < extra; i++)
        {
            var candidates = Extras.Where(e => e.Type != ColumnType.DateTime && columns.All(c => c.Name != e.Name)).ToArray();
            var pick = candidates[random.Next(candidates.Length)];
            columns.Add(new ReferenceColumn(pick.Name, pick.Type));
        }
        columns = [new ReferenceColumn(KeyColumn, ColumnType.Text), .. columns.OrderBy(_ => random.Next())];

        var rowCount = random.Next(0, 61);
        var rows = new List<object?[]>();
        for (var r = 0; r < rowCount; r++)
        {
            if (rows.Count > 0 && random.NextDouble() < 0.1)
            {
                rows.Add((object?[])rows[random.Next(rows.Count)].Clone());
                continue;
            }
            rows.Add(columns.Select(c => random.NextDouble() < 0.15 ? null : Value(random, c)).ToArray());
        }
        return new ReferenceTable(columns, rows);
    }

    private static object Value(Random random, ReferenceColumn column) => column.Name switch
    {
        KeyColumn => random.Next(1, 16).ToString("D3", CultureInfo.InvariantCulture),
        "Huyện" => Districts[random.Next(Districts.Count)],
        "Tên" => Words[random.Next(Words.Count)],
        "Mã số" => random.Next(0, 3) == 0 ? Words[random.Next(Words.Count)] : random.Next(0, 500).ToString("D4", CultureInfo.InvariantCulture),
        "Dân số" => (long)random.Next(0, 200_000),
        "Năm" => (long)random.Next(2019, 2026),
        "Số hộ" => (long)random.Next(-50, 500),
        "Diện tích" => random.Next(0, 8000) / 8.0,
        "Tỷ lệ" => random.Next(-80, 81) / 8.0,
        _ => column.Type switch
        {
            ColumnType.Boolean => random.Next(2) == 0,
            ColumnType.Date => new DateOnly(2019, 1, 1).AddDays(random.Next(0, 2557)),
            ColumnType.DateTime => new DateTime(2019, 1, 1).AddSeconds(random.NextInt64(0, 2557L * 86400)),
            _ => throw new InvalidOperationException(column.Name),
        },
    };
}
