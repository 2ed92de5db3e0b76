using CareDialog.Core.Data;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CareDialog.Web.Features.Account;

/// <summary>Sign-in, sign-out and first-run set-up: plain form posts, because only a real HTTP response can set the cookie.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        account.MapPost("/login", async ([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
                SignInManager<AppUser> signIn, ILoggerFactory logs) =>
            {
                var result = await signIn.PasswordSignInAsync(email ?? "", password ?? "", isPersistent: false, lockoutOnFailure: true);
                var back = SafeReturnUrl(returnUrl);
                if (result.Succeeded)
                {
                    return Results.LocalRedirect(back);
                }

                // The e-mail is an identifier, not patient data, but there is no need to log it: the count is enough.
                logs.CreateLogger("CareDialog.Account").LogWarning("Failed sign-in (locked out: {LockedOut})", result.IsLockedOut);
                var error = result.IsLockedOut ? "locked" : "invalid";
                return Results.LocalRedirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
            })
            .AllowAnonymous();

        account.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        account.MapPost("/setup", async ([FromForm] string email, [FromForm] string displayName, [FromForm] string password,
                [FromForm] string orgName, [FromForm] string country, [FromForm] string timeZone, [FromForm] string language,
                CreateFirstAdmin uc, SignInManager<AppUser> signIn, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(
                    new FirstAdminInput(email, displayName, password, new OrganisationInput(orgName ?? "", country ?? "", timeZone ?? "", language ?? "")), ct);
                if (!result.IsSuccess)
                {
                    return Results.LocalRedirect("/setup?error=" + Uri.EscapeDataString(result.Error!.Message));
                }

                await signIn.SignInAsync(result.Value, isPersistent: false);
                return Results.LocalRedirect("/");
            })
            .AllowAnonymous();
    }

    /// <summary>Only local paths: an absolute returnUrl would make the sign-in page an open redirect.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
