using System.Globalization;
using Workbench.Core.Access;
using Workbench.Core.Connectors;

namespace Workbench.Tests.Core.Connectors;

/// <summary>A connector is valid with its fields right, and runs on its schedule only on both legal documents.</summary>
public sealed class ConnectorRulesTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly LegalDocument Request = new("12/STC-TH", new DateOnly(2026, 10, 1), "Sở Tài chính");
    private static readonly LegalDocument Agreement = new("88/SKHĐT-ĐKKD", new DateOnly(2026, 10, 20), "Sở Kế hoạch và Đầu tư");

    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public ConnectorRulesTests() => CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;

    [Fact]
    public void A_connector_with_its_fields_and_both_documents_is_valid_and_may_be_activated()
    {
        var connector = Valid();

        Assert.Empty(ConnectorRules.Problems(connector, Today));
        Assert.Null(ConnectorRules.ActivationProblem(connector));
    }

    [Fact]
    public void Each_bad_field_is_named()
    {
        var connector = Valid();
        connector.Key = "Đăng ký";
        connector.Name = " ";
        connector.Schedule = "*/5 * * * *";
        connector.Request = Request with { Number = "", Date = Today.AddDays(1) };
        connector.Agreement = Agreement with { Issuer = new string('x', 300) };

        var problems = ConnectorRules.Problems(connector, Today);

        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.Contains("Mã kết nối «Đăng ký»"));
        Assert.Contains(problems, p => p.Contains("Tên kết nối"));
        Assert.Contains(problems, p => p.Contains("Lịch đồng bộ"));
        Assert.Contains(problems, p => p.StartsWith("Văn bản đề nghị: Hãy nhập số văn bản"));
        Assert.Contains(problems, p => p.StartsWith("Văn bản đề nghị: Hãy nhập ngày ban hành"));
        Assert.Contains(problems, p => p.StartsWith("Văn bản thống nhất: Hãy nhập cơ quan ban hành"));
    }

    [Fact]
    public void Activation_needs_the_request_and_the_agreement_and_says_which_is_missing()
    {
        var connector = Valid();
        connector.Agreement = null;
        Assert.Contains("văn bản thống nhất", ConnectorRules.ActivationProblem(connector));

        connector.Request = null;
        Assert.Contains("văn bản đề nghị của cơ quan khai thác và văn bản thống nhất", ConnectorRules.ActivationProblem(connector));

        connector.Agreement = Agreement;
        Assert.Contains("văn bản đề nghị", ConnectorRules.ActivationProblem(connector));
        Assert.Empty(ConnectorRules.Problems(connector, Today));
    }

    [Fact]
    public void Only_the_system_administrator_manages_connectors()
    {
        Assert.True(ConnectorRules.CanManage(new Caller("a", "A", 1, Roles.SystemAdmin)));
        Assert.All([Roles.AgencyAdmin, Roles.Analyst, Roles.Viewer], role => Assert.False(ConnectorRules.CanManage(new Caller("u", "U", 1, role))));
    }

    private static Connector Valid() => new()
    {
        Key = "dkkd-sokhdt",
        Name = "Đăng ký kinh doanh (Sở KHĐT)",
        Kind = ConnectorKind.Rest,
        ProvidingAgencyId = 2,
        DatasetId = 7,
        Mode = SyncMode.IncrementalUpsert,
        Schedule = SyncSchedule.DailyAt(2, 0).ToCron(),
        SettingsJson = "{}",
        Request = Request,
        Agreement = Agreement,
    };
}
