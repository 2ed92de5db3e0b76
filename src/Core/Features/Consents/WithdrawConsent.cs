using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Consents;

public sealed record TakedownItem(Guid PostId, string Title, string Channel, string? RemoteUrl);

public sealed record WithdrawalOutcome(Consent Consent, IReadOnlyList<Guid> PulledBack, IReadOnlyList<TakedownItem> ToTakeDown);

/// <summary>
/// A patient withdraws consent: every not-yet-published post that relies on it goes back to Draft (it can no longer
/// pass the compliance check), and every published one is listed for takedown on its platform.
/// </summary>
public sealed class WithdrawConsent(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<WithdrawalOutcome>> HandleAsync(OrgActor actor, Guid consentId, string? reason, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageConsents) is { } denied)
        {
            return denied;
        }

        var consent = await db.Consents.SingleOrDefaultAsync(c => c.Id == consentId && c.OrganisationId == actor.OrganisationId, ct);
        if (consent is null)
        {
            return UseCaseError.NotFound("Consent");
        }

        if (consent.IsWithdrawn)
        {
            return UseCaseError.Conflict($"Consent {consent.Reference} was already withdrawn.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            return UseCaseError.Invalid("Record how the withdrawal was received (at most 2,000 characters).", "reason");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        consent.WithdrawnAtUtc = now;
        consent.WithdrawnById = actor.UserId;
        consent.WithdrawalReason = reason.Trim();
        audit.Record(actor, "consent.withdrawn", "Consent", consent.Id, new { Withdrawn = false }, new { Withdrawn = true, consent.Reference }, consent.WithdrawalReason);

        var posts = await db.Posts
            .Include(p => p.Targets).ThenInclude(t => t.Channel)
            .Where(p => p.OrganisationId == actor.OrganisationId && p.Consents.Any(c => c.ConsentId == consentId))
            .ToListAsync(ct);
        var pulled = new List<Guid>();
        var takedown = new List<TakedownItem>();
        foreach (var post in posts)
        {
            if (post.Status is PostStatus.InReview or PostStatus.Approved or PostStatus.Scheduled)
            {
                var before = PostSnapshot.Of(post);
                post.Status = PostStatus.Draft;
                post.ReviewedById = null;
                post.ReviewedByName = null;
                post.ReviewedAtUtc = null;
                post.UpdatedAtUtc = now;
                post.Version++;
                pulled.Add(post.Id);
                audit.Record(actor, "post.pulled_back", "Post", post.Id, before, PostSnapshot.Of(post), $"Consent {consent.Reference} withdrawn");
            }

            takedown.AddRange(post.Targets
                .Where(t => t.State == PublicationState.Published)
                .Select(t => new TakedownItem(post.Id, post.Title, t.Channel!.Name, t.RemoteUrl)));
        }

        await db.SaveChangesAsync(ct);
        return new WithdrawalOutcome(consent, pulled, takedown);
    }
}
