using Microsoft.AspNetCore.Components.Authorization;
using Workbench.Core.Access;
using Workbench.Infrastructure.Identity;

namespace Workbench.App.Components.Shared;

/// <summary>The signed-in user of this circuit as a <see cref="Caller"/>, for the application services.</summary>
public sealed class CurrentCaller(AuthenticationStateProvider authentication)
{
    public async Task<Caller> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        // Pages that call this require authorization, so a missing caller is a bug, not a user error.
        return state.User.ToCaller() ?? throw new InvalidOperationException("The page requires a signed-in user with an agency.");
    }
}
