using System.Globalization;
using CareDialog.Core.Common;
using CareDialog.Core.Data;
using CareDialog.Core.Features.Audit;
using CareDialog.Core.Features.Organisations;
using CareDialog.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareDialog.Core.Features.Incidents;

/// <summary>
/// An organisation's incident desk: answer deadlines in working time, its working hours (local, in the organisation's IANA zone),
/// holidays, where incidents go when no routing rule matches, and whether complaints open incidents by themselves.
/// One row per organisation, created with the country defaults the first time it is read.
/// </summary>
public sealed class IncidentSettings
{
    public Guid OrganisationId { get; set; }
    public int FirstAnswerMinutes { get; set; }
    public int UrgentFirstAnswerMinutes { get; set; }
    public int FinalAnswerWorkingDays { get; set; }
    public int WarnAtPercent { get; set; }
    /// <summary>Comma-separated local intervals, e.g. "08:30-12:30, 13:30-17:30"; empty = closed that day.</summary>
    public string WeekdayHours { get; set; } = "";
    public string SaturdayHours { get; set; } = "";
    public string SundayHours { get; set; } = "";
    public bool UseNationalHolidays { get; set; } = true;
    /// <summary>Extra closed days, comma-separated yyyy-MM-dd (e.g. a hospital's own closing days).</summary>
    public string ExtraClosedDays { get; set; } = "";
    public string DefaultUnit { get; set; } = "Patient relations";
    /// <summary>Open an incident automatically for every complaint that arrives.</summary>
    public bool AutoOpenComplaints { get; set; } = true;
    public int Version { get; set; }

    public static IncidentSettings DefaultsFor(Organisation org)
    {
        var policy = DeadlinePolicy.ForCountry(org.Country);
        var calendar = DefaultCalendars.For(org.Country, org.TimeZone);
        return new IncidentSettings
        {
            OrganisationId = org.Id,
            FirstAnswerMinutes = (int)policy.FirstAnswer.TotalMinutes,
            UrgentFirstAnswerMinutes = (int)policy.UrgentFirstAnswer.TotalMinutes,
            FinalAnswerWorkingDays = policy.FinalAnswerWorkingDays,
            WarnAtPercent = policy.WarnAtPercent,
            WeekdayHours = string.Join(", ", calendar.WeeklyHours(DayOfWeek.Monday)),
        };
    }

    public DeadlinePolicy Policy => new(TimeSpan.FromMinutes(FirstAnswerMinutes), TimeSpan.FromMinutes(UrgentFirstAnswerMinutes), FinalAnswerWorkingDays, WarnAtPercent);

    /// <summary>The working calendar these settings describe; throws ArgumentException naming what is wrong.</summary>
    public BusinessCalendar CalendarFor(Organisation org)
    {
        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var text = day switch { DayOfWeek.Saturday => SaturdayHours, DayOfWeek.Sunday => SundayHours, _ => WeekdayHours };
            weekly[day] = [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(WorkingInterval.Parse)];
        }

        var holidays = UseNationalHolidays ? PublicHolidays.For(org.Country).ToList() : [];
        foreach (var day in ExtraClosedDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new ArgumentException($"Closed day '{day}' is not a date like 2026-12-24.");
            }

            // An extra closed day on a shortened national holiday closes it all day.
            holidays.RemoveAll(h => h.Date == date);
            holidays.Add(new Holiday(date, "Closed (organisation)"));
        }

        return new BusinessCalendar(org.TimeZone, weekly, holidays);
    }
}

/// <summary>
/// Sends incidents of a category, or whose messages contain a keyword, or that come from a channel, to a unit. Rules are tried
/// in Order; the first whose every given condition holds wins; none → the settings' DefaultUnit.
/// </summary>
public sealed class IncidentRoutingRule
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganisationId { get; set; }
    public int Order { get; set; }
    public ComplaintCategory? Category { get; set; }
    public string? Keyword { get; set; }
    public Guid? ChannelId { get; set; }
    public required string Unit { get; set; }

    public bool Matches(ComplaintCategory category, Guid channelId, string text) =>
        (Category is null || Category == category)
        && (ChannelId is null || ChannelId == channelId)
        && (string.IsNullOrWhiteSpace(Keyword) || text.Contains(Keyword.Trim(), StringComparison.OrdinalIgnoreCase));
}

internal sealed class IncidentSettingsConfiguration : IEntityTypeConfiguration<IncidentSettings>, IEntityTypeConfiguration<IncidentRoutingRule>
{
    public void Configure(EntityTypeBuilder<IncidentSettings> b)
    {
        b.HasKey(s => s.OrganisationId);
        b.Property(s => s.WeekdayHours).HasMaxLength(200);
        b.Property(s => s.SaturdayHours).HasMaxLength(200);
        b.Property(s => s.SundayHours).HasMaxLength(200);
        b.Property(s => s.ExtraClosedDays).HasMaxLength(2000);
        b.Property(s => s.DefaultUnit).HasMaxLength(120);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.Policy);
    }

    public void Configure(EntityTypeBuilder<IncidentRoutingRule> b)
    {
        b.HasIndex(r => new { r.OrganisationId, r.Order });
        b.Property(r => r.Category).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Keyword).HasMaxLength(100);
        b.Property(r => r.Unit).HasMaxLength(120);
    }
}

public sealed record IncidentSettingsInput(
    int FirstAnswerMinutes, int UrgentFirstAnswerMinutes, int FinalAnswerWorkingDays, int WarnAtPercent,
    string? WeekdayHours, string? SaturdayHours, string? SundayHours, bool UseNationalHolidays, string? ExtraClosedDays,
    string? DefaultUnit, bool AutoOpenComplaints);

public sealed record RoutingRuleInput(ComplaintCategory? Category, string? Keyword, Guid? ChannelId, string? Unit);

/// <summary>Reads (creating with country defaults) and changes an organisation's incident settings and routing rules; audited.</summary>
public sealed class ConfigureIncidents(AppDbContext db, AuditLog audit)
{
    public static async Task<IncidentSettings> LoadAsync(AppDbContext db, Organisation org, CancellationToken ct)
    {
        // A row added earlier in this unit of work (not saved yet) is the one to use; a second would clash on the key.
        var settings = db.IncidentSettings.Local.FirstOrDefault(s => s.OrganisationId == org.Id)
            ?? await db.IncidentSettings.SingleOrDefaultAsync(s => s.OrganisationId == org.Id, ct);
        if (settings is null)
        {
            settings = IncidentSettings.DefaultsFor(org);
            db.IncidentSettings.Add(settings);
        }

        return settings;
    }

    public async Task<Result<IncidentSettings>> UpdateAsync(OrgActor actor, IncidentSettingsInput input, CancellationToken ct)
    {
        if (actor.Require(Permission.ConfigureInbox) is { } denied)
        {
            return denied;
        }

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == actor.OrganisationId, ct);
        var settings = await LoadAsync(db, org, ct);
        var before = Snapshot(settings);
        var candidate = new IncidentSettings
        {
            OrganisationId = org.Id,
            FirstAnswerMinutes = input.FirstAnswerMinutes,
            UrgentFirstAnswerMinutes = input.UrgentFirstAnswerMinutes,
            FinalAnswerWorkingDays = input.FinalAnswerWorkingDays,
            WarnAtPercent = input.WarnAtPercent,
            WeekdayHours = (input.WeekdayHours ?? "").Trim(),
            SaturdayHours = (input.SaturdayHours ?? "").Trim(),
            SundayHours = (input.SundayHours ?? "").Trim(),
            UseNationalHolidays = input.UseNationalHolidays,
            ExtraClosedDays = (input.ExtraClosedDays ?? "").Trim(),
            DefaultUnit = (input.DefaultUnit ?? "").Trim(),
            AutoOpenComplaints = input.AutoOpenComplaints,
        };
        if (candidate.DefaultUnit.Length is 0 or > 120)
        {
            return UseCaseError.Invalid("Name the unit that gets incidents no rule routes (at most 120 characters).", "defaultUnit");
        }

        try
        {
            candidate.Policy.Validate();
            candidate.CalendarFor(org);
        }
        catch (ArgumentException ex)
        {
            return UseCaseError.Invalid(ex.Message);
        }

        db.Entry(settings).CurrentValues.SetValues(candidate);
        settings.Version++;
        audit.Record(actor, "incidents.settings_changed", "IncidentSettings", org.Id, before, Snapshot(settings));
        await db.SaveChangesAsync(ct);
        return settings;
    }

    public async Task<Result<List<IncidentRoutingRule>>> ReplaceRulesAsync(OrgActor actor, IReadOnlyList<RoutingRuleInput> rules, CancellationToken ct)
    {
        if (actor.Require(Permission.ConfigureInbox) is { } denied)
        {
            return denied;
        }

        if (rules.Count > 100)
        {
            return UseCaseError.Invalid("At most 100 routing rules.");
        }

        var channels = await db.Channels.Where(c => c.OrganisationId == actor.OrganisationId).Select(c => c.Id).ToListAsync(ct);
        var fresh = new List<IncidentRoutingRule>();
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            var unit = r.Unit?.Trim() ?? "";
            if (unit.Length is 0 or > 120)
            {
                return UseCaseError.Invalid($"Rule {i + 1}: name the unit (at most 120 characters).", "rules");
            }

            if (r.Keyword is { Length: > 100 })
            {
                return UseCaseError.Invalid($"Rule {i + 1}: the keyword may be at most 100 characters.", "rules");
            }

            if (r.ChannelId is { } ch && !channels.Contains(ch))
            {
                return UseCaseError.Invalid($"Rule {i + 1}: the channel is not one of this organisation's.", "rules");
            }

            if (r.Category is { } cat && !Enum.IsDefined(cat))
            {
                return UseCaseError.Invalid($"Rule {i + 1}: unknown category.", "rules");
            }

            fresh.Add(new IncidentRoutingRule
            {
                OrganisationId = actor.OrganisationId,
                Order = i,
                Category = r.Category,
                Keyword = string.IsNullOrWhiteSpace(r.Keyword) ? null : r.Keyword.Trim(),
                ChannelId = r.ChannelId,
                Unit = unit,
            });
        }

        var old = await db.IncidentRoutingRules.Where(r => r.OrganisationId == actor.OrganisationId).ToListAsync(ct);
        db.IncidentRoutingRules.RemoveRange(old);
        db.IncidentRoutingRules.AddRange(fresh);
        audit.Record(actor, "incidents.routing_changed", "IncidentRoutingRules", actor.OrganisationId,
            old.OrderBy(r => r.Order).Select(r => new { r.Category, r.Keyword, r.ChannelId, r.Unit }),
            fresh.Select(r => new { r.Category, r.Keyword, r.ChannelId, r.Unit }));
        await db.SaveChangesAsync(ct);
        return fresh;
    }

    private static object Snapshot(IncidentSettings s) => new
    {
        s.FirstAnswerMinutes, s.UrgentFirstAnswerMinutes, s.FinalAnswerWorkingDays, s.WarnAtPercent, s.WeekdayHours, s.SaturdayHours,
        s.SundayHours, s.UseNationalHolidays, s.ExtraClosedDays, s.DefaultUnit, s.AutoOpenComplaints,
    };
}
