using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Access;
using Workbench.Core.Audit;
using Workbench.Core.Catalog;
using Workbench.Infrastructure.Audit;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Persistence;
using Workbench.Infrastructure.Persistence.Seeding;

namespace Workbench.Tests.Infrastructure.Persistence;

/// <summary>The metadata store's scenarios; one subclass per database that runs here for real.</summary>
public abstract class MetadataStoreTests : IAsyncDisposable
{
    private ServiceProvider? _services;

    protected abstract string Provider { get; }

    /// <summary>A connection string to an empty database (or one that only earlier tests of the class touched).</summary>
    protected abstract string ConnectionString { get; }

    protected abstract Type ExpectedContextType { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services ??= BuildServices();

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkbenchMetadata(Provider, ConnectionString, Path.GetTempPath());
        services.AddIdentityCore<WorkbenchUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkbenchDbContext>();
        return services.BuildServiceProvider(validateScopes: true);
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<T> WithDbAsync<T>(Func<WorkbenchDbContext, Task<T>> action) =>
        InScopeAsync(services => action(services.GetRequiredService<WorkbenchDbContext>()));

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        await Services.MigrateMetadataAsync(Ct);

        var (type, pending, applied, roles) = await WithDbAsync(async db => (
            db.GetType(),
            (await db.Database.GetPendingMigrationsAsync(Ct)).ToList(),
            (await db.Database.GetAppliedMigrationsAsync(Ct)).ToList(),
            await db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync(Ct)));
        Assert.Equal(ExpectedContextType, type);
        Assert.Empty(pending);
        Assert.Contains(applied, id => id.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), roles);
    }

    [Fact]
    public async Task Migrating_twice_is_harmless()
    {
        await Services.MigrateMetadataAsync(Ct);

        await Services.MigrateMetadataAsync(Ct);

        var codes = AgencySeed.All.Select(a => a.Code).ToList();
        Assert.Equal(24, await WithDbAsync(db => db.Agencies.CountAsync(a => codes.Contains(a.Code), Ct)));
    }

    [Fact]
    public async Task Dataset_with_columns_round_trips()
    {
        await Services.MigrateMetadataAsync(Ct);
        var code = "X-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var key = "roundtrip-" + code.ToLowerInvariant();
        var loadedAt = new DateTimeOffset(2024, 11, 13, 8, 30, 0, TimeSpan.Zero);

        await WithDbAsync(async db =>
        {
            var agency = new Agency { Code = code, Name = "Cơ quan thử nghiệm Đắk Lắk", NameEn = "Test agency", CreatedAt = loadedAt };
            db.Agencies.Add(agency);
            db.Datasets.Add(new Dataset
            {
                Key = key,
                Name = "Dân số theo huyện",
                Description = "Số liệu giả lập",
                OwnerAgency = agency,
                Classification = DataClassification.Restricted,
                CatalogGroup = "Dân số",
                ExpectedUpdateFrequency = UpdateFrequency.Quarterly,
                TableName = "ds_pending",
                RowCount = 78,
                DataVersion = 3,
                LastLoadedAt = loadedAt,
                CreatedAt = loadedAt,
                IsSample = true,
                Columns =
                [
                    new DatasetColumn { Name = "Năm", PhysicalName = "c2", Type = ColumnType.Integer, Ordinal = 1, IsKey = true },
                    new DatasetColumn { Name = "Huyện", PhysicalName = "c1", Type = ColumnType.Text, Ordinal = 0, IsKey = true, Description = "Tên huyện" },
                    new DatasetColumn { Name = "Ngày", PhysicalName = "c3", Type = ColumnType.Date, Ordinal = 2 },
                ],
            });
            return await db.SaveChangesAsync(Ct);
        });

        var dataset = await WithDbAsync(db => db.Datasets.AsNoTracking()
            .Include(d => d.OwnerAgency).Include(d => d.Columns)
            .SingleAsync(d => d.Key == key, Ct));
        Assert.Equal(code, dataset.OwnerAgency!.Code);
        Assert.Equal("Cơ quan thử nghiệm Đắk Lắk", dataset.OwnerAgency.Name);
        Assert.Equal(DataClassification.Restricted, dataset.Classification);
        Assert.Equal(UpdateFrequency.Quarterly, dataset.ExpectedUpdateFrequency);
        Assert.Equal(loadedAt, dataset.LastLoadedAt);
        Assert.True(dataset.IsSample);
        Assert.Equal(new[] { "Huyện", "Năm", "Ngày" }, dataset.OrderedColumns.Select(c => c.Name));
        Assert.Equal(new[] { ColumnType.Text, ColumnType.Integer, ColumnType.Date }, dataset.OrderedColumns.Select(c => c.Type));
        Assert.Equal("Tên huyện", dataset.OrderedColumns[0].Description);
    }

    [Fact]
    public async Task Enums_are_stored_as_their_names()
    {
        await Services.MigrateMetadataAsync(Ct);
        var key = "enum-" + Guid.NewGuid().ToString("N")[..8];
        await WithDbAsync(async db =>
        {
            var agency = await db.Agencies.FirstAsync(Ct);
            db.Datasets.Add(new Dataset { Key = key, Name = "x", OwnerAgencyId = agency.Id, TableName = "t", ExpectedUpdateFrequency = UpdateFrequency.Monthly });
            return await db.SaveChangesAsync(Ct);
        });

        var stored = await WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT \"ExpectedUpdateFrequency\" AS \"Value\" FROM \"Datasets\" WHERE \"Key\" = {key}")
            .SingleAsync(Ct));

        Assert.Equal("Monthly", stored);
    }

    [Fact]
    public async Task A_second_dataset_with_the_same_key_is_refused()
    {
        await Services.MigrateMetadataAsync(Ct);
        var key = "duplicate-" + Guid.NewGuid().ToString("N")[..8];
        await WithDbAsync(async db =>
        {
            var agency = await db.Agencies.FirstAsync(Ct);
            db.Datasets.Add(new Dataset { Key = key, Name = "Thứ nhất", OwnerAgencyId = agency.Id, TableName = "t1" });
            return await db.SaveChangesAsync(Ct);
        });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => WithDbAsync(async db =>
        {
            var agency = await db.Agencies.FirstAsync(Ct);
            db.Datasets.Add(new Dataset { Key = key, Name = "Thứ hai", OwnerAgencyId = agency.Id, TableName = "t2" });
            return await db.SaveChangesAsync(Ct);
        }));

        Assert.Contains("Key", error.InnerException?.Message ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Two_columns_of_a_dataset_cannot_share_a_physical_name()
    {
        await Services.MigrateMetadataAsync(Ct);

        await Assert.ThrowsAsync<DbUpdateException>(() => WithDbAsync(async db =>
        {
            var agency = await db.Agencies.FirstAsync(Ct);
            db.Datasets.Add(new Dataset
            {
                Key = "columns-" + Guid.NewGuid().ToString("N")[..8],
                Name = "x",
                OwnerAgencyId = agency.Id,
                TableName = "t",
                Columns =
                [
                    new DatasetColumn { Name = "A", PhysicalName = "c1", Ordinal = 0 },
                    new DatasetColumn { Name = "B", PhysicalName = "c1", Ordinal = 1 },
                ],
            });
            return await db.SaveChangesAsync(Ct);
        }));
    }

    [Fact]
    public async Task Audit_entries_filter_and_sort_by_time_on_the_server()
    {
        await Services.MigrateMetadataAsync(Ct);
        var target = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var noon = new DateTimeOffset(2024, 11, 13, 12, 0, 0, TimeSpan.Zero);
        await WithDbAsync(async db =>
        {
            foreach (var hours in new[] { 3, -2, 1, -5 })
            {
                db.AuditEntries.Add(new AuditEntry { At = noon.AddHours(hours), Action = AuditActions.DatasetLoaded, Target = target });
            }
            return await db.SaveChangesAsync(Ct);
        });

        var later = await WithDbAsync(db => db.AuditEntries
            .Where(e => e.Target == target && e.At > noon)
            .OrderByDescending(e => e.At)
            .Select(e => e.At)
            .ToListAsync(Ct));

        Assert.Equal(new[] { noon.AddHours(3), noon.AddHours(1) }, later);
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_an_audit_entry()
    {
        await Services.MigrateMetadataAsync(Ct);
        var entry = await AddAuditEntryAsync();

        var update = await Record.ExceptionAsync(() => WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Target\" = 'changed' WHERE \"Id\" = {entry.Id}", Ct)));
        var delete = await Record.ExceptionAsync(() => WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id}", Ct)));

        Assert.Contains("append-only", Assert.IsAssignableFrom<System.Data.Common.DbException>(update).Message, StringComparison.Ordinal);
        Assert.Contains("append-only", Assert.IsAssignableFrom<System.Data.Common.DbException>(delete).Message, StringComparison.Ordinal);
        var stored = await WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id, Ct));
        Assert.Equal(entry.Target, stored.Target);
    }

    [Fact]
    public async Task EF_refuses_to_save_a_changed_or_removed_audit_entry_before_the_database_sees_it()
    {
        await Services.MigrateMetadataAsync(Ct);
        var entry = await AddAuditEntryAsync();

        var changed = await Record.ExceptionAsync(() => WithDbAsync(async db =>
        {
            (await db.AuditEntries.SingleAsync(e => e.Id == entry.Id, Ct)).Target = "changed";
            return await db.SaveChangesAsync(Ct);
        }));
        var removed = await Record.ExceptionAsync(() => WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.Id == entry.Id, Ct));
            return await db.SaveChangesAsync(Ct);
        }));
        var bulkUpdate = await Record.ExceptionAsync(() => WithDbAsync(db =>
            db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Target, "changed"), Ct)));
        var bulkDelete = await Record.ExceptionAsync(() => WithDbAsync(db =>
            db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteDeleteAsync(Ct)));

        Assert.All(new[] { changed, removed, bulkUpdate, bulkDelete }, error =>
            Assert.Equal(AuditAppendOnlyInterceptor.Message, Assert.IsType<InvalidOperationException>(error).Message));
        var stored = await WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id, Ct));
        Assert.Equal(entry.Target, stored.Target);
    }

    [Fact]
    public async Task Audit_entries_are_still_added_with_the_append_only_rules_in_place()
    {
        await Services.MigrateMetadataAsync(Ct);

        var first = await AddAuditEntryAsync();
        var second = await AddAuditEntryAsync();

        Assert.True(second.Id > first.Id);
        Assert.Equal(2, await WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Id == first.Id || e.Id == second.Id, Ct)));
    }

    private Task<AuditEntry> AddAuditEntryAsync() => WithDbAsync(async db =>
    {
        var entry = new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            Action = AuditActions.DatasetLoaded,
            Target = "append-only-" + Guid.NewGuid().ToString("N")[..8],
            UserName = "Nguyễn Văn A",
        };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(Ct);
        return entry;
    });

    [Fact]
    public async Task Agency_seed_gives_the_24_agencies_once()
    {
        await Services.MigrateMetadataAsync(Ct);

        var addedAgain = await InScopeAsync(services => services.GetRequiredService<AgencySeeder>().SeedAsync(Ct));

        Assert.Equal(0, addedAgain);
        var codes = AgencySeed.All.Select(a => a.Code).ToList();
        var seeded = await WithDbAsync(db => db.Agencies.Where(a => codes.Contains(a.Code)).ToListAsync(Ct));
        Assert.Equal(24, seeded.Count);
        Assert.All(AgencySeed.All, entry =>
            Assert.Contains(seeded, a => a.Code == entry.Code && a.Name == entry.Name && a.NameEn == entry.NameEn && a.IsActive));
    }

    [Fact]
    public async Task Demo_seed_creates_every_role_in_its_agency_once()
    {
        await Services.MigrateMetadataAsync(Ct);

        var created = await Services.SeedDemoAccountsAsync(Ct);
        var createdAgain = await Services.SeedDemoAccountsAsync(Ct);

        Assert.Equal(DemoSeed.Accounts.Count, created);
        Assert.Equal(0, createdAgain);
        foreach (var account in DemoSeed.Accounts)
        {
            var (agencyCode, roles, passwordOk) = await InScopeAsync(async services =>
            {
                var users = services.GetRequiredService<UserManager<WorkbenchUser>>();
                var user = await users.Users.Include(u => u.Agency).SingleAsync(u => u.UserName == account.UserName, Ct);
                return (user.Agency!.Code, await users.GetRolesAsync(user), await users.CheckPasswordAsync(user, DemoSeed.Password));
            });
            Assert.Equal(account.AgencyCode, agencyCode);
            Assert.Equal(new[] { account.Role }, roles);
            Assert.True(passwordOk, account.UserName);
        }
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), DemoSeed.Accounts.Select(a => a.Role).Distinct().Order(StringComparer.Ordinal));
        Assert.True(DemoSeed.Accounts.Select(a => a.AgencyCode).Distinct().Count() >= 2);
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database()
    {
        await Services.MigrateMetadataAsync(Ct);
        var protector = Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        var roundTrip = protector.Unprotect(protector.Protect("bí mật"));

        Assert.Equal("bí mật", roundTrip);
        Assert.True(await WithDbAsync(db => db.DataProtectionKeys.AnyAsync(Ct)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;
}
