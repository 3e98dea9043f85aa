using Microsoft.Extensions.Localization;
using Workbench.Core.Scenarios;

namespace Workbench.App.Features.Charts;

/// <summary>What a <see cref="VisualIssue"/> means for the user: which column, in which role, and what to do.</summary>
public static class VisualIssueText
{
    public static string Of(IStringLocalizer<SharedResource> l, VisualIssue issue)
    {
        string role = l["Chart.Role." + issue.Role];
        return issue.Kind switch
        {
            VisualIssueKind.Missing => l["Chart.Issue.Missing", issue.Column!, role],
            VisualIssueKind.NotNumeric => l["Chart.Issue.NotNumeric", issue.Column!, role],
            _ => l["Chart.Issue.Required", role],
        };
    }
}
