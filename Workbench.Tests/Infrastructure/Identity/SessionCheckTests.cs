using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.App.Features.Account;
using Workbench.Infrastructure.Identity;
using Workbench.Infrastructure.Persistence;
using Workbench.Tests.Fixtures;

namespace Workbench.Tests.Infrastructure.Identity;

/// <summary>An open session stands only while its user, their agency and their security stamp are as at sign-in.</summary>
public sealed class SessionCheckTests : IAsyncLifetime
{
    private readonly DemoAppFactory _app = new();
    private CancellationToken Cancel => TestContext.Current.CancellationToken;
    private SessionCheck Check => _app.Services.GetRequiredService<SessionCheck>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_fresh_session_stands()
    {
        Assert.True(await Check.StillValidAsync(await SignInAsync("chuyenvien.stc"), Cancel));
    }

    [Fact]
    public async Task Disabling_the_user_ends_their_session()
    {
        var session = await SignInAsync("chuyenvien.stc");

        await WithUserAsync("chuyenvien.stc", (users, user) => { user.IsDisabled = true; return users.UpdateAsync(user); });

        Assert.False(await Check.StillValidAsync(session, Cancel));
    }

    [Fact]
    public async Task A_new_security_stamp_ends_the_session_signed_in_before_it()
    {
        var session = await SignInAsync("chuyenvien.stc");

        // What an administrator's role change or password reset does.
        await WithUserAsync("chuyenvien.stc", (users, user) => users.UpdateSecurityStampAsync(user));

        Assert.False(await Check.StillValidAsync(session, Cancel));
        Assert.True(await Check.StillValidAsync(await SignInAsync("chuyenvien.stc"), Cancel));
    }

    [Fact]
    public async Task Deactivating_the_agency_ends_its_users_sessions_and_no_other()
    {
        var finance = await SignInAsync("chuyenvien.stc");
        var planning = await SignInAsync("chuyenvien.skhdt");
        var financeCaller = await _app.Services.CallerAsync("chuyenvien.stc");

        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Cancel))
        {
            var agency = await db.Agencies.SingleAsync(a => a.Id == financeCaller.AgencyId, Cancel);
            agency.IsActive = false;
            await db.SaveChangesAsync(Cancel);
        }

        Assert.False(await Check.StillValidAsync(finance, Cancel));
        Assert.True(await Check.StillValidAsync(planning, Cancel));
    }

    [Fact]
    public async Task A_principal_without_a_user_id_or_of_a_deleted_user_does_not_stand()
    {
        Assert.False(await Check.StillValidAsync(new ClaimsPrincipal(new ClaimsIdentity("test")), Cancel));
        var session = await SignInAsync("chuyenvien.stc");

        await WithUserAsync("chuyenvien.stc", (users, user) => users.DeleteAsync(user));

        Assert.False(await Check.StillValidAsync(session, Cancel));
    }

    [Fact]
    public async Task Open_circuits_recheck_their_session_every_minute()
    {
        await using var scope = _app.Services.CreateAsyncScope();

        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

        Assert.IsType<SessionRevalidation>(provider);
        Assert.Equal(TimeSpan.FromMinutes(1), SessionRevalidation.Interval);
    }

    private async Task<ClaimsPrincipal> SignInAsync(string userName)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        return await scope.ServiceProvider.GetRequiredService<SignInManager<WorkbenchUser>>().CreateUserPrincipalAsync(user);
    }

    private async Task WithUserAsync(string userName, Func<UserManager<WorkbenchUser>, WorkbenchUser, Task<IdentityResult>> change)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        Assert.True((await change(users, user)).Succeeded);
    }
}
