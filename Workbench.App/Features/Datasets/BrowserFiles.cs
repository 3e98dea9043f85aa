using Microsoft.AspNetCore.Components.Forms;
using Workbench.Core.Common;
using Workbench.Core.Imports;
using Workbench.Infrastructure.Imports;

namespace Workbench.App.Features.Datasets;

/// <summary>A file chosen in the browser, copied to the server for import (the upload and the file-delivery dialogs).</summary>
public static class BrowserFiles
{
    /// <summary>Streams the file into the import folder, reporting the share copied (0–100) as it goes.</summary>
    /// <remarks>The caller checks <see cref="IBrowserFile.Size"/> against <paramref name="maxBytes"/> first, to say so in its own words.</remarks>
    public static async Task<Result<UploadedFile>> SaveAsync(
        FileImportService imports, IBrowserFile file, long maxBytes, Action<double> percent, CancellationToken cancellationToken)
    {
        var progress = new Progress<long>(bytes => percent(file.Size == 0 ? 100 : bytes * 100.0 / file.Size));
        await using var stream = file.OpenReadStream(maxBytes, cancellationToken);
        return await imports.SaveAsync(stream, file.Name, progress, cancellationToken);
    }
}
