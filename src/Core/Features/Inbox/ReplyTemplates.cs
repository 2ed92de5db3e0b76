using System.Text.Json;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Compliance;
using CareDialog.Core.Features.Organisations;
using CareDialog.Compliance;
using CareDialog.Compliance.Platforms;
using CareDialog.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Inbox;

/// <summary>A reply template; Id is null for the built-in ones (reply-templates.json), which cannot be changed.</summary>
public sealed record ReplyTemplateView(Guid? Id, string Language, Intent Intent, string Title, string Text);

/// <summary>An organisation's own reply template, next to the built-in ones.</summary>
public sealed class ReplyTemplate
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public required string Language { get; set; }
    public Intent Intent { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Retired templates stay for the record but are no longer offered.</summary>
    public bool Retired { get; set; }
}

internal sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> b)
    {
        b.Property(t => t.Language).HasMaxLength(8);
        b.Property(t => t.Intent).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.Title).HasMaxLength(120);
        b.Property(t => t.Text).HasMaxLength(2000);
        b.Property(t => t.CreatedBy).HasMaxLength(450);
        b.HasIndex(t => new { t.OrganisationId, t.Language, t.Intent });
    }
}

public sealed record ReplyTemplateInput(string? Language, Intent Intent, string? Title, string? Text);

/// <summary>
/// Reply templates per language and intent: the built-in set plus the organisation's own. A template is offered for an item in
/// the item's language and intent (then the organisation's language); saving one runs the compliance engine as a public reply,
/// so a template can never carry a blocking finding into a reply.
/// </summary>
public sealed class ReplyTemplates(AppDbContext db, IComplianceChecker engine, AuditLog audit, TimeProvider clock)
{
    private static readonly Lazy<IReadOnlyList<ReplyTemplateView>> BuiltIns = new(LoadBuiltIns);

    public static IReadOnlyList<ReplyTemplateView> BuiltIn => BuiltIns.Value;

    /// <summary>Templates for an item: its own language and intent first, then the same intent in the organisation's language.</summary>
    public async Task<List<ReplyTemplateView>> ForAsync(Organisation org, string? language, Intent? intent, CancellationToken ct)
    {
        var own = await db.ReplyTemplates.AsNoTracking().Where(t => t.OrganisationId == org.Id && !t.Retired)
            .Select(t => new ReplyTemplateView(t.Id, t.Language, t.Intent, t.Title, t.Text)).ToListAsync(ct);
        var all = own.Concat(BuiltIn).ToList();
        var wanted = intent ?? Intent.Other;
        string[] languages = [.. new[] { language, org.Language }.OfType<string>().Distinct()];
        return [.. all.Where(t => t.Intent == wanted && languages.Contains(t.Language))
            .OrderBy(t => Array.IndexOf(languages, t.Language)).ThenBy(t => t.Id is null)];
    }

    public async Task<List<ReplyTemplateView>> AllAsync(Guid organisationId, CancellationToken ct)
    {
        var own = await db.ReplyTemplates.AsNoTracking().Where(t => t.OrganisationId == organisationId && !t.Retired).OrderBy(t => t.Language).ThenBy(t => t.Intent)
            .Select(t => new ReplyTemplateView(t.Id, t.Language, t.Intent, t.Title, t.Text)).ToListAsync(ct);
        return [.. own, .. BuiltIn];
    }

    public async Task<Result<ReplyTemplate>> AddAsync(OrgActor actor, ReplyTemplateInput input, CancellationToken ct)
    {
        if (actor.Require(Permission.ConfigureInbox) is { } denied)
        {
            return denied;
        }

        if (input.Language is null || !OrganisationRules.Languages.Contains(input.Language))
        {
            return UseCaseError.Invalid($"The language must be one of {string.Join(", ", OrganisationRules.Languages)}.", "language");
        }

        if (!Enum.IsDefined(input.Intent) || input.Intent == Intent.Emergency)
        {
            return UseCaseError.Invalid("Templates are for complaint, question, appointment, praise, spam or other; emergencies have their pre-approved reply.", "intent");
        }

        var title = input.Title?.Trim() ?? "";
        var text = input.Text?.Trim() ?? "";
        if (title.Length is 0 or > 120 || text.Length is 0 or > 2000)
        {
            return UseCaseError.Invalid("A template needs a title (at most 120 characters) and a text (at most 2,000).");
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var check = engine.Check(new CheckRequest(text, PostComplianceCheck.JurisdictionOf(org.Country), Platform.Facebook, OwnContacts: org.PublicContactList, IsPublicReply: true));
        if (check.Verdict == Verdict.Block)
        {
            var finding = check.Findings.First(f => f.Severity == Severity.Block && !f.Satisfied);
            return UseCaseError.Invalid($"The template would be blocked as a public reply: {finding.Rule}. {finding.MessageEn}", "text");
        }

        var template = new ReplyTemplate
        {
            OrganisationId = actor.OrganisationId, Language = input.Language, Intent = input.Intent, Title = title, Text = text,
            CreatedBy = actor.UserId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ReplyTemplates.Add(template);
        audit.Record(actor, "inbox.template_added", "ReplyTemplate", template.Id, null, new { template.Language, template.Intent, template.Title });
        await db.SaveChangesAsync(ct);
        return template;
    }

    public async Task<Result<ReplyTemplate>> RetireAsync(OrgActor actor, Guid id, CancellationToken ct)
    {
        if (actor.Require(Permission.ConfigureInbox) is { } denied)
        {
            return denied;
        }

        var template = await db.ReplyTemplates.SingleOrDefaultAsync(t => t.Id == id && t.OrganisationId == actor.OrganisationId, ct);
        if (template is null)
        {
            return UseCaseError.NotFound("Reply template");
        }

        template.Retired = true;
        audit.Record(actor, "inbox.template_retired", "ReplyTemplate", template.Id, null, new { template.Title });
        await db.SaveChangesAsync(ct);
        return template;
    }

    private static IReadOnlyList<ReplyTemplateView> LoadBuiltIns()
    {
        using var stream = typeof(ReplyTemplates).Assembly.GetManifestResourceStream("CareDialog.Core.reply-templates.json")
            ?? throw new InvalidOperationException("reply-templates.json is not embedded.");
        using var doc = JsonDocument.Parse(stream);
        return [.. doc.RootElement.GetProperty("templates").EnumerateArray().Select(t => new ReplyTemplateView(
            null,
            t.GetProperty("language").GetString()!,
            Enum.GetValues<Intent>().Single(i => WireNames.Of(i) == t.GetProperty("intent").GetString()),
            t.GetProperty("title").GetString()!,
            t.GetProperty("text").GetString()!))];
    }
}
