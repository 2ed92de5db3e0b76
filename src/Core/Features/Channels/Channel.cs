using CareDialog.Compliance.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Channels;

public enum ChannelHealth { Connected, NeedsReconnect, Disabled }

/// <summary>How a Sandbox channel misbehaves, so failure handling can be seen in the demo and exercised in tests.</summary>
public enum SandboxFailureMode
{
    None,
    /// <summary>Every publish is refused with a permanent error (like a revoked permission).</summary>
    RejectAll,
    /// <summary>The first <see cref="SandboxSettings.FailuresBeforeSuccess"/> attempts get HTTP 429 with retry-after.</summary>
    RateLimited,
    /// <summary>The platform stores the post but the response is lost: outcome unknown, must be reconciled.</summary>
    LostResponse,
}

public sealed class SandboxSettings
{
    /// <summary>Which real platform this sandbox imitates for text counting and preview.</summary>
    public Platform Mimics { get; set; } = Platform.Facebook;
    /// <summary>The sandbox's own text limit; null means the imitated platform's limit.</summary>
    public int? MaxLength { get; set; }
    public SandboxFailureMode FailureMode { get; set; }
    public int FailuresBeforeSuccess { get; set; } = 2;
}

public sealed class Channel
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public Platform Platform { get; set; }
    /// <summary>Account/page handle on the platform, used to build public links.</summary>
    public required string Handle { get; set; }
    public ChannelHealth Health { get; set; }
    public SandboxSettings Sandbox { get; set; } = new();

    /// <summary>The platform's id of the connected account (Page id, chat id, group id...); webhooks are routed by it.</summary>
    public string? RemoteAccountId { get; set; }
    /// <summary><see cref="ChannelCredentials"/> encrypted by <see cref="ChannelSecrets"/>; null for the Sandbox.</summary>
    public string? ProtectedCredentials { get; set; }
    public DateTime? TokenExpiresAtUtc { get; set; }
    public DateTime? TokenCheckedAtUtc { get; set; }
    /// <summary>Why the last token check or call failed, in words for the channel settings page.</summary>
    public string? HealthReason { get; set; }
    public DateTime? ConnectedAtUtc { get; set; }
    public string? ConnectedByUserId { get; set; }

    /// <summary>The platform whose counting rules and preview apply to this channel.</summary>
    public Platform EffectivePlatform => Platform == Platform.Sandbox ? Sandbox.Mimics : Platform;

    public TextMeasure Measure(string text) =>
        Platform == Platform.Sandbox
            ? PlatformLimits.Measure(Sandbox.Mimics, text, Sandbox.MaxLength)
            : PlatformLimits.Measure(Platform, text);
}

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Handle).HasMaxLength(200);
        b.Property(c => c.Platform).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Health).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(c => c.OrganisationId);
        b.Property(c => c.RemoteAccountId).HasMaxLength(200);
        b.HasIndex(c => new { c.Platform, c.RemoteAccountId });
        b.Property(c => c.HealthReason).HasMaxLength(1000);
        b.Property(c => c.ConnectedByUserId).HasMaxLength(100);
        b.OwnsOne(c => c.Sandbox, s =>
        {
            s.Property(x => x.Mimics).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.FailureMode).HasConversion<string>().HasMaxLength(20);
        });
        b.Ignore(c => c.EffectivePlatform);
    }
}
