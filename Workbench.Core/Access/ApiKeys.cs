using System.Security.Cryptography;
using System.Text;

namespace Workbench.Core.Access;

/// <summary>Making and hashing API keys. A key is shown once; only its SHA-256 is stored.</summary>
public static class ApiKeys
{
    /// <summary>Every key starts with this, so leaked keys are easy to find in logs and repositories.</summary>
    public const string Marker = "wbk_";

    /// <summary>The characters of the key shown in lists (marker + 8).</summary>
    public const int PrefixLength = 12;

    /// <summary>A new random key: the marker and 32 random bytes in URL-safe base64.</summary>
    public static string NewKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return Marker + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The stored form of a key: lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string PrefixOf(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];
}
