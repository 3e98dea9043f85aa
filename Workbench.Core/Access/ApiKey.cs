namespace Workbench.Core.Access;

/// <summary>An API key of an agency system or a user. Only a hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, shown in lists so people can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key, hex. Keys are long random strings, so no salt or slow hash is needed.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The agency whose rights the key carries (set for agency-system keys and user keys alike).</summary>
    public int AgencyId { get; set; }

    /// <summary>Set when the key belongs to one user and carries that user's rights.</summary>
    public string? UserId { get; set; }

    /// <summary>The role the key acts with.</summary>
    public required string Role { get; set; }

    /// <summary>Set when the key is a push connector's own: it may push rows to that connector's dataset and nothing else.</summary>
    public int? ConnectorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
