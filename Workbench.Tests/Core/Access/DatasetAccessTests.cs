using Workbench.Core.Access;
using Workbench.Core.Catalog;

namespace Workbench.Tests.Core.Access;

/// <summary>What a caller sees of a dataset: owners everything, others what their working grants give.</summary>
public sealed class DatasetAccessTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static readonly Dataset Population = new()
    {
        Id = 7,
        Key = "dan-so",
        Name = "Dân số",
        OwnerAgencyId = 1,
        TableName = "ds_7",
        Columns =
        [
            new() { Name = "Huyện", PhysicalName = "c1", Type = ColumnType.Text, Ordinal = 0 },
            new() { Name = "Năm", PhysicalName = "c2", Type = ColumnType.Integer, Ordinal = 1 },
            new() { Name = "Điện thoại", PhysicalName = "c3", Type = ColumnType.Text, Ordinal = 2 },
            new() { Name = "Dân số", PhysicalName = "c4", Type = ColumnType.Integer, Ordinal = 3 },
        ],
    };

    private static readonly Caller Owner = new("u-owner", "Chủ", 1, Roles.Analyst);
    private static readonly Caller Finance = new("u-stc", "Tài chính", 2, Roles.Analyst);
    private static readonly Caller Health = new("u-syt", "Y tế", 3, Roles.Analyst);

    [Fact]
    public void The_owner_agency_and_system_administrators_see_everything_without_grants()
    {
        var admin = new Caller("u-admin", "Quản trị", 9, Roles.SystemAdmin);

        Assert.Same(DatasetPolicy.Everything, DatasetAccess.Policy(Owner, Population, CallerGrants.None, AccessPurpose.Download));
        Assert.Same(DatasetPolicy.Everything, DatasetAccess.Policy(admin, Population, CallerGrants.None, AccessPurpose.Download));
    }

    [Fact]
    public void Another_agency_without_a_grant_sees_nothing()
    {
        Assert.False(DatasetAccess.CanQuery(Finance, Population, Grants(Grant(agency: 3))));
    }

    [Fact]
    public void An_agency_grant_reaches_its_users_with_its_row_filter_and_masks()
    {
        var grants = Grants(Grant(agency: 2, rowFilter: "[Năm] = 2023", masks: [new("Điện thoại", MaskKind.Partial)]));

        var policy = DatasetAccess.Policy(Finance, Population, grants, AccessPurpose.Query);

        Assert.True(policy.Allowed);
        Assert.Equal("([Năm] = 2023)", policy.RowFilter);
        Assert.Equal(MaskKind.Partial, policy.Masks["Điện thoại"]);
        Assert.False(DatasetAccess.CanQuery(Health, Population, grants));
    }

    [Fact]
    public void A_user_grant_reaches_only_that_user()
    {
        var colleague = Finance with { UserId = "u-stc-2" };
        var grants = Grants(Grant(user: "u-stc"));

        Assert.True(DatasetAccess.CanQuery(Finance, Population, grants));
        Assert.False(DatasetAccess.CanQuery(colleague, Population, grants));
    }

    [Fact]
    public void A_revoked_grant_and_a_grant_past_its_last_day_give_nothing()
    {
        var revoked = Grant(agency: 2);
        revoked.RevokedAt = DateTimeOffset.UnixEpoch;

        Assert.False(DatasetAccess.CanQuery(Finance, Population, Grants(revoked)));
        Assert.True(DatasetAccess.CanQuery(Finance, Population, Grants(Grant(agency: 2, expires: Today))));
        Assert.False(DatasetAccess.CanQuery(Finance, Population, Grants(Grant(agency: 2, expires: Today.AddDays(-1)))));
    }

    [Fact]
    public void Files_need_the_download_right()
    {
        var queryOnly = Grants(Grant(agency: 2));
        var both = Grants(Grant(agency: 2, rights: GrantRights.Query | GrantRights.Download));

        Assert.True(DatasetAccess.CanQuery(Finance, Population, queryOnly));
        Assert.False(DatasetAccess.CanDownload(Finance, Population, queryOnly));
        Assert.True(DatasetAccess.CanDownload(Finance, Population, both));
    }

    [Fact]
    public void Several_grants_add_up_rows_of_any_and_masks_of_all()
    {
        var grants = Grants(
            Grant(agency: 2, rowFilter: "[Năm] = 2023", masks: [new("Điện thoại", MaskKind.Hidden), new("Dân số", MaskKind.Hidden)]),
            Grant(user: "u-stc", rowFilter: "[Huyện] = 'Lý Sơn'", masks: [new("Điện thoại", MaskKind.Partial)]));

        var policy = DatasetAccess.Policy(Finance, Population, grants, AccessPurpose.Query);

        Assert.Equal("([Năm] = 2023) or ([Huyện] = 'Lý Sơn')", policy.RowFilter);
        Assert.Equal(new Dictionary<string, MaskKind> { ["Điện thoại"] = MaskKind.Partial }, policy.Masks);
    }

    [Fact]
    public void A_grant_without_a_row_filter_opens_every_row_whatever_the_others_say()
    {
        var grants = Grants(Grant(agency: 2, rowFilter: "[Năm] = 2023"), Grant(user: "u-stc"));

        Assert.Null(DatasetAccess.Policy(Finance, Population, grants, AccessPurpose.Query).RowFilter);
    }

    [Fact]
    public void Grant_rules_explain_a_broken_row_filter_a_partial_mask_on_numbers_and_a_missing_legal_basis()
    {
        var grant = Grant(agency: 2, rowFilter: "[Nam] = 2023", masks: [new("Dân số", MaskKind.Partial)]);
        grant.LegalBasisNumber = " ";

        var problems = GrantRules.Check(grant, Population, Today);

        Assert.Contains(problems, p => p.Contains("Nam") && p.Contains("Năm"));
        Assert.Contains(problems, p => p.Contains("Dân số") && p.Contains("một phần"));
        Assert.Contains(problems, p => p.Contains("số văn bản"));
    }

    [Fact]
    public void Grant_rules_refuse_the_owner_as_grantee_a_past_expiry_and_a_filter_that_is_not_true_or_false()
    {
        var grant = Grant(agency: 1, rowFilter: "[Năm] + 1", expires: Today.AddDays(-1));

        var problems = GrantRules.Check(grant, Population, Today);

        Assert.Equal(3, problems.Count);
        Assert.Contains(GrantRules.RowFilterErrors("[Nam] = 1", Population), e => e.Position == 0);
        Assert.Empty(GrantRules.RowFilterErrors("[Năm] >= 2020 and [Huyện] <> 'Lý Sơn'", Population));
    }

    private static CallerGrants Grants(params DatasetGrant[] grants) => new(grants, Today);

    private static DatasetGrant Grant(
        int? agency = null, string? user = null, GrantRights rights = GrantRights.Query, string? rowFilter = null,
        ColumnMask[]? masks = null, DateOnly? expires = null) => new()
    {
        DatasetId = Population.Id,
        GranteeAgencyId = agency,
        GranteeUserId = user,
        Rights = rights,
        RowFilter = rowFilter,
        MaskedColumns = [.. masks ?? []],
        ExpiresOn = expires,
        LegalBasisNumber = "12/QĐ-UBND",
        LegalBasisDate = Today.AddDays(-3),
        LegalBasisIssuer = "UBND tỉnh Quảng Ngãi",
        CreatedByName = "Quản trị",
    };
}
