using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Workbench.Infrastructure.Identity;

namespace Workbench.App.Features.Account;

/// <summary>
/// Re-checks an open circuit's session every minute (<see cref="SessionCheck"/>): a disabled user, a changed role or
/// agency, or a deactivated agency ends the session in the open pages too, not only at the next sign-in.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, SessionCheck check)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated == true
            ? check.StillValidAsync(authenticationState.User, cancellationToken)
            : Task.FromResult(true);
}
