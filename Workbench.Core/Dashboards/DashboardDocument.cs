using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workbench.Core.Catalog;
using Workbench.Core.Common;

namespace Workbench.Core.Dashboards;

/// <summary>What a tile shows: a saved scenario's visual, a KPI, a scenario's result as a table, or a markdown text.</summary>
public enum TileKind
{
    Visual,
    Kpi,
    Table,
    Text,
}

/// <summary>Where a tile sits on the dashboard's grid of <see cref="DashboardDocument.GridColumns"/> columns, in grid cells.</summary>
public sealed record TilePosition(int X, int Y, int W, int H)
{
    public bool Overlaps(TilePosition other) =>
        X < other.X + other.W && other.X < X + W && Y < other.Y + other.H && other.Y < Y + H;
}

/// <summary>What a KPI's value is compared with.</summary>
public enum ComparisonKind
{
    /// <summary>The same scenario run with <see cref="KpiComparison.PeriodParameter"/> one less (last year, last month).</summary>
    PreviousPeriod,

    /// <summary>Another column of the same result row (a target, a plan).</summary>
    Column,
}

public sealed record KpiComparison(ComparisonKind Kind, string? PeriodParameter = null, string? Column = null);

/// <summary>A KPI: the first row's <see cref="ValueColumn"/>, its comparison, and a sparkline over <see cref="SparklineColumn"/>.</summary>
public sealed record KpiSettings(string ValueColumn, KpiComparison? Comparison = null, string? SparklineColumn = null);

/// <summary>
/// One tile. <see cref="ScenarioKey"/> for every kind but <see cref="TileKind.Text"/>; <see cref="VisualIndex"/> picks one
/// of the scenario's visuals (the first when absent); <see cref="Kpi"/> for KPIs; <see cref="Markdown"/> for text.
/// </summary>
public sealed record DashboardTile(
    string Id,
    TileKind Kind,
    string Title,
    TilePosition Position,
    string? ScenarioKey = null,
    int? VisualIndex = null,
    KpiSettings? Kpi = null,
    string? Markdown = null);

/// <summary>Binds a dashboard filter to a parameter of the scenario behind a tile.</summary>
public sealed record FilterBinding(string TileId, string ParameterName);

/// <summary>
/// A filter of the dashboard's filter bar. Values travel as text in the scenarios' argument form (ISO dates, invariant
/// numbers), as in a URL; <see cref="AllowedValues"/> makes it a dropdown.
/// </summary>
public sealed record DashboardFilter(
    string Name,
    string Label,
    ColumnType Type,
    IReadOnlyList<string>? AllowedValues,
    string? Default,
    IReadOnlyList<FilterBinding> Bindings);

/// <summary>One problem of a dashboard document: where (<c>tiles[2].position</c>) and what, in the UI language.</summary>
public sealed record DocumentProblem(string Field, string Message);

/// <summary>
/// The tiles and filters of a dashboard, stored as camelCase JSON in <see cref="Dashboard.LayoutJson"/>.
/// <see cref="Validate"/> checks the shape; whether each scenario exists and may be read is the service's to check.
/// </summary>
public sealed record DashboardDocument(int Version, IReadOnlyList<DashboardTile> Tiles, IReadOnlyList<DashboardFilter> Filters)
{
    public const int CurrentVersion = 1;
    public const int GridColumns = 12;
    public const int MaxRows = 200;
    public const int MaxTileHeight = 24;
    public const int MaxTiles = 40;
    public const int MaxFilters = 12;
    public const int MaxIdLength = 64;
    public const int MaxTitleLength = 200;
    public const int MaxMarkdownLength = 20_000;
    public const int MaxAllowedValues = 500;
    public const int MaxValueLength = 200;

    public static DashboardDocument Empty { get; } = new(CurrentVersion, [], []);

    /// <summary>Query-string names the dashboard page uses for itself; filter values travel beside them in the URL.</summary>
    public static IReadOnlySet<string> ReservedFilterNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        CrossFilter.QueryName, "present", "rotate", "every",
    };

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Write() => JsonSerializer.Serialize(this, Options);

    /// <summary>The document, or null when the JSON is not one.</summary>
    public static DashboardDocument? Read(string json)
    {
        try
        {
            var document = JsonSerializer.Deserialize<DashboardDocument>(json, Options);
            // Note: System.Text.Json leaves a missing list null despite the non-nullable type.
            return document is null ? null : document with { Tiles = document.Tiles ?? [], Filters = document.Filters ?? [] };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public DashboardTile? Tile(string id) => Tiles.FirstOrDefault(t => t.Id == id);

    /// <summary>Every problem of the document's shape at once; empty when it may be saved.</summary>
    public IReadOnlyList<DocumentProblem> Validate()
    {
        var problems = new List<DocumentProblem>();
        void Add(string field, string vietnamese, string english, params object?[] args) =>
            problems.Add(new DocumentProblem(field, Text.Pick(vietnamese, english, args)));

        if (Version is < 1 or > CurrentVersion)
        {
            Add("version", "Phiên bản định dạng {0} không được hỗ trợ.", "Format version {0} is not supported.", Version);
        }
        if (Tiles.Count > MaxTiles)
        {
            Add("tiles", "Một bảng điều khiển có tối đa {0} ô.", "A dashboard has at most {0} tiles.", MaxTiles);
        }
        if (Filters.Count > MaxFilters)
        {
            Add("filters", "Một bảng điều khiển có tối đa {0} bộ lọc.", "A dashboard has at most {0} filters.", MaxFilters);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Tiles.Count; i++)
        {
            var tile = Tiles[i];
            var field = $"tiles[{i}]";
            if (string.IsNullOrWhiteSpace(tile.Id) || tile.Id.Length > MaxIdLength)
            {
                Add(field + ".id", "Ô thứ {0} cần mã (tối đa {1} ký tự).", "Tile {0} needs an id (at most {1} characters).", i + 1, MaxIdLength);
            }
            else if (!ids.Add(tile.Id))
            {
                Add(field + ".id", "Mã ô «{0}» bị trùng.", "Tile id '{0}' is used twice.", tile.Id);
            }
            if (tile.Title is null || tile.Title.Length > MaxTitleLength)
            {
                Add(field + ".title", "Tiêu đề ô «{0}» dài tối đa {1} ký tự.", "The title of tile '{0}' may have at most {1} characters.", tile.Id, MaxTitleLength);
            }
            CheckPosition(tile, field, Add);
            CheckContent(tile, field, Add);
        }
        for (var i = 0; i < Tiles.Count; i++)
        {
            for (var j = i + 1; j < Tiles.Count; j++)
            {
                if (Tiles[i].Position is { } a && Tiles[j].Position is { } b && a.Overlaps(b))
                {
                    Add($"tiles[{j}].position", "Ô «{0}» chồng lên ô «{1}»; hãy dời một trong hai ô.",
                        "Tile '{0}' overlaps tile '{1}'; move one of them.", Tiles[j].Id, Tiles[i].Id);
                }
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var bound = new Dictionary<(string, string), string>();
        for (var i = 0; i < Filters.Count; i++)
        {
            var filter = Filters[i];
            var field = $"filters[{i}]";
            if (string.IsNullOrWhiteSpace(filter.Name) || filter.Name.Length > MaxIdLength)
            {
                Add(field + ".name", "Bộ lọc thứ {0} cần tên (tối đa {1} ký tự).", "Filter {0} needs a name (at most {1} characters).", i + 1, MaxIdLength);
            }
            else if (!names.Add(filter.Name))
            {
                Add(field + ".name", "Tên bộ lọc «{0}» bị trùng.", "Filter name '{0}' is used twice.", filter.Name);
            }
            else if (ReservedFilterNames.Contains(filter.Name))
            {
                Add(field + ".name", "Tên «{0}» đã dùng cho địa chỉ trang (lọc chéo, trình chiếu); hãy đặt tên khác.",
                    "The name '{0}' is taken by the page address (cross-filters, presentation); choose another.", filter.Name);
            }
            if (filter.Label is null || filter.Label.Length > MaxTitleLength)
            {
                Add(field + ".label", "Nhãn bộ lọc «{0}» dài tối đa {1} ký tự.", "The label of filter '{0}' may have at most {1} characters.", filter.Name, MaxTitleLength);
            }
            if (filter.AllowedValues is { } allowed)
            {
                if (allowed.Count > MaxAllowedValues)
                {
                    Add(field + ".allowedValues", "Bộ lọc «{0}» có tối đa {1} giá trị cho phép.", "Filter '{0}' has at most {1} allowed values.", filter.Name, MaxAllowedValues);
                }
                foreach (var value in allowed.Where(v => v is null || v.Length > MaxValueLength || !FilterValues.TryParse(v, filter.Type, out _)))
                {
                    Add(field + ".allowedValues", "Giá trị «{0}» của bộ lọc «{1}» không đúng kiểu {2}.", "The value '{0}' of filter '{1}' is not of type {2}.",
                        value, filter.Name, filter.Type.ToContractName());
                }
            }
            if (filter.Default is { } initial)
            {
                if (!FilterValues.TryParse(initial, filter.Type, out _))
                {
                    Add(field + ".default", "Giá trị mặc định «{0}» của bộ lọc «{1}» không đúng kiểu {2}.", "The default '{0}' of filter '{1}' is not of type {2}.",
                        initial, filter.Name, filter.Type.ToContractName());
                }
                else if (filter.AllowedValues is { Count: > 0 } values && !values.Contains(initial))
                {
                    Add(field + ".default", "Giá trị mặc định «{0}» của bộ lọc «{1}» không nằm trong các giá trị cho phép.",
                        "The default '{0}' of filter '{1}' is not one of its allowed values.", initial, filter.Name);
                }
            }
            foreach (var binding in filter.Bindings ?? [])
            {
                var tile = Tile(binding.TileId);
                if (tile is null)
                {
                    Add(field + ".bindings", "Bộ lọc «{0}» gắn với ô «{1}» không có trên bảng điều khiển.",
                        "Filter '{0}' is bound to tile '{1}', which is not on the dashboard.", filter.Name, binding.TileId);
                }
                else if (tile.Kind == TileKind.Text)
                {
                    Add(field + ".bindings", "Bộ lọc «{0}» không gắn được với ô văn bản «{1}».", "Filter '{0}' cannot be bound to the text tile '{1}'.", filter.Name, tile.Id);
                }
                else if (string.IsNullOrWhiteSpace(binding.ParameterName))
                {
                    Add(field + ".bindings", "Bộ lọc «{0}» cần tên tham số cho ô «{1}».", "Filter '{0}' needs a parameter name for tile '{1}'.", filter.Name, tile.Id);
                }
                else if (!bound.TryAdd((binding.TileId, binding.ParameterName), filter.Name))
                {
                    Add(field + ".bindings", "Tham số «{0}» của ô «{1}» đã gắn với bộ lọc «{2}».", "Parameter '{0}' of tile '{1}' is already bound to filter '{2}'.",
                        binding.ParameterName, binding.TileId, bound[(binding.TileId, binding.ParameterName)]);
                }
            }
        }
        return problems;
    }

    private delegate void Adder(string field, string vietnamese, string english, params object?[] args);

    private static void CheckPosition(DashboardTile tile, string field, Adder add)
    {
        if (tile.Position is not { } p)
        {
            add(field + ".position", "Ô «{0}» chưa có vị trí.", "Tile '{0}' has no position.", tile.Id);
            return;
        }
        if (p.X < 0 || p.Y < 0 || p.W < 1 || p.H < 1 || p.X + p.W > GridColumns || p.Y + p.H > MaxRows || p.H > MaxTileHeight)
        {
            add(field + ".position", "Ô «{0}» nằm ngoài lưới {1} cột (cột {2}, rộng {3}, hàng {4}, cao {5}).",
                "Tile '{0}' lies outside the {1}-column grid (column {2}, width {3}, row {4}, height {5}).", tile.Id, GridColumns, p.X, p.W, p.Y, p.H);
        }
    }

    private static void CheckContent(DashboardTile tile, string field, Adder add)
    {
        if (tile.Kind == TileKind.Text)
        {
            if (tile.Markdown is null || tile.Markdown.Length > MaxMarkdownLength)
            {
                add(field + ".markdown", "Ô văn bản «{0}» cần nội dung (tối đa {1} ký tự).", "Text tile '{0}' needs its text (at most {1} characters).", tile.Id, MaxMarkdownLength);
            }
            if (tile.ScenarioKey is not null)
            {
                add(field + ".scenarioKey", "Ô văn bản «{0}» không đọc kịch bản.", "Text tile '{0}' reads no scenario.", tile.Id);
            }
            return;
        }
        if (string.IsNullOrWhiteSpace(tile.ScenarioKey) || tile.ScenarioKey.Length > DatasetKey.MaxLength)
        {
            add(field + ".scenarioKey", "Ô «{0}» cần chọn một kịch bản phân tích.", "Tile '{0}' needs a scenario.", tile.Id);
        }
        if (tile.VisualIndex is { } index && (tile.Kind != TileKind.Visual || index < 0))
        {
            add(field + ".visualIndex", "Ô «{0}»: chỉ ô biểu đồ chọn biểu đồ, bằng số thứ tự không âm.", "Tile '{0}': only visual tiles pick a visual, by a non-negative index.", tile.Id);
        }
        if (tile.Kind == TileKind.Kpi)
        {
            if (tile.Kpi is not { } kpi || string.IsNullOrWhiteSpace(kpi.ValueColumn))
            {
                add(field + ".kpi.valueColumn", "Ô chỉ số «{0}» cần cột giá trị.", "KPI tile '{0}' needs a value column.", tile.Id);
            }
            else if (kpi.Comparison is { Kind: ComparisonKind.PreviousPeriod, PeriodParameter: null or "" })
            {
                add(field + ".kpi.comparison", "Ô chỉ số «{0}» so với kỳ trước cần tham số kỳ (ví dụ năm).", "KPI tile '{0}' compared with the previous period needs the period parameter (a year, say).", tile.Id);
            }
            else if (kpi.Comparison is { Kind: ComparisonKind.Column, Column: null or "" })
            {
                add(field + ".kpi.comparison", "Ô chỉ số «{0}» so với một cột cần tên cột.", "KPI tile '{0}' compared with a column needs the column.", tile.Id);
            }
        }
        else if (tile.Kpi is not null)
        {
            add(field + ".kpi", "Ô «{0}» không phải ô chỉ số.", "Tile '{0}' is not a KPI tile.", tile.Id);
        }
        if (tile.Markdown is not null)
        {
            add(field + ".markdown", "Chỉ ô văn bản có nội dung văn bản (ô «{0}»).", "Only text tiles have text (tile '{0}').", tile.Id);
        }
    }
}

/// <summary>Filter values as text (a URL's form) to the JSON values scenarios bind: ISO dates, invariant numbers.</summary>
public static class FilterValues
{
    public static bool TryParse(string text, ColumnType type, out JsonElement value)
    {
        object? parsed = type switch
        {
            ColumnType.Text => text,
            ColumnType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null,
            ColumnType.Number => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null,
            ColumnType.Boolean => bool.TryParse(text, out var b) ? b : null,
            ColumnType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text : null,
            _ => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text : null,
        };
        value = parsed is null ? default : JsonSerializer.SerializeToElement(parsed);
        return parsed is not null;
    }
}
