using CareDialog.Compliance.Platforms;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;

namespace CareDialog.Web.Features.Posts;

public sealed record PostTargetDto(
    Guid ChannelId, string Channel, string Platform, string? VariantText, int Length, int MaxLength, string Unit,
    PublicationState State, string? RemoteId, string? RemoteUrl, int Attempts, string? LastError);

public sealed record PostDto(
    Guid Id, string Title, string Text, PostStatus Status, ContentType ContentType, PathwayStage PathwayStage, string? Audience,
    string AuthorName, string? ReviewedByName, string? RejectionReason,
    DateTime? ScheduledAtUtc, string? ScheduledLocal, DateTime? PublishedAtUtc, string TimeZone, string? LastError, int Version,
    IReadOnlyList<PostTargetDto> Targets, IReadOnlyList<Guid> Media)
{
    public static PostDto From(Post p, Organisation org) => new(
        p.Id, p.Title, p.Text, p.Status, p.ContentType, p.PathwayStage, p.Audience,
        p.AuthorName, p.ReviewedByName, p.RejectionReason,
        p.ScheduledAtUtc, p.ScheduledLocal, p.PublishedAtUtc, org.TimeZone, p.LastError, p.Version,
        p.Targets.Select(t =>
        {
            var m = t.Channel!.Measure(p.TextFor(t));
            return new PostTargetDto(t.ChannelId, t.Channel.Name, PlatformNames.ToWire(t.Channel.EffectivePlatform), t.VariantText,
                m.Length, m.MaxLength, m.Unit, t.State, t.RemoteId, t.RemoteUrl, t.Attempts, t.LastError);
        }).ToList(),
        p.Media.Select(m => m.Id).ToList());
}

public sealed record UpdatePostRequest(int Version, PostInput Post);

public sealed record ReviewRequest(string? Reason);

/// <summary>A wall-clock time in the organisation's zone, e.g. "2026-12-01T09:30".</summary>
public sealed record ScheduleRequest(DateTime ScheduledLocal);
