using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workbench.Core.Access;
using Workbench.Core.Catalog;
using Workbench.Core.Common;
using Workbench.Infrastructure;
using Workbench.Infrastructure.Catalog;
using Workbench.Infrastructure.Imports;
using Workbench.Infrastructure.Setup;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Imports;

/// <summary>The API's upload on the embedded stores: the load checks the values, and a bad file still loads nothing.</summary>
public sealed class FileImportServiceTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;
    private IHost _host = null!;
    private Caller _caller = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = _folder.Path,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Metadata:Provider"] = "Sqlite",
            ["ConnectionStrings:Metadata"] = $"Data Source={_folder.File("meta.db")}",
            ["Warehouse:Provider"] = "DuckDb",
            ["ConnectionStrings:Warehouse"] = $"Data Source={_folder.File("warehouse.duckdb")}",
            ["Demo:Enabled"] = "false",
            ["Imports:TempFolder"] = _folder.File("uploads"),
            // A short sample, so the bad values below lie past it: only the load's own check can see them.
            ["Imports:InferenceRows"] = "2",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkbenchInfrastructure();
        _host = builder.Build();
        await _host.InitializeWorkbenchAsync(_cancellationToken);
        var agency = await _host.Services.GetRequiredService<SetupService>().OperatorAgencyIdAsync(_cancellationToken);
        _caller = new Caller(null, "test", agency, Roles.SystemAdmin);
    }

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private FileImportService Imports => _host.Services.GetRequiredService<FileImportService>();

    private DatasetService Datasets => _host.Services.GetRequiredService<DatasetService>();

    private Task<Result<FileLoadResult>> UploadAsync(string key, string csv, LoadMode mode = LoadMode.Append) =>
        Imports.UploadAsync(_caller, key, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "data.csv", mode, null, _cancellationToken);

    [Fact]
    public async Task Upload_of_a_new_key_creates_the_dataset_with_inferred_types_and_every_row()
    {
        var result = await UploadAsync("so-lieu", "Huyện,Năm,Giá trị\nBa Vì,2020,1.5\nSơn Tây,2021,2\nMê Linh,2022,3.25\n");

        Assert.Null(result.Error);
        Assert.Equal(3, result.Value!.Load.RowCount);
        Assert.Equal([ColumnType.Text, ColumnType.Integer, ColumnType.Number], result.Value.Dataset.OrderedColumns.Select(c => c.Type));
    }

    [Fact]
    public async Task Upload_with_bad_values_past_the_sample_creates_nothing_and_lists_every_bad_value()
    {
        var result = await UploadAsync("so-lieu", "Huyện,Năm\nBa Vì,2020\nSơn Tây,2021\nMê Linh,hai nghìn\nĐan Phượng,2023\nHoài Đức,x\n");

        Assert.NotNull(result.Error);
        Assert.Equal(2, result.Error!.Details!.Count);
        Assert.Contains("4", result.Error.Details[0]);
        Assert.Contains("hai nghìn", result.Error.Details[0]);
        Assert.Contains("6", result.Error.Details[1]);
        Assert.Null(await Datasets.FindAsync("so-lieu", _cancellationToken));
    }

    [Fact]
    public async Task Upload_into_a_dataset_with_a_bad_value_leaves_its_rows_as_they_were()
    {
        await UploadAsync("so-lieu", "Huyện,Năm\nBa Vì,2020\nSơn Tây,2021\n");

        var result = await UploadAsync("so-lieu", "Huyện,Năm\nMê Linh,2022\nĐan Phượng,2023\nHoài Đức,x\n", LoadMode.Replace);

        Assert.NotNull(result.Error);
        Assert.Contains("x", result.Error!.Details![0]);
        var rows = await Datasets.ReadRowsAsync(_caller, "so-lieu", 0, 10, _cancellationToken);
        Assert.Equal(["Ba Vì", "Sơn Tây"], rows.Value!.Rows.Select(r => (string)r[0]!).Order());
    }
}
