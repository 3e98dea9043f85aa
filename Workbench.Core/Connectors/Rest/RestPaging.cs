using System.Text.Json.Serialization;

namespace Workbench.Core.Connectors.Rest;

/// <summary>
/// How a REST source pages through its records. Reading stops at an empty page, at a page shorter than the page size
/// (when the size is known), when there is no next cursor or link, or fails at <see cref="MaxPages"/> (a safety limit
/// against a source that never stops: a sync must not quietly keep part of the data).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(None), "none")]
[JsonDerivedType(typeof(PageNumber), "pageNumber")]
[JsonDerivedType(typeof(OffsetLimit), "offsetLimit")]
[JsonDerivedType(typeof(Cursor), "cursor")]
[JsonDerivedType(typeof(NextLink), "nextLink")]
public abstract record RestPaging
{
    /// <summary>The default <see cref="MaxPages"/>.</summary>
    public const int DefaultMaxPages = 10_000;

    private RestPaging()
    {
    }

    /// <summary>The most pages one read may fetch; reaching it fails the read as a configuration error.</summary>
    public int MaxPages { get; init; } = DefaultMaxPages;

    /// <summary>One request returns every record.</summary>
    public sealed record None : RestPaging;

    /// <summary>
    /// Pages numbered from <paramref name="Start"/> in the query parameter <paramref name="Parameter"/>; the page size is sent
    /// as <paramref name="SizeParameter"/> when set. <paramref name="Size"/> is the page size (sent, or the server's own),
    /// used to stop at a short page; without it reading stops at an empty page.
    /// </summary>
    public sealed record PageNumber(string Parameter, int Start = 1, string? SizeParameter = null, int? Size = null) : RestPaging;

    /// <summary>Records from an offset (<paramref name="OffsetParameter"/>, from 0), <paramref name="Size"/> at a time (<paramref name="LimitParameter"/>).</summary>
    public sealed record OffsetLimit(string OffsetParameter, string LimitParameter, int Size) : RestPaging;

    /// <summary>
    /// The response names the next page by an opaque cursor at <paramref name="NextCursorPath"/> (a <see cref="JsonPath"/>
    /// from the response's root), sent back as <paramref name="Parameter"/>; no cursor (absent, null or empty) ends the read.
    /// </summary>
    public sealed record Cursor(string Parameter, string NextCursorPath) : RestPaging;

    /// <summary>
    /// The response holds the next page's URL at <paramref name="NextLinkPath"/> (absolute, or relative to the page's URL);
    /// no link ends the read. The link must stay on the source's own scheme, host and port: credentials are not sent elsewhere.
    /// </summary>
    public sealed record NextLink(string NextLinkPath) : RestPaging;
}
