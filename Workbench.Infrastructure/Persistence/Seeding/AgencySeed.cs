namespace Workbench.Infrastructure.Persistence.Seeding;

/// <summary>One participating agency of the regulation's Điều 2.</summary>
/// <param name="Code">Short stable code, used by the API's <c>ownerAgency</c> and by the other seeds.</param>
/// <param name="Name">The Vietnamese name, worded as in Điều 2 of the regulation (with its <c>Sở</c> prefix where Điều 2 lists departments).</param>
/// <param name="NameEn">The English name of REGULATION.md.</param>
public sealed record AgencySeedEntry(string Code, string Name, string NameEn);

/// <summary>
/// The 24 agencies of Decision 1415/QĐ-UBND, Điều 2: the default agency list on first start.
/// Seeded as rows (not migration data) because agencies are merged and renamed over time and edited in the UI.
/// </summary>
public static class AgencySeed
{
    public const string ProvincialPartyOffice = "VPTU";
    public const string NationalAssemblyAndCouncilOffice = "VPDDBQH-HDND";
    public const string PeoplesCommitteeOffice = "VPUBND";
    public const string PlanningAndInvestment = "SKHDT";
    public const string Finance = "STC";
    public const string InformationAndCommunications = "STTTT";
    public const string EducationAndTraining = "SGDDT";

    public static IReadOnlyList<AgencySeedEntry> All { get; } =
    [
        new(ProvincialPartyOffice, "Văn phòng Tỉnh ủy", "Provincial Party Committee Office"),
        new(NationalAssemblyAndCouncilOffice, "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "Office of the National Assembly Delegation and People's Council"),
        new(PeoplesCommitteeOffice, "Văn phòng UBND tỉnh", "Provincial People's Committee Office"),
        new(PlanningAndInvestment, "Sở Kế hoạch và Đầu tư", "Department of Planning & Investment"),
        new(Finance, "Sở Tài chính", "Department of Finance"),
        new(InformationAndCommunications, "Sở Thông tin và Truyền thông", "Department of Information & Communications"),
        new("STNMT", "Sở Tài nguyên và Môi trường", "Department of Natural Resources & Environment"),
        new("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "Department of Agriculture & Rural Development"),
        new("SCT", "Sở Công Thương", "Department of Industry & Trade"),
        new("SXD", "Sở Xây dựng", "Department of Construction"),
        new("SGTVT", "Sở Giao thông vận tải", "Department of Transport"),
        new("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "Department of Labour–Invalids & Social Affairs"),
        new("SVHTTDL", "Sở Văn hóa Thể thao và Du lịch", "Department of Culture–Sports & Tourism"),
        new("SYT", "Sở Y tế", "Department of Health"),
        new(EducationAndTraining, "Sở Giáo dục và Đào tạo", "Department of Education & Training"),
        new("STP", "Sở Tư Pháp", "Department of Justice"),
        new("SNV", "Sở Nội vụ", "Department of Home Affairs"),
        new("SKHCN", "Sở Khoa học và Công nghệ", "Department of Science & Technology"),
        new("SNGV", "Sở Ngoại vụ", "Department of Foreign Affairs"),
        new("TTT", "Thanh tra tỉnh", "Provincial Inspectorate"),
        new("BQLKKT", "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi", "Dung Quất Economic Zone and Industrial Parks Authority"),
        new("BDT", "Ban Dân tộc tỉnh", "Ethnic Minorities Committee"),
        new("CTHUE", "Cục Thuế tỉnh", "Provincial Tax Department"),
        new("KBNN", "Kho bạc Nhà nước tỉnh", "State Treasury of the province"),
    ];
}
