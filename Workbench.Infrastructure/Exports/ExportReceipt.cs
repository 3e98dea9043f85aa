namespace Workbench.Infrastructure.Exports;

/// <summary>What a finished export wrote: rows and the SHA-256 of the bytes, for the audit log.</summary>
public sealed record ExportReceipt(long Rows, string Sha256);
