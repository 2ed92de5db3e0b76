using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Compliance;
using CareDialog.Core.Features.Channels;
using CareDialog.Core.Features.Consents;
using CareDialog.Core.Features.Media;
using CareDialog.Core.Features.Organisations;
using CareDialog.Core.Features.Posts;
using CareDialog.Core.Features.Publishing.Sandbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Demo;

public sealed record DemoAccount(string Email, string DisplayName, string Description);

/// <summary>
/// Fills an empty database with the four demo organisations of demo-data.json, their Sandbox channels and a month of
/// posts around today, in each organisation's language and time zone. Runs only in demo mode and only once.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock, MediaStore media)
{
    public const string Password = "CareDialog-demo-2026";

    public static readonly DemoAccount[] Accounts =
    [
        new("admin@caredialog.demo", "Deniz Admin", "Admin and Manager in all four organisations"),
        new("manager@caredialog.demo", "Mette Manager", "Manager (approves posts) in all four organisations"),
        new("editor@caredialog.demo", "Emilia Editor", "Editor (writes and schedules posts) in all four organisations"),
        new("compliance@caredialog.demo", "Cem Compliance", "Compliance officer (consents, overrides, audit) in all four organisations"),
        new("klinik@caredialog.demo", "Kerem Klinik", "Editor in the Istanbul clinic only"),
        new("responder@caredialog.demo", "Rasmus Responder", "Responder (inbox and incidents) in all four organisations"),
    ];

    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        if (await db.Organisations.AnyAsync(ct) || await db.Users.AnyAsync(ct))
        {
            return false;
        }

        var data = Load();
        var now = clock.GetUtcNow().UtcDateTime;
        var byKey = new Dictionary<string, AppUser>();
        foreach (var account in Accounts)
        {
            var user = new AppUser { UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.DisplayName, CreatedAtUtc = now };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo user could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            byKey[account.Email.Split('@')[0]] = user;
        }

        foreach (var o in data.Organisations)
        {
            var org = new Organisation
            {
                Name = o.Name, Slug = o.Slug, Country = o.Country, TimeZone = o.TimeZone, Language = o.Language, CreatedAtUtc = now,
                PublicContacts = o.PublicPhone ?? "",
            };
            db.Organisations.Add(org);
            db.Memberships.Add(new Membership { OrganisationId = org.Id, UserId = byKey["admin"].Id, Roles = OrgRole.Admin | OrgRole.Manager });
            db.Memberships.Add(new Membership { OrganisationId = org.Id, UserId = byKey["manager"].Id, Roles = OrgRole.Manager });
            db.Memberships.Add(new Membership { OrganisationId = org.Id, UserId = byKey["editor"].Id, Roles = OrgRole.Editor });
            db.Memberships.Add(new Membership { OrganisationId = org.Id, UserId = byKey["compliance"].Id, Roles = OrgRole.ComplianceOfficer });
            db.Memberships.Add(new Membership { OrganisationId = org.Id, UserId = byKey["responder"].Id, Roles = OrgRole.Responder });
            await AddDemoConsentAsync(org, byKey["compliance"], now, ct);
            if (o.Key == "tr")
            {
                db.Memberships.Add(new Membership { OrganisationId = org.Id, UserId = byKey["klinik"].Id, Roles = OrgRole.Editor });
            }

            var channels = o.Channels.ToDictionary(c => c.Key, c => new Channel
            {
                OrganisationId = org.Id,
                Name = c.Name,
                Platform = Platform.Sandbox,
                Handle = $"{o.Slug}-{c.Key}",
                Sandbox = new SandboxSettings { Mimics = PlatformNames.TryParse(c.Mimics, out var p) ? p : Platform.Facebook },
            });
            db.Channels.AddRange(channels.Values);

            var posts = o.Posts.Select(dp => BuildPost(org, dp, channels, byKey, now)).ToList();
            db.Posts.AddRange(posts);
            AddDemoComments(o.Comments ?? [], channels, posts, now);

            audit.Record(OrgActor.System(org.Id, "demo"), "demo.seeded", "Organisation", org.Id, null, new { org.Name, Posts = o.Posts.Count });
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    private Post BuildPost(Organisation org, DemoPost dp, Dictionary<string, Channel> channels, Dictionary<string, AppUser> users, DateTime now)
    {
        var zone = org.Zone;
        var today = OrgClock.ToLocal(zone, now).Date;
        var time = TimeSpan.ParseExact(dp.LocalTime, "hh\\:mm", CultureInfo.InvariantCulture);
        var local = today.AddDays(dp.DayOffset) + time;
        var utc = OrgClock.ToUtc(zone, local) is { IsSuccess: true } r ? r.Value : DateTime.SpecifyKind(local - zone.BaseUtcOffset, DateTimeKind.Utc);

        var status = Enum.Parse<PostStatus>(dp.Status);
        // Demo dates are relative; keep them consistent with the status whatever day the demo starts on.
        if (status == PostStatus.Scheduled && utc <= now)
        {
            status = PostStatus.Published;
        }

        if (status == PostStatus.Published && utc > now)
        {
            status = PostStatus.Scheduled;
        }

        var author = users[dp.Author == "manager" ? "manager" : "editor"];
        var reviewer = dp.Author == "manager" ? users["admin"] : users["manager"];
        var post = new Post
        {
            OrganisationId = org.Id,
            Title = dp.Title,
            Text = dp.Text,
            ContentType = Enum.Parse<ContentType>(dp.ContentType),
            PathwayStage = Enum.Parse<PathwayStage>(dp.PathwayStage),
            Audience = dp.Audience,
            Status = status,
            AuthorId = author.Id,
            AuthorName = author.DisplayName,
            LastEditedById = author.Id,
            CreatedAtUtc = utc.AddDays(-3) < now ? utc.AddDays(-3) : now,
            UpdatedAtUtc = now,
            ScheduledAtUtc = utc,
            ScheduledLocal = OrgClock.Format(local),
        };

        if (status is PostStatus.Approved or PostStatus.Scheduled or PostStatus.Published or PostStatus.Failed or PostStatus.Rejected)
        {
            post.ReviewedById = reviewer.Id;
            post.ReviewedByName = reviewer.DisplayName;
            post.ReviewedAtUtc = post.CreatedAtUtc.AddHours(4);
        }

        if (status == PostStatus.Rejected)
        {
            post.RejectionReason = RejectionReason(org.Language);
        }

        foreach (var key in dp.Channels)
        {
            var channel = channels[key];
            var target = new PostTarget { ChannelId = channel.Id, Channel = channel, VariantText = dp.Variants?.GetValueOrDefault(key) };
            post.Targets.Add(target);
            if (status == PostStatus.Published)
            {
                var remote = new SandboxRemotePost
                {
                    RemoteId = "sbx_" + Guid.NewGuid().ToString("N")[..16],
                    ChannelId = channel.Id,
                    IdempotencyKey = target.IdempotencyKey,
                    Text = post.TextFor(target),
                    CreatedAtUtc = utc,
                    Calls = 1,
                    Live = true,
                };
                db.SandboxRemotePosts.Add(remote);
                target.State = PublicationState.Published;
                target.RemoteId = remote.RemoteId;
                target.RemoteUrl = SandboxConnector.UrlFor(remote.RemoteId);
                target.PublishedAtUtc = utc;
                target.Attempts = 1;
            }
            else if (status == PostStatus.Failed)
            {
                target.State = PublicationState.Failed;
                target.Attempts = 1;
                target.LastError = "Sandbox: (#200) Permissions error — the channel configuration refuses every post.";
            }
        }

        if (status == PostStatus.Published)
        {
            post.PublishedAtUtc = utc;
        }
        else if (status == PostStatus.Failed)
        {
            post.LastError = string.Join(" · ", post.Targets.Select(t => $"{t.Channel!.Name}: {t.LastError}"));
        }

        return post;
    }

    /// <summary>Comments go under the channel's newest published post (the remote side only: the inbox poller brings them in).</summary>
    private void AddDemoComments(List<DemoComment> comments, Dictionary<string, Channel> channels, List<Post> posts, DateTime now)
    {
        var n = 0;
        foreach (var c in comments)
        {
            var channel = channels[c.Channel];
            var onPost = posts.SelectMany(p => p.Targets).Where(t => t.ChannelId == channel.Id && t.RemoteId != null)
                .OrderByDescending(t => t.PublishedAtUtc).Select(t => t.RemoteId).FirstOrDefault();
            var author = "demo-" + SyntheticEngagement.Seed(c.Author).ToString("x8", CultureInfo.InvariantCulture);
            db.SandboxRemoteComments.Add(new SandboxRemoteComment
            {
                RemoteId = $"sbc_demo{channel.Id.ToString("N")[..8]}{n++:D3}",
                ChannelId = channel.Id,
                PostRemoteId = c.Message ? null : onPost,
                ConversationId = c.Message ? author : null,
                AuthorName = c.Author,
                AuthorId = author,
                Text = c.Text,
                CreatedAtUtc = now - TimeSpan.FromHours(c.HoursAgo),
            });
        }
    }

    /// <summary>One consent per organisation so the registry is not empty; the form is a placeholder PDF, the name invented.</summary>
    private async Task AddDemoConsentAsync(Organisation org, AppUser officer, DateTime now, CancellationToken ct)
    {
        var consent = new Consent
        {
            OrganisationId = org.Id,
            Reference = $"C-{now:yyyy}-0001",
            PatientName = org.Language switch { "tr" => "Ayşe Yılmaz", "da" => "Karen Nielsen", "fi" => "Aino Virtanen", "ru" => "Ольга Смирнова", _ => "Jane Doe" },
            Uses = $"{ConsentUses.Testimonial},{ConsentUses.PatientImage}",
            Platforms = "",
            ValidFrom = DateOnly.FromDateTime(now).AddDays(-30),
            ValidTo = DateOnly.FromDateTime(now).AddDays(335),
            Notes = "Demo record: signed form scanned at the front desk.",
            FormPath = "",
            FormContentType = "application/pdf",
            RecordedById = officer.Id,
            RecordedAtUtc = now,
        };
        consent.FormPath = Path.Combine("consents", org.Id.ToString("N"), consent.Id.ToString("N") + ".pdf");
        var path = Path.Combine(media.RootPath, consent.FormPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "%PDF-1.4\n% CareDialog demo consent form placeholder\n%%EOF\n", ct);
        db.Consents.Add(consent);
    }

    private static string RejectionReason(string language) => language switch
    {
        "tr" => "Lütfen metni kısaltın ve randevu hattının numarasını ekleyin.",
        "da" => "Tilføj afdelingens telefonnummer og tidspunkterne, hvor man kan ringe.",
        "fi" => "Lisää ajanvarauksen puhelinnumero ja tarkista aukioloajat.",
        "ru" => "Добавьте телефон регистратуры и уточните часы приёма.",
        _ => "Please shorten the text and add the booking line's number.",
    };

    internal static DemoData Load()
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("CareDialog.Core.demo-data.json")
            ?? throw new InvalidOperationException("demo-data.json is not embedded.");
        return JsonSerializer.Deserialize<DemoData>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("demo-data.json is empty.");
    }

    internal sealed record DemoData(List<DemoOrganisation> Organisations);

    internal sealed record DemoOrganisation(
        string Key, string Name, string Slug, string Country, string TimeZone, string Language, string? PublicPhone,
        List<DemoChannel> Channels, List<DemoPost> Posts, List<DemoComment>? Comments);

    /// <summary>A comment (or, with Message, a direct message) citizens left on the Sandbox platform, so the demo inbox is not empty.</summary>
    internal sealed record DemoComment(string Channel, string Author, string Text, int HoursAgo, bool Message);

    internal sealed record DemoChannel(string Key, string Name, string Mimics);

    internal sealed record DemoPost(
        int DayOffset, string LocalTime, string Status, string Author, string ContentType, string PathwayStage, string? Audience,
        string Title, string Text, List<string> Channels, Dictionary<string, string>? Variants, [property: JsonPropertyName("demoNote")] string? DemoNote);
}
