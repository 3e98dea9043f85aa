using Workbench.Infrastructure.Persistence.Seeding;

namespace Workbench.Tests.Infrastructure.Persistence;

public sealed class AgencySeedTests
{
    [Fact]
    public void The_regulation_lists_24_agencies_with_unique_codes()
    {
        var codes = AgencySeed.All.Select(a => a.Code).ToList();

        Assert.Equal(24, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            ["VPTU", "VPDDBQH-HDND", "VPUBND", "SKHDT", "STC", "STTTT", "STNMT", "SNNPTNT", "SCT", "SXD", "SGTVT", "SLDTBXH",
             "SVHTTDL", "SYT", "SGDDT", "STP", "SNV", "SKHCN", "SNGV", "TTT", "BQLKKT", "BDT", "CTHUE", "KBNN"],
            codes);
    }

    [Fact]
    public void Names_are_normalised_Vietnamese_and_English()
    {
        Assert.All(AgencySeed.All, agency =>
        {
            Assert.Equal(agency.Name.Normalize(System.Text.NormalizationForm.FormC), agency.Name);
            Assert.False(string.IsNullOrWhiteSpace(agency.NameEn));
        });
        Assert.Contains(AgencySeed.All, a => a is { Code: "STTTT", Name: "Sở Thông tin và Truyền thông" });
    }
}
