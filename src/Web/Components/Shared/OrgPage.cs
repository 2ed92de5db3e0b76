using CareDialog.Core.Data;
using CareDialog.Core.Features.Organisations;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CareDialog.Web.Components.Shared;

/// <summary>
/// Base for every page under /o/{Org}/: resolves the organisation and the user's roles in it. A user who is not a member
/// sees "not found", exactly as the API answers 404.
/// </summary>
public abstract class OrgPage : ComponentBase
{
    [Parameter] public string Org { get; set; } = "";
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] protected IServiceScopeFactory Scopes { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    protected Organisation? Organisation { get; private set; }
    protected OrgActor? Actor { get; private set; }
    protected bool Resolved { get; private set; }
    protected bool NotMember => Resolved && Actor is null;

    private string? _resolvedFor;

    protected override async Task OnParametersSetAsync()
    {
        if (_resolvedFor != Org)
        {
            var user = (await AuthState).User;
            await using var scope = Scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var r = await MembershipQueries.ResolveAsync(db, user.UserId(), user.DisplayName(), Org, CancellationToken.None);
            Organisation = r?.Org;
            Actor = r?.Actor;
            Resolved = true;
            _resolvedFor = Org;
            if (Actor is not null)
            {
                await OnOrgReadyAsync();
            }
        }
    }

    /// <summary>Called once the organisation is known and the user is a member.</summary>
    protected virtual Task OnOrgReadyAsync() => Task.CompletedTask;

    protected bool Can(Permission p) => Actor?.Can(p) == true;

    /// <summary>Runs a use case in its own DI scope: a circuit lives for hours, a DbContext should live for one operation.</summary>
    protected async Task<TResult> Run<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected DateTime Local(DateTime utc) => OrgClock.ToLocal(Organisation!.Zone, utc);
}
