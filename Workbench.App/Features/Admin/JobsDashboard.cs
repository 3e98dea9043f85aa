using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Workbench.Core.Access;
using Workbench.Infrastructure.Connectors.Jobs;

namespace Workbench.App.Features.Admin;

/// <summary>
/// Hangfire's dashboard at <see cref="Path"/>, for the system administrator only: the endpoint requires the role (the
/// sign-in redirect for nobody, the denied page for other roles), and the dashboard's own filter checks it again.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    /// <summary>The processing server, unless <c>Jobs:Enabled</c> is false (a web-only node still schedules and enqueues).</summary>
    public static IHostApplicationBuilder AddWorkbenchJobServer(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue(JobsOptions.SectionName + ":" + nameof(JobsOptions.Enabled), true))
        {
            builder.Services.AddHangfireServer((services, options) =>
            {
                var configured = JobsServiceCollectionExtensions.ServerOptions(services);
                options.WorkerCount = configured.WorkerCount;
                options.SchedulePollingInterval = configured.SchedulePollingInterval;
                options.CancellationCheckInterval = configured.CancellationCheckInterval;
                options.Activator = configured.Activator;
            });
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var options = new DashboardOptions
        {
            Authorization = [new SystemAdminOnly()],
            AppPath = "/",
            DashboardTitle = "Workbench — Jobs",
            DisplayStorageConnectionString = false,
        };
        endpoints.MapHangfireDashboard(Path, options, endpoints.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.SystemAdmin });
        return endpoints;
    }

    private sealed class SystemAdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.SystemAdmin);
    }
}
