using System.Diagnostics;
using System.Text;
using Workbench.Infrastructure.Exports;

namespace Workbench.Tests.Fixtures;

/// <summary>LibreOffice as an independent xlsx reader: what a user opening the download would see.</summary>
public static class LibreOffice
{
    /// <summary>Both sheets as LibreOffice shows them (cell text "as shown"), converted in one soffice run.</summary>
    public static Task<Dictionary<string, List<string[]>>> ReadSheetsAsync(byte[] xlsx, CancellationToken ct) =>
        ReadSheetsAsync(xlsx, [XlsxExporter.DataSheet, XlsxExporter.ProvenanceSheet], ct);

    /// <summary>The named sheets as LibreOffice shows them; each must exist.</summary>
    public static async Task<Dictionary<string, List<string[]>>> ReadSheetsAsync(byte[] xlsx, IReadOnlyList<string> names, CancellationToken ct)
    {
        using var directory = new TempDirectory();
        var file = directory.File("export.xlsx");
        await File.WriteAllBytesAsync(file, xlsx, ct);
        var start = new ProcessStartInfo(Prerequisites.Soffice())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A profile per run so parallel conversions do not share LibreOffice's lock; sheet -1: every sheet to its own file.
        start.ArgumentList.Add($"-env:UserInstallation=file://{directory.Path}/profile");
        start.ArgumentList.Add("--headless");
        start.ArgumentList.Add("--convert-to");
        start.ArgumentList.Add("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1");
        start.ArgumentList.Add("--outdir");
        start.ArgumentList.Add(directory.Path);
        start.ArgumentList.Add(file);
        // Numbers shown with the C locale's separators whatever the machine's.
        start.Environment["LC_ALL"] = "C.UTF-8";
        using var soffice = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var stdout = soffice.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = soffice.StandardError.ReadToEndAsync(timeout.Token);
        await soffice.WaitForExitAsync(timeout.Token);
        var sheets = new Dictionary<string, List<string[]>>();
        foreach (var sheet in names)
        {
            var csv = directory.File($"export-{sheet}.csv");
            Assert.True(File.Exists(csv), $"soffice wrote no {csv}: {await stdout} {await stderr}");
            sheets[sheet] = ParseCsv(await File.ReadAllTextAsync(csv, Encoding.UTF8, ct));
        }
        return sheets;
    }

    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }
}
