using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Workbench.Tests.App;

/// <summary>Every UI string is in Vietnamese and in English: a key used in markup but missing from a resource file would show its key.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string AppFolder = Path.Combine(RepositoryRoot(), "Workbench.App");

    [Fact]
    public void Vietnamese_and_English_resources_have_the_same_keys()
    {
        var vietnamese = Keys("SharedResource.resx");
        var english = Keys("SharedResource.en.resx");

        Assert.Equal([], [.. vietnamese.Keys.Except(english.Keys)]);
        Assert.Equal([], [.. english.Keys.Except(vietnamese.Keys)]);
    }

    [Fact]
    public void Every_key_the_UI_uses_has_a_text_in_both_languages()
    {
        var vietnamese = Keys("SharedResource.resx");
        var english = Keys("SharedResource.en.resx");
        var used = Directory.EnumerateFiles(AppFolder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Equal([], [.. used.Where(k => !vietnamese.ContainsKey(k) || string.IsNullOrWhiteSpace(vietnamese[k])).Order()]);
        Assert.Equal([], [.. used.Where(k => !english.ContainsKey(k) || string.IsNullOrWhiteSpace(english[k])).Order()]);
    }

    [Fact]
    public void Enum_labels_exist_for_every_column_type_classification_and_frequency()
    {
        var vietnamese = Keys("SharedResource.resx");
        var needed = Enum.GetNames<Workbench.Core.Catalog.ColumnType>().Select(n => "ColumnType." + n)
            .Concat(Enum.GetNames<Workbench.Core.Catalog.DataClassification>().Select(n => "Classification." + n))
            .Concat(Enum.GetNames<Workbench.Core.Catalog.UpdateFrequency>().Select(n => "Frequency." + n));

        Assert.Equal([], [.. needed.Where(k => !vietnamese.ContainsKey(k))]);
    }

    [Fact]
    public void Every_audit_action_has_a_label_in_both_languages()
    {
        var vietnamese = Keys("SharedResource.resx");
        var english = Keys("SharedResource.en.resx");
        var needed = Workbench.Core.Audit.AuditActions.All.Select(a => "AuditAction." + a).ToList();

        Assert.Equal([], [.. needed.Where(k => !vietnamese.ContainsKey(k) || !english.ContainsKey(k))]);
    }

    private static Dictionary<string, string> Keys(string file) =>
        XDocument.Load(Path.Combine(AppFolder, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Workbench.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Workbench.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""L\["([A-Za-z]+\.[A-Za-z.]+)"(?:,|\])""")]
    private static partial Regex LiteralKey();
}
