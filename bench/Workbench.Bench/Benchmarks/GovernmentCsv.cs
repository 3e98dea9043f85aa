using System.Globalization;
using System.Text;

namespace Workbench.Bench.Benchmarks;

/// <summary>
/// A deterministic CSV that looks like an agency's statistics export: Vietnamese headers and text, codes with leading
/// zeros, integers, invariant decimals, dates, timestamps, booleans, and a free-text note that is sometimes empty and
/// sometimes quoted because it holds commas. UTF-8 without BOM, comma-separated, LF line ends.
/// </summary>
public static class GovernmentCsv
{
    public const int Seed = 20240601;

    public static readonly string[] Headers =
        ["Mã", "Huyện", "Năm", "Số lượng", "Giá trị", "Tỷ lệ", "Ngày", "Cập nhật", "Đang hoạt động", "Ghi chú"];

    private static readonly string[] Districts =
    [
        "Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng", "Hoàng Mai",
        "Thanh Xuân", "Sóc Sơn", "Đông Anh", "Gia Lâm", "Nam Từ Liêm", "Thanh Trì", "Bắc Từ Liêm", "Mê Linh",
        "Hà Đông", "Sơn Tây", "Ba Vì", "Phúc Thọ", "Đan Phượng", "Hoài Đức", "Quốc Oai", "Thạch Thất",
        "Chương Mỹ", "Thanh Oai", "Thường Tín", "Phú Xuyên", "Ứng Hòa", "Mỹ Đức", "Quỳnh Lưu", "Diễn Châu",
    ];

    private static readonly string[] Notes =
    [
        "Đã kiểm tra",
        "Số liệu sơ bộ",
        "\"Đã đối chiếu, khớp với báo cáo quý\"",
        "\"Chờ xác nhận, bổ sung sau\"",
        "Điều chỉnh theo công văn",
    ];

    /// <summary>Writes <paramref name="rows"/> data rows to <paramref name="path"/> unless an identical file is already there.</summary>
    public static void Write(string path, int rows)
    {
        var marker = path + ".rows";
        if (File.Exists(path) && File.Exists(marker) && File.ReadAllText(marker) == $"{rows}/{Seed}")
        {
            return;
        }
        var random = new Random(Seed);
        var start = new DateOnly(2015, 1, 1);
        var line = new StringBuilder(256);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            writer.WriteLine(string.Join(',', Headers));
            for (var i = 0; i < rows; i++)
            {
                var day = start.AddDays(random.Next(0, 3650));
                var note = random.Next(10) switch
                {
                    < 4 => "",
                    var k => Notes[k % Notes.Length],
                };
                line.Clear();
                line.Append(CultureInfo.InvariantCulture,
                    $"{random.Next(0, 1_000_000):D7},{Districts[random.Next(Districts.Length)]},{day.Year},{random.Next(0, 100_000)},");
                line.Append(CultureInfo.InvariantCulture,
                    $"{random.Next(0, 10_000_000) / 100.0:0.00},{random.NextDouble():0.####},{day:yyyy-MM-dd},");
                line.Append(CultureInfo.InvariantCulture,
                    $"{day.ToDateTime(new TimeOnly(random.Next(24), random.Next(60), random.Next(60))):yyyy-MM-dd HH:mm:ss},");
                line.Append(random.Next(4) == 0 ? "false" : "true").Append(',').Append(note);
                writer.WriteLine(line);
            }
        }
        File.WriteAllText(marker, $"{rows}/{Seed}");
    }
}
