using CareDialog.Compliance;
using CareDialog.Compliance.Platforms;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Media;
using CareDialog.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace CareDialog.Core.Features.Consents;

public sealed record ConsentInput(string PatientName, IReadOnlyList<string> Uses, IReadOnlyList<string>? Platforms, DateOnly ValidFrom, DateOnly? ValidTo, string? Notes);

/// <summary>Records a signed consent form (PDF or image) with what it covers. ComplianceOfficers and Managers only.</summary>
public sealed class RecordConsent(AppDbContext db, MediaStore store, AuditLog audit, TimeProvider clock)
{
    public const long MaxFormBytes = 10 * 1024 * 1024;
    private static readonly string[] KnownUses = [ConsentUses.Testimonial, ConsentUses.BeforeAfter, ConsentUses.PatientImage];

    public async Task<Result<Consent>> HandleAsync(OrgActor actor, ConsentInput input, string fileName, Stream form, CancellationToken ct)
    {
        if (actor.Require(Permission.ManageConsents) is { } denied)
        {
            return denied;
        }

        var name = input.PatientName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return UseCaseError.Invalid("The patient's name is required (at most 200 characters).", "patientName");
        }

        if (input.Uses is not { Count: > 0 } || input.Uses.Any(u => !KnownUses.Contains(u)))
        {
            return UseCaseError.Invalid($"Choose what the consent covers: {string.Join(", ", KnownUses)}.", "uses");
        }

        var platforms = input.Platforms ?? [];
        if (platforms.Any(p => !PlatformNames.TryParse(p, out _)))
        {
            return UseCaseError.Invalid("Unknown platform in the consent's scope.", "platforms");
        }

        if (input.ValidTo is { } to && to < input.ValidFrom)
        {
            return UseCaseError.Invalid("The consent cannot end before it starts.", "validTo");
        }

        if (input.Notes is { Length: > 2000 })
        {
            return UseCaseError.Invalid("Notes may be at most 2,000 characters.", "notes");
        }

        using var buffer = new MemoryStream();
        await form.CopyToAsync(buffer, ct);
        if (buffer.Length == 0 || buffer.Length > MaxFormBytes)
        {
            return UseCaseError.Invalid("Attach the signed form: a PDF, JPEG or PNG of at most 10 MB.", "form");
        }

        var bytes = buffer.ToArray();
        if (FileKind.Sniff(bytes) is not { IsVideo: false } kind || kind.ContentType is not ("application/pdf" or "image/jpeg" or "image/png"))
        {
            return UseCaseError.Invalid("The signed form must be a PDF, JPEG or PNG; this file is none of them.", "form");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var count = await db.Consents.CountAsync(c => c.OrganisationId == actor.OrganisationId, ct);
        var consent = new Consent
        {
            OrganisationId = actor.OrganisationId,
            Reference = $"C-{now:yyyy}-{count + 1:0000}",
            PatientName = name,
            Uses = string.Join(',', input.Uses.Distinct()),
            Platforms = string.Join(',', platforms.Select(p => p.ToLowerInvariant()).Distinct()),
            ValidFrom = input.ValidFrom,
            ValidTo = input.ValidTo,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
            FormPath = "",
            FormContentType = kind.ContentType,
            RecordedById = actor.UserId,
            RecordedAtUtc = now,
        };
        consent.FormPath = Path.Combine("consents", actor.OrganisationId.ToString("N"), consent.Id.ToString("N") + kind.Extension);
        var path = Path.Combine(store.RootPath, consent.FormPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, ct);

        db.Consents.Add(consent);
        // The audit names the consent by reference only: the patient's name stays on the consent page.
        audit.Record(actor, "consent.recorded", "Consent", consent.Id, null,
            new { consent.Reference, consent.Uses, consent.Platforms, consent.ValidFrom, consent.ValidTo });
        await db.SaveChangesAsync(ct);
        return consent;
    }
}
