using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Consents;
using CareDialog.Core.Features.Media;
using CareDialog.Core.Features.Organisations;
using CareDialog.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Web.Features.Consents;

/// <summary>PatientName is null unless the caller may manage consents.</summary>
public sealed record ConsentDto(
    Guid Id, string Reference, string? PatientName, IReadOnlyList<string> Uses, IReadOnlyList<string> Platforms,
    DateOnly ValidFrom, DateOnly? ValidTo, bool Withdrawn, DateTime? WithdrawnAtUtc, int UsedByPosts)
{
    public static ConsentDto From(Consent c, bool withName, int usedBy) => new(
        c.Id, c.Reference, withName ? c.PatientName : null, c.UseSet.Order().ToList(),
        c.Platforms.Split(',', StringSplitOptions.RemoveEmptyEntries), c.ValidFrom, c.ValidTo, c.IsWithdrawn, c.WithdrawnAtUtc, usedBy);
}

public sealed record WithdrawRequest(string? Reason);

public static class ConsentsApi
{
    public static void MapConsentsApi(this WebApplication app)
    {
        var consents = OrgScope.RequireMembership(app.MapGroup("/api/v1/orgs/{org}/consents").WithTags("Consents"));

        consents.MapGet("/", async Task<Results<Ok<List<ConsentDto>>, ProblemHttpResult>> (OrgScope scope, AppDbContext db, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ViewContent) is { } denied)
                {
                    return denied.ToProblem();
                }

                var withNames = scope.Who.Can(Permission.ManageConsents);
                var rows = await db.Consents.AsNoTracking().Where(c => c.OrganisationId == scope.Org.Id).OrderBy(c => c.Reference)
                    .Select(c => new { Consent = c, Used = db.PostConsents.Count(pc => pc.ConsentId == c.Id) }).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(r => ConsentDto.From(r.Consent, withNames, r.Used)).ToList());
            })
            .WithName("ListConsents").WithSummary("Consents of the organisation; the patient's name only for Managers and ComplianceOfficers.");

        consents.MapPost("/", async Task<Results<Created<ConsentDto>, ProblemHttpResult>> (
                OrgScope scope, [FromForm] string patientName, [FromForm] string uses, [FromForm] string? platforms,
                [FromForm] DateOnly validFrom, [FromForm] DateOnly? validTo, [FromForm] string? notes, IFormFile form,
                RecordConsent uc, CancellationToken ct) =>
            {
                await using var stream = form.OpenReadStream();
                var input = new ConsentInput(patientName, Split(uses), Split(platforms), validFrom, validTo, notes);
                var result = await uc.HandleAsync(scope.Who, input, form.FileName, stream, ct);
                return result.IsSuccess
                    ? TypedResults.Created($"/api/v1/orgs/{scope.Org.Slug}/consents/{result.Value.Id}", ConsentDto.From(result.Value, true, 0))
                    : result.Error!.ToProblem();
            })
            .DisableAntiforgery()
            .WithName("RecordConsent");

        consents.MapPost("/{id:guid}/withdraw", async Task<Results<Ok<WithdrawalOutcomeDto>, ProblemHttpResult>> (
                OrgScope scope, Guid id, WithdrawRequest body, WithdrawConsent uc, CancellationToken ct) =>
            {
                var result = await uc.HandleAsync(scope.Who, id, body.Reason, ct);
                return result.IsSuccess
                    ? TypedResults.Ok(new WithdrawalOutcomeDto(result.Value.Consent.Reference, result.Value.PulledBack, result.Value.ToTakeDown))
                    : result.Error!.ToProblem();
            })
            .WithName("WithdrawConsent");

        consents.MapGet("/{id:guid}/form", async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> (
                OrgScope scope, Guid id, AppDbContext db, MediaStore store, CancellationToken ct) =>
            {
                if (scope.Who.Require(Permission.ManageConsents) is { } denied)
                {
                    return denied.ToProblem();
                }

                var c = await db.Consents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.OrganisationId == scope.Org.Id, ct);
                return c is null
                    ? UseCaseError.NotFound("Consent").ToProblem()
                    : TypedResults.PhysicalFile(Path.Combine(store.RootPath, c.FormPath), c.FormContentType, $"{c.Reference}{Path.GetExtension(c.FormPath)}");
            })
            .WithName("GetConsentForm");
    }

    private static List<string> Split(string? csv) =>
        (csv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

public sealed record WithdrawalOutcomeDto(string Reference, IReadOnlyList<Guid> PulledBack, IReadOnlyList<TakedownItem> ToTakeDown);
