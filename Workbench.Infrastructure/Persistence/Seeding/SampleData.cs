using Workbench.Core.Catalog;

namespace Workbench.Infrastructure.Persistence.Seeding;

/// <summary>A column of a sample dataset, in the order its values appear in a row.</summary>
public sealed record SampleColumn(string Name, ColumnType Type, bool IsKey, string Description);

/// <summary>
/// A sample dataset: metadata plus a generator of rows whose values follow the CLR convention of
/// <see cref="ColumnTypes.ClrType"/> (Integer→long, Number→double, Text→string, Boolean→bool, Date→DateOnly, DateTime→DateTime).
/// Every call of <see cref="Rows"/> yields the same rows.
/// </summary>
public sealed record SampleDataset(
    string Key,
    string Name,
    string Description,
    string OwnerAgencyCode,
    string CatalogGroup,
    UpdateFrequency Frequency,
    IReadOnlyList<SampleColumn> Columns,
    Func<IEnumerable<object?[]>> Rows);

/// <summary>A district-level unit of Quảng Ngãi with its GSO code (Danh mục đơn vị hành chính).</summary>
public sealed record QuangNgaiDistrict(string Code, string Name, double AreaKm2, long Population2019);

/// <summary>
/// Deterministic demo datasets over the real district-level units of Quảng Ngãi. The figures are invented
/// (plausible orders of magnitude only) and every description says so. Loading them into the warehouse is
/// the warehouse's job; this class only describes them.
/// </summary>
public static class SampleData
{
    public const int RandomSeed = 20241113;

    /// <summary>The sentence every sample dataset's description starts with.</summary>
    public const string Disclaimer = "Dữ liệu mẫu — số liệu giả lập, không phải số liệu chính thức.";

    /// <summary>
    /// The 13 district-level units since Tây Trà (526) merged into Trà Bồng in 2020 and Đức Phổ became a town (thị xã) in 2020.
    /// Codes are GSO's; areas and 2019 populations are rounded figures used only to shape the invented data.
    /// </summary>
    public static IReadOnlyList<QuangNgaiDistrict> Districts { get; } =
    [
        new("522", "Thành phố Quảng Ngãi", 156.0, 263_000),
        new("524", "Huyện Bình Sơn", 467.0, 175_000),
        new("525", "Huyện Trà Bồng", 757.0, 52_000),
        new("527", "Huyện Sơn Tịnh", 243.0, 95_000),
        new("528", "Huyện Tư Nghĩa", 206.0, 160_000),
        new("529", "Huyện Sơn Hà", 750.0, 73_000),
        new("530", "Huyện Sơn Tây", 384.0, 20_000),
        new("531", "Huyện Minh Long", 217.0, 17_000),
        new("532", "Huyện Nghĩa Hành", 234.0, 90_000),
        new("533", "Huyện Mộ Đức", 214.0, 125_000),
        new("534", "Thị xã Đức Phổ", 372.0, 140_000),
        new("535", "Huyện Ba Tơ", 1_137.0, 54_000),
        new("536", "Huyện Lý Sơn", 10.0, 21_000),
    ];

    private static SampleDataset Population() => new(
        "dan-so-theo-huyen",
        "Dân số theo huyện",
        Disclaimer + " Dân số trung bình và diện tích của 13 đơn vị hành chính cấp huyện tỉnh Quảng Ngãi, năm 2019–2024.",
        AgencySeed.PlanningAndInvestment,
        "Chỉ tiêu thống kê — Dân số và lao động",
        UpdateFrequency.Yearly,
        [
            new("Mã huyện", ColumnType.Text, true, "Mã đơn vị hành chính cấp huyện (Tổng cục Thống kê)"),
            new("Huyện", ColumnType.Text, false, "Tên đơn vị hành chính cấp huyện"),
            new("Năm", ColumnType.Integer, true, "Năm thống kê"),
            new("Dân số", ColumnType.Integer, false, "Dân số trung bình (người)"),
            new("Diện tích (km²)", ColumnType.Number, false, "Diện tích tự nhiên (km²)"),
        ],
        PopulationRows);

    private static IEnumerable<object?[]> PopulationRows()
    {
        var random = new Random(RandomSeed);
        foreach (var district in Districts)
        {
            double population = district.Population2019;
            for (var year = 2019; year <= 2024; year++)
            {
                yield return [district.Code, district.Name, (long)year, (long)Math.Round(population), district.AreaKm2];
                population *= 1.002 + random.NextDouble() * 0.01;
            }
        }
    }

    private static readonly (string Section, double Weight, string Trade)[] IndustrySections =
    [
        ("A - Nông nghiệp, lâm nghiệp và thủy sản", 5, "Nông Lâm Thủy sản"),
        ("C - Công nghiệp chế biến, chế tạo", 12, "Sản xuất"),
        ("D - Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí", 1, "Năng lượng"),
        ("F - Xây dựng", 20, "Xây dựng"),
        ("G - Bán buôn và bán lẻ; sửa chữa ô tô, mô tô, xe máy và xe có động cơ khác", 33, "Thương mại"),
        ("H - Vận tải kho bãi", 6, "Vận tải"),
        ("I - Dịch vụ lưu trú và ăn uống", 7, "Du lịch Dịch vụ"),
        ("J - Thông tin và truyền thông", 2, "Công nghệ"),
        ("L - Hoạt động kinh doanh bất động sản", 3, "Địa ốc"),
        ("M - Hoạt động chuyên môn, khoa học và công nghệ", 4, "Tư vấn"),
        ("N - Hoạt động hành chính và dịch vụ hỗ trợ", 3, "Dịch vụ"),
        ("P - Giáo dục và đào tạo", 2, "Giáo dục"),
        ("Q - Y tế và hoạt động trợ giúp xã hội", 1, "Y tế"),
        ("S - Hoạt động dịch vụ khác", 1, "Dịch vụ Tổng hợp"),
    ];

    private static readonly string[] TradeNames =
    [
        "Thiên Ấn", "Trà Khúc", "Dung Quất", "Sa Huỳnh", "Minh Phát", "Hoàng Long", "Phú Thịnh", "An Bình",
        "Tân Phát", "Đại Việt", "Hưng Thịnh", "Bảo Châu", "Vạn Tường", "Mỹ Khê", "Cổ Lũy", "Thạch Bích",
        "Nam Phước", "Sông Vệ", "Thiên Phú", "Kim Long", "Đức Thành", "Ngọc Anh", "Trường An", "Phước Lộc",
    ];

    private static SampleDataset Enterprises() => new(
        "doanh-nghiep-dang-ky",
        "Doanh nghiệp đăng ký",
        Disclaimer + " Danh sách doanh nghiệp và chi nhánh đăng ký trên địa bàn tỉnh: mã số thuế, ngành kinh tế (VSIC), vốn điều lệ, lao động và tình trạng hoạt động.",
        AgencySeed.PlanningAndInvestment,
        "CSDL dùng chung — Đăng ký doanh nghiệp",
        UpdateFrequency.Monthly,
        [
            new("Mã số thuế", ColumnType.Text, true, "Mã số doanh nghiệp / mã số thuế, 10 chữ số, giữ nguyên số 0 ở đầu"),
            new("Tên doanh nghiệp", ColumnType.Text, false, "Tên đăng ký"),
            new("Huyện", ColumnType.Text, false, "Huyện nơi đặt trụ sở hoặc chi nhánh"),
            new("Ngành", ColumnType.Text, false, "Ngành kinh tế chính, cấp 1 theo VSIC 2018"),
            new("Ngày đăng ký", ColumnType.Date, false, "Ngày cấp đăng ký lần đầu"),
            new("Vốn điều lệ (triệu đồng)", ColumnType.Number, false, "Vốn điều lệ đăng ký (triệu đồng)"),
            new("Số lao động", ColumnType.Integer, false, "Số lao động tại thời điểm báo cáo; trống nếu chưa báo cáo"),
            new("Đang hoạt động", ColumnType.Boolean, false, "Còn hoạt động (không giải thể, không tạm ngừng)"),
        ],
        EnterpriseRows);

    private static IEnumerable<object?[]> EnterpriseRows()
    {
        const int count = 2_000;
        var random = new Random(RandomSeed);
        var taxCodes = new HashSet<string>(StringComparer.Ordinal);
        var totalWeight = IndustrySections.Sum(s => s.Weight);
        var start = new DateOnly(2000, 1, 1);
        var days = new DateOnly(2024, 12, 31).DayNumber - start.DayNumber;
        for (var i = 0; i < count; i++)
        {
            // Branches of firms registered in Hà Nội (01), TP. Hồ Chí Minh (03) or Đà Nẵng (04) keep their leading zero.
            var isBranch = random.NextDouble() < 0.12;
            string taxCode;
            do
            {
                var prefix = isBranch ? random.Next(3) switch { 0 => "01", 1 => "03", _ => "04" } : "43";
                taxCode = prefix + random.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            }
            while (!taxCodes.Add(taxCode));

            var section = Pick(random, IndustrySections, s => s.Weight, totalWeight);
            var tradeName = TradeNames[random.Next(TradeNames.Length)];
            var form = random.Next(10) switch
            {
                < 5 => "Công ty TNHH",
                < 8 => "Công ty Cổ phần",
                < 9 => "Doanh nghiệp tư nhân",
                _ => "Hợp tác xã",
            };
            var name = isBranch
                ? $"Chi nhánh Quảng Ngãi - {form} {section.Trade} {tradeName}"
                : $"{form} {section.Trade} {tradeName}";
            var district = Pick(random, Districts, d => d.Population2019, Districts.Sum(d => (double)d.Population2019));
            // More firms registered in recent years: square root skews the uniform draw towards the end.
            var registered = start.AddDays((int)(Math.Sqrt(random.NextDouble()) * days));
            var capital = Math.Round(Math.Exp(6 + random.NextDouble() * 6) / 10) * 10;
            long? workers = random.NextDouble() < 0.02 ? null : 1 + (long)Math.Exp(random.NextDouble() * 6);
            var age = 2024 - registered.Year;
            var active = random.NextDouble() > 0.05 + age * 0.01;
            yield return [taxCode, name, district.Name, section.Section, registered, capital, workers, active];
        }
    }

    private static readonly (string Level, double ShareOfPopulation, int PupilsPerSchool, int PupilsPerClass, double TeachersPerClass)[] SchoolLevels =
    [
        ("Mầm non", 0.055, 220, 26, 2.0),
        ("Tiểu học", 0.085, 420, 32, 1.45),
        ("THCS", 0.060, 480, 38, 1.9),
        ("THPT", 0.035, 950, 40, 2.25),
    ];

    private static SampleDataset Schools() => new(
        "truong-hoc-hoc-sinh",
        "Trường học và học sinh theo huyện",
        Disclaimer + " Số trường, số lớp, số học sinh và số giáo viên theo huyện, cấp học và năm học 2019-2020 đến 2023-2024.",
        AgencySeed.EducationAndTraining,
        "Chỉ tiêu thống kê — Giáo dục và đào tạo",
        UpdateFrequency.Yearly,
        [
            new("Huyện", ColumnType.Text, true, "Tên đơn vị hành chính cấp huyện"),
            new("Cấp học", ColumnType.Text, true, "Mầm non, Tiểu học, THCS hoặc THPT"),
            new("Năm học", ColumnType.Text, true, "Năm học, ví dụ 2023-2024"),
            new("Số trường", ColumnType.Integer, false, "Số trường (kể cả điểm trường chính)"),
            new("Số lớp", ColumnType.Integer, false, "Số lớp học (nhóm lớp với mầm non)"),
            new("Số học sinh", ColumnType.Integer, false, "Số học sinh (trẻ em với mầm non) đầu năm học"),
            new("Số giáo viên", ColumnType.Integer, false, "Số giáo viên trực tiếp giảng dạy"),
        ],
        SchoolRows);

    private static IEnumerable<object?[]> SchoolRows()
    {
        var random = new Random(RandomSeed);
        foreach (var district in Districts)
        {
            foreach (var level in SchoolLevels)
            {
                var basePupils = district.Population2019 * level.ShareOfPopulation;
                for (var year = 2019; year <= 2023; year++)
                {
                    var pupils = (long)Math.Round(basePupils * (0.96 + random.NextDouble() * 0.08));
                    var schools = Math.Max(1, (long)Math.Round(pupils / (double)level.PupilsPerSchool));
                    var classes = Math.Max(schools, (long)Math.Ceiling(pupils / (double)level.PupilsPerClass));
                    var teachers = (long)Math.Round(classes * level.TeachersPerClass * (0.95 + random.NextDouble() * 0.1));
                    yield return [district.Name, level.Level, $"{year}-{year + 1}", schools, classes, pupils, teachers];
                }
            }
        }
    }

    private static readonly (string Type, double YearlyPerThousandPeople, double Volatility)[] RevenueTypes =
    [
        ("Thu từ doanh nghiệp nhà nước", 1_200, 0.25),
        ("Thu từ khu vực công thương nghiệp ngoài quốc doanh", 2_500, 0.20),
        ("Thuế thu nhập cá nhân", 600, 0.15),
        ("Lệ phí trước bạ", 450, 0.20),
        ("Thu tiền sử dụng đất", 3_000, 0.80),
        ("Thu phí, lệ phí", 250, 0.15),
    ];

    private static SampleDataset BudgetRevenue() => new(
        "thu-ngan-sach",
        "Thu ngân sách nhà nước theo huyện",
        Disclaimer + " Dự toán và thực hiện thu ngân sách nhà nước trên địa bàn theo huyện, tháng và loại thu, năm 2022–2024; dự toán năm chia đều cho 12 tháng.",
        AgencySeed.Finance,
        "Chỉ tiêu thống kê — Tài chính, ngân sách",
        UpdateFrequency.Monthly,
        [
            new("Huyện", ColumnType.Text, true, "Tên đơn vị hành chính cấp huyện"),
            new("Tháng", ColumnType.Date, true, "Tháng báo cáo (ngày đầu tháng)"),
            new("Loại thu", ColumnType.Text, true, "Khoản thu theo mục lục ngân sách (rút gọn)"),
            new("Dự toán (triệu đồng)", ColumnType.Number, false, "Dự toán giao trong tháng (triệu đồng)"),
            new("Thực hiện (triệu đồng)", ColumnType.Number, false, "Số thực thu trong tháng (triệu đồng)"),
        ],
        BudgetRows);

    private static IEnumerable<object?[]> BudgetRows()
    {
        var random = new Random(RandomSeed);
        foreach (var district in Districts)
        {
            for (var year = 2022; year <= 2024; year++)
            {
                var growth = Math.Pow(1.07, year - 2022);
                for (var month = 1; month <= 12; month++)
                {
                    // Collections bunch up before the mid-year and year-end settlements.
                    var season = month is 6 or 12 ? 1.35 : month is 1 or 2 ? 0.8 : 1.0;
                    foreach (var revenue in RevenueTypes)
                    {
                        var planned = Math.Round(district.Population2019 / 1_000.0 * revenue.YearlyPerThousandPeople * growth / 12, 1);
                        var factor = Math.Max(0, season * (1 + (random.NextDouble() * 2 - 1) * revenue.Volatility));
                        yield return [district.Name, new DateOnly(year, month, 1), revenue.Type, planned, Math.Round(planned * factor, 1)];
                    }
                }
            }
        }
    }

    /// <summary>The four sample datasets, in a stable order.</summary>
    public static IReadOnlyList<SampleDataset> All { get; } =
    [
        Population(),
        Enterprises(),
        Schools(),
        BudgetRevenue(),
    ];

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> weight, double totalWeight)
    {
        var target = random.NextDouble() * totalWeight;
        foreach (var item in items)
        {
            target -= weight(item);
            if (target < 0)
            {
                return item;
            }
        }
        return items[^1];
    }
}
