using System.Net;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Api;

/// <summary>Error statuses without a body: problem details under <c>/api</c>, the not-found page elsewhere.</summary>
public sealed class ErrorResponsesTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unknown_api_path_is_404_problem_details_not_a_page()
    {
        using var client = factory.CreateApiClient();

        using var response = await client.GetAsync("/api/v1/khong-co-duong-nay", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await response.ReadProblemAsync()).Status);
    }

    [Fact]
    public async Task Unknown_page_is_the_html_not_found_page()
    {
        using var client = factory.CreateApiClient(key: null);

        using var response = await client.GetAsync("/khong-co-trang-nay", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
