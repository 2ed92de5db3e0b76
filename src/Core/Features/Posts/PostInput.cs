using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Consents;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Posts;

public sealed record TargetInput(Guid ChannelId, string? VariantText);

/// <summary>What a person writes in the editor; shared by <see cref="CreatePost"/> and <see cref="UpdatePost"/>.</summary>
public sealed record PostInput(
    string Title,
    string Text,
    ContentType ContentType,
    PathwayStage PathwayStage,
    string? Audience,
    IReadOnlyList<TargetInput> Targets,
    IReadOnlyList<Guid>? MediaIds = null,
    DateTime? PlannedLocal = null,
    IReadOnlyList<Guid>? ConsentIds = null)
{
    internal async Task<UseCaseError?> ApplyToAsync(Post post, Organisation org, AppDbContext db, CancellationToken ct)
    {
        var title = PostRules.CleanTitle(Title);
        if (title.Error is { } te)
        {
            return te;
        }

        var text = PostRules.CleanText(Text, "text");
        if (text.Error is { } xe)
        {
            return xe;
        }

        if (Audience is { Length: > 200 })
        {
            return UseCaseError.Invalid("The audience may be at most 200 characters.", "audience");
        }

        if (!Enum.IsDefined(ContentType) || !Enum.IsDefined(PathwayStage))
        {
            return UseCaseError.Invalid("Unknown content type or pathway stage.", "contentType");
        }

        var channelIds = Targets.Select(t => t.ChannelId).ToList();
        if (channelIds.Distinct().Count() != channelIds.Count)
        {
            return UseCaseError.Invalid("A channel is listed twice.", "targets");
        }

        var known = await db.Channels.Where(c => c.OrganisationId == org.Id && channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        if (known.Count != channelIds.Count)
        {
            return UseCaseError.Invalid("A channel does not belong to this organisation.", "targets");
        }

        var variants = new Dictionary<Guid, string?>();
        foreach (var t in Targets)
        {
            var v = PostRules.CleanText(t.VariantText, $"variant:{t.ChannelId}", required: false);
            if (v.Error is { } ve)
            {
                return ve;
            }

            variants[t.ChannelId] = v.Value.Length == 0 ? null : v.Value;
        }

        DateTime? plannedUtc = null;
        if (PlannedLocal is { } local)
        {
            var utc = OrgClock.ToUtc(org.Zone, local);
            if (utc.Error is { } pe)
            {
                return pe;
            }

            plannedUtc = utc.Value;
        }

        var consentIds = (ConsentIds ?? []).Distinct().ToList();
        var consents = await db.Consents.Where(c => c.OrganisationId == org.Id && consentIds.Contains(c.Id)).ToListAsync(ct);
        if (consents.Count != consentIds.Count)
        {
            return UseCaseError.Invalid("A consent does not belong to this organisation.", "consents");
        }

        if (consents.FirstOrDefault(c => c.IsWithdrawn) is { } withdrawn)
        {
            return UseCaseError.Invalid($"Consent {withdrawn.Reference} has been withdrawn and can no longer be used.", "consents");
        }

        post.Consents.RemoveAll(pc => !consentIds.Contains(pc.ConsentId));
        foreach (var c in consents.Where(c => post.Consents.All(pc => pc.ConsentId != c.Id)))
        {
            post.Consents.Add(new PostConsent { PostId = post.Id, ConsentId = c.Id, Consent = c });
        }

        post.Title = title.Value;
        post.Text = text.Value;
        post.ContentType = ContentType;
        post.PathwayStage = PathwayStage;
        post.Audience = string.IsNullOrWhiteSpace(Audience) ? null : Audience.Trim();
        post.ScheduledAtUtc = plannedUtc;
        post.ScheduledLocal = PlannedLocal is { } pl ? OrgClock.Format(pl) : null;

        post.Targets.RemoveAll(t => !variants.ContainsKey(t.ChannelId));
        foreach (var (channelId, variant) in variants)
        {
            var target = post.Targets.FirstOrDefault(t => t.ChannelId == channelId);
            if (target is null)
            {
                post.Targets.Add(new PostTarget { ChannelId = channelId, Channel = known[channelId], VariantText = variant });
            }
            else
            {
                target.VariantText = variant;
            }
        }

        if (MediaIds is { Count: > 0 })
        {
            var media = await db.Media.Where(m => m.OrganisationId == org.Id && MediaIds.Contains(m.Id)).ToListAsync(ct);
            if (media.Count != MediaIds.Distinct().Count())
            {
                return UseCaseError.Invalid("An attachment does not belong to this organisation.", "media");
            }

            foreach (var m in media)
            {
                m.PostId = post.Id;
            }
        }

        return null;
    }
}
