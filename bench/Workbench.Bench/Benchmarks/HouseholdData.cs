using Workbench.Core.Catalog;
using Workbench.Infrastructure.Catalog;

namespace Workbench.Bench.Benchmarks;

/// <summary>
/// Deterministic synthetic government data for the engine benchmark: household businesses (<i>hộ kinh doanh</i>) of
/// Quảng Ngãi by district code, sector and year, with Vietnamese names and amounts; and the province's districts as a
/// small dimension to join. Nulls where real registers have gaps (a missing district, revenue or worker count), a
/// district code retired in 2019 that the dimension no longer lists, and zero workers (a division by zero).
/// </summary>
public static class HouseholdData
{
    public const int Seed = 20250115;

    public const string FactKey = "ho-kinh-doanh";
    public const string DimensionKey = "don-vi-hanh-chinh";

    public static readonly NewColumn[] FactColumns =
    [
        new("Mã số thuế", ColumnType.Text),
        new("Tên hộ", ColumnType.Text),
        new("Mã huyện", ColumnType.Text),
        new("Ngành", ColumnType.Text),
        new("Năm", ColumnType.Integer),
        new("Số lao động", ColumnType.Integer),
        new("Doanh thu", ColumnType.Number),
        new("Vốn đăng ký", ColumnType.Number),
        new("Ngày đăng ký", ColumnType.Date),
        new("Đang hoạt động", ColumnType.Boolean),
    ];

    public static readonly NewColumn[] DimensionColumns =
    [
        new("Mã", ColumnType.Text, IsKey: true),
        new("Tên", ColumnType.Text),
        new("Vùng", ColumnType.Text),
        new("Diện tích", ColumnType.Number),
        new("Dân số", ColumnType.Integer),
    ];

    /// <summary>The districts (code, name, region, km², population; figures rounded and synthetic) and how many households each gets, relatively.</summary>
    private static readonly (string Code, string Name, string Region, double Area, long Population, int Weight)[] Districts =
    [
        ("522", "Thành phố Quảng Ngãi", "Đồng bằng", 160.15, 263_000, 24),
        ("524", "Lý Sơn", "Hải đảo", 10.39, 22_000, 2),
        ("525", "Bình Sơn", "Đồng bằng", 467.50, 180_000, 12),
        ("527", "Trà Bồng", "Miền núi", 760.10, 50_000, 3),
        ("528", "Sơn Tịnh", "Đồng bằng", 243.10, 98_000, 7),
        ("529", "Tư Nghĩa", "Đồng bằng", 205.50, 130_000, 9),
        ("530", "Sơn Hà", "Miền núi", 750.30, 76_000, 4),
        ("531", "Sơn Tây", "Miền núi", 384.70, 21_000, 2),
        ("532", "Minh Long", "Miền núi", 216.40, 17_000, 1),
        ("533", "Nghĩa Hành", "Đồng bằng", 234.10, 91_000, 6),
        ("534", "Mộ Đức", "Đồng bằng", 212.20, 130_000, 9),
        ("535", "Thị xã Đức Phổ", "Đồng bằng", 372.50, 145_000, 10),
        ("536", "Ba Tơ", "Miền núi", 1136.80, 60_000, 4),
    ];

    /// <summary>Tây Trà, merged into Trà Bồng in 2019: old registrations still carry it, the dimension does not.</summary>
    private const string RetiredDistrict = "526";

    private static readonly (string Name, int Weight)[] Sectors =
    [
        ("Bán buôn, bán lẻ", 30),
        ("Dịch vụ lưu trú và ăn uống", 18),
        ("Nông, lâm nghiệp và thủy sản", 12),
        ("Công nghiệp chế biến, chế tạo", 9),
        ("Vận tải, kho bãi", 8),
        ("Xây dựng", 6),
        ("Sửa chữa ô tô, mô tô, xe máy", 6),
        ("Thông tin và truyền thông", 3),
        ("Đánh bắt, nuôi trồng thủy sản", 4),
        ("Dịch vụ khác", 4),
    ];

    private static readonly string[] Kinds = ["Tạp hóa", "Quán ăn", "Cửa hàng", "Xưởng mộc", "Đại lý", "Cơ sở", "Tiệm", "Nhà nghỉ"];

    private static readonly string[] Families =
        ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Đinh"];

    private static readonly string[] Middles = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Đức", "Quốc", "Hữu", "Thu", "Xuân"];

    private static readonly string[] Givens =
    [
        "An", "Anh", "Ánh", "Bảo", "Bình", "Châu", "Chi", "Cường", "Dũng", "Dung", "Duy", "Đạt", "Giang", "Hà", "Hải", "Hạnh",
        "Hiếu", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngân", "Nhung", "Oanh",
        "Phong", "Phúc", "Phương", "Quang", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Tiến", "Trang", "Trí", "Trung",
        "Tú", "Tuấn", "Uyên", "Vân", "Vinh", "Yến",
    ];

    public const int FirstYear = 2015;
    public const int LastYear = 2024;

    /// <summary>The dimension's rows, in <see cref="DimensionColumns"/> order.</summary>
    public static IEnumerable<object?[]> DimensionRows() =>
        Districts.Select(d => new object?[] { d.Code, d.Name, d.Region, d.Area, d.Population });

    /// <summary><paramref name="count"/> household rows in <see cref="FactColumns"/> order; the same for the same count.</summary>
    public static IEnumerable<object?[]> FactRows(int count)
    {
        var random = new Random(Seed);
        var names = (from kind in Kinds from family in Families from middle in Middles from given in Givens
                     select $"{kind} {family} {middle} {given}").ToArray();
        var districts = Weighted(Districts.Select(d => (d.Code, d.Weight)));
        var sectors = Weighted(Sectors);
        var epoch = new DateOnly(2000, 1, 1);
        // Boxed once: the values repeat, and 10 million rows of fresh boxes only feed the collector.
        var years = Enumerable.Range(FirstYear, LastYear - FirstYear + 1).Select(y => (object)(long)y).ToArray();
        var workers = Enumerable.Range(0, 21).Select(w => (object)(long)w).ToArray();
        object yes = true, no = false;
        for (var i = 0; i < count; i++)
        {
            var year = FirstYear + random.Next(LastYear - FirstYear + 1);
            var district = random.Next(1000) switch
            {
                < 5 => null,
                < 10 => RetiredDistrict,
                _ => districts[random.Next(districts.Length)],
            };
            // Workers: mostly 1-5, a few larger, some zero (a household with no employees), a few unknown.
            var worker = random.Next(100) switch
            {
                0 => null,
                < 6 => workers[0],
                < 90 => workers[1 + random.Next(5)],
                _ => workers[6 + random.Next(15)],
            };
            // Revenue in million đồng, log-normal around 400; unknown for 2 %.
            var revenue = random.Next(50) == 0 ? null : (object)Math.Round(Math.Exp(6 + Normal(random)), 2);
            var capital = Math.Round(Math.Exp(5 + 1.2 * Normal(random)), 2);
            var registered = epoch.AddDays(random.Next(new DateOnly(year, 12, 31).DayNumber - epoch.DayNumber + 1));
            var active = random.Next(100) switch
            {
                0 => null,
                < 16 => no,
                _ => yes,
            };
            yield return
            [
                (4_300_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                names[random.Next(names.Length)],
                district,
                sectors[random.Next(sectors.Length)],
                years[year - FirstYear],
                worker,
                revenue,
                capital,
                registered,
                active,
            ];
        }
    }

    private static string[] Weighted(IEnumerable<(string Value, int Weight)> values) =>
        [.. values.SelectMany(v => Enumerable.Repeat(v.Value, v.Weight))];

    /// <summary>A standard normal draw (Box-Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
