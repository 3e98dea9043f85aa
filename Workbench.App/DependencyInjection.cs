using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Identity.Web;
using MudBlazor.Services;
using Workbench.App.Api;
using Workbench.App.Components;
using Workbench.App.Components.Shared;
using Workbench.App.Features.Account;
using Workbench.App.Features.Admin;
using Workbench.App.Features.Dashboards;
using Workbench.App.Features.Datasets;
using Workbench.App.Features.Scenarios;
using Workbench.App.Features.Setup;
using Workbench.Infrastructure.Persistence;

namespace Workbench.App;

/// <summary>The web half: UI, authentication, API, health. Program.cs only chains these.</summary>
public static class DependencyInjection
{
    public static readonly CultureInfo[] SupportedCultures = [new("vi-VN"), new("en-US")];

    public static IHostApplicationBuilder AddWorkbenchWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("vi-VN");
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
            // Vietnamese first: the browser's language is not consulted; English is chosen from the language menu (a cookie).
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var signInProvider = SignInProvider.From(builder.Configuration);
        services.AddSingleton(signInProvider);
        if (signInProvider.IsEntraId)
        {
            // No cookie scheme of its own: the identity provider's answer lands in Identity's external cookie, and
            // /account/external-callback turns it into a local user's session (or explains why it cannot).
            services.AddAuthentication().AddMicrosoftIdentityWebApp(
                builder.Configuration.GetSection(SignInProvider.EntraIdSection), OpenIdConnectDefaults.AuthenticationScheme, cookieScheme: null);
            // The authorization code flow with the client secret (Microsoft.Identity.Web's default is the implicit
            // id_token flow, which the app registration would have to allow specially).
            services.Configure<MicrosoftIdentityOptions>(OpenIdConnectDefaults.AuthenticationScheme,
                options => options.ResponseType = Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectResponseType.Code);
        }
        // An idle session ends after this long (sliding: each request renews it), as the agencies' security rules ask.
        var sessionMinutes = builder.Configuration.GetValue("Authentication:SessionTimeoutMinutes", 480);
        if (sessionMinutes is < 1 or > 10_080)
        {
            throw new InvalidOperationException(
                $"Authentication:SessionTimeoutMinutes is {sessionMinutes}; give the minutes an idle session lasts, from 1 to 10080 (a week).");
        }
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "workbench.auth";
            options.ExpireTimeSpan = TimeSpan.FromMinutes(sessionMinutes);
            options.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.PolicyName, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(ApiKeyAuthenticationHandler.AllowsCaller));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        // HTTP requests check the security stamp as often as open circuits do (the default is 30 minutes).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = SessionRevalidation.Interval);
        services.AddScoped<CurrentCaller>();
        services.AddScoped<Features.AccessRequests.AccessRequestCounter>();

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Workbench API";
            document.Info.Description = "Datasets and queries of the province's data aggregation and analysis platform. Authenticate with 'Authorization: Bearer <API key>'.";
            return Task.CompletedTask;
        }));
        builder.AddWorkbenchJobServer();
        services.AddHealthChecks()
            .AddDbContextCheck<WorkbenchDbContext>("metadata")
            .AddCheck<WarehouseHealthCheck>("warehouse");
        return builder;
    }

    public static WebApplication UseWorkbenchWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseExceptionHandler();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Nested inside the re-execution, so it answers first: a bodiless API error (a binding failure, an unknown path)
        // becomes problem details, not the HTML not-found page (or a redirect to /setup before the first run).
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<SetupRedirectMiddleware>();
        app.UseMiddleware<ForcedPasswordChangeMiddleware>();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWorkbenchWeb(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapDatasetDownloads();
        app.MapScenarioEndpoints();
        app.MapDashboardDownloads();
        app.MapAuditDownloads();
        app.MapJobsDashboard();
        app.MapDatasetsApi();
        app.MapQueryApi();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }
}
