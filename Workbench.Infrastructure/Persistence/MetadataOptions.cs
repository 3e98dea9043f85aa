namespace Workbench.Infrastructure.Persistence;

/// <summary>The <c>Metadata</c> section: which database holds the metadata store.</summary>
public sealed class MetadataOptions
{
    public const string SectionName = "Metadata";

    /// <summary>The connection string's name: <c>ConnectionStrings:Metadata</c>.</summary>
    public const string ConnectionStringName = "Metadata";

    /// <summary><c>Sqlite</c> (default), <c>SqlServer</c> or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = nameof(MetadataProvider.Sqlite);

    /// <summary>Parses a provider name, case-insensitively; blank means the default, SQLite.</summary>
    /// <exception cref="InvalidOperationException">The name is none of the valid ones; the message lists them.</exception>
    public static MetadataProvider ParseProvider(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return MetadataProvider.Sqlite;
        }
        var match = Enum.GetNames<MetadataProvider>().FirstOrDefault(valid => string.Equals(valid, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return Enum.Parse<MetadataProvider>(match);
        }
        throw new InvalidOperationException(
            $"Unknown metadata provider '{name}' in {SectionName}:{nameof(Provider)}. Valid values: {string.Join(", ", Enum.GetNames<MetadataProvider>())}.");
    }
}

/// <summary>The databases the metadata store runs on.</summary>
public enum MetadataProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}
