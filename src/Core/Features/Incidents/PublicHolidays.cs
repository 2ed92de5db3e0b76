namespace CareDialog.Core.Features.Incidents;

/// <summary>
/// Default public holidays for 2026 and 2027 per country (ISO 3166-1 alpha-2). An organisation can replace them; these
/// only make a new organisation's deadlines sensible from day one. Dates were compiled offline and must be reviewed
/// each autumn against the sources named per country.
/// </summary>
public static class PublicHolidays
{
    private static readonly TimeSpan TurkishEveClosing = TimeSpan.FromHours(13);

    public static IReadOnlyList<string> Countries { get; } = ["DK", "FI", "RU", "TR"];

    /// <summary>The country's default holidays, or an empty list for a country without defaults.</summary>
    public static IReadOnlyList<Holiday> For(string country) => country.ToUpperInvariant() switch
    {
        "DK" => Denmark,
        "FI" => Finland,
        "RU" => Russia,
        "TR" => Turkey,
        _ => [],
    };

    // Source: Danish statutory holidays (helligdage) after the abolition of Store Bededag from 2024 (lov nr. 192 af
    // 28/02/2023); Easter-based dates computed with the Gregorian computus (Easter 2026-04-05, 2027-03-28).
    // Grundlovsdag, juleaften and nytårsaften are not statutory holidays but are closed days by collective agreement
    // in the Danish public sector, so they are included.
    private static readonly Holiday[] Denmark =
    [
        new(new(2026, 1, 1), "Nytårsdag"),
        new(new(2026, 4, 2), "Skærtorsdag"),
        new(new(2026, 4, 3), "Langfredag"),
        new(new(2026, 4, 5), "Påskedag"),
        new(new(2026, 4, 6), "2. påskedag"),
        new(new(2026, 5, 14), "Kristi himmelfartsdag"),
        new(new(2026, 5, 24), "Pinsedag"),
        new(new(2026, 5, 25), "2. pinsedag"),
        new(new(2026, 6, 5), "Grundlovsdag"),
        new(new(2026, 12, 24), "Juleaftensdag"),
        new(new(2026, 12, 25), "Juledag"),
        new(new(2026, 12, 26), "2. juledag"),
        new(new(2026, 12, 31), "Nytårsaftensdag"),
        new(new(2027, 1, 1), "Nytårsdag"),
        new(new(2027, 3, 25), "Skærtorsdag"),
        new(new(2027, 3, 26), "Langfredag"),
        new(new(2027, 3, 28), "Påskedag"),
        new(new(2027, 3, 29), "2. påskedag"),
        new(new(2027, 5, 6), "Kristi himmelfartsdag"),
        new(new(2027, 5, 16), "Pinsedag"),
        new(new(2027, 5, 17), "2. pinsedag"),
        new(new(2027, 6, 5), "Grundlovsdag"),
        new(new(2027, 12, 24), "Juleaftensdag"),
        new(new(2027, 12, 25), "Juledag"),
        new(new(2027, 12, 26), "2. juledag"),
        new(new(2027, 12, 31), "Nytårsaftensdag"),
    ];

    // Source: Finnish public holidays (arkipyhät) under the Church Act and the Holidays Act; Midsummer and All Saints'
    // fall on the Saturday in their statutory week; juhannusaatto and jouluaatto are not statutory but are days off in
    // the public sector collective agreements (KVTES), so they are included.
    private static readonly Holiday[] Finland =
    [
        new(new(2026, 1, 1), "Uudenvuodenpäivä"),
        new(new(2026, 1, 6), "Loppiainen"),
        new(new(2026, 4, 3), "Pitkäperjantai"),
        new(new(2026, 4, 5), "Pääsiäispäivä"),
        new(new(2026, 4, 6), "2. pääsiäispäivä"),
        new(new(2026, 5, 1), "Vappu"),
        new(new(2026, 5, 14), "Helatorstai"),
        new(new(2026, 5, 24), "Helluntaipäivä"),
        new(new(2026, 6, 19), "Juhannusaatto"),
        new(new(2026, 6, 20), "Juhannuspäivä"),
        new(new(2026, 10, 31), "Pyhäinpäivä"),
        new(new(2026, 12, 6), "Itsenäisyyspäivä"),
        new(new(2026, 12, 24), "Jouluaatto"),
        new(new(2026, 12, 25), "Joulupäivä"),
        new(new(2026, 12, 26), "Tapaninpäivä"),
        new(new(2027, 1, 1), "Uudenvuodenpäivä"),
        new(new(2027, 1, 6), "Loppiainen"),
        new(new(2027, 3, 26), "Pitkäperjantai"),
        new(new(2027, 3, 28), "Pääsiäispäivä"),
        new(new(2027, 3, 29), "2. pääsiäispäivä"),
        new(new(2027, 5, 1), "Vappu"),
        new(new(2027, 5, 6), "Helatorstai"),
        new(new(2027, 5, 16), "Helluntaipäivä"),
        new(new(2027, 6, 25), "Juhannusaatto"),
        new(new(2027, 6, 26), "Juhannuspäivä"),
        new(new(2027, 11, 6), "Pyhäinpäivä"),
        new(new(2027, 12, 6), "Itsenäisyyspäivä"),
        new(new(2027, 12, 24), "Jouluaatto"),
        new(new(2027, 12, 25), "Joulupäivä"),
        new(new(2027, 12, 26), "Tapaninpäivä"),
    ];

    // Source: Labour Code of the Russian Federation, art. 112 (non-working holidays, and a holiday on a weekend moves to
    // the next working day, except the January ones), and for 2026 the Government decree on the transfer of days off
    // (3 January → 9 January, 4 January → 31 December). The 2027 decree was not available offline: January weekend
    // transfers for 2027 are missing. Pre-holiday days shortened by one hour are not modelled (see Holiday.ClosesAt).
    private static readonly Holiday[] Russia =
    [
        .. Range(new(2026, 1, 1), 9, "Новогодние каникулы"),
        new(new(2026, 2, 23), "День защитника Отечества"),
        new(new(2026, 3, 9), "Международный женский день (перенос с 8 марта)"),
        new(new(2026, 5, 1), "Праздник Весны и Труда"),
        new(new(2026, 5, 11), "День Победы (перенос с 9 мая)"),
        new(new(2026, 6, 12), "День России"),
        new(new(2026, 11, 4), "День народного единства"),
        new(new(2026, 12, 31), "Выходной (перенос с 4 января)"),
        .. Range(new(2027, 1, 1), 8, "Новогодние каникулы"),
        new(new(2027, 2, 23), "День защитника Отечества"),
        new(new(2027, 3, 8), "Международный женский день"),
        new(new(2027, 5, 3), "Праздник Весны и Труда (перенос с 1 мая)"),
        new(new(2027, 5, 10), "День Победы (перенос с 9 мая)"),
        new(new(2027, 6, 14), "День России (перенос с 12 июня)"),
        new(new(2027, 11, 4), "День народного единства"),
    ];

    // Source: Law no. 2429 on national and general holidays (Ulusal Bayram ve Genel Tatiller Hakkında Kanun): eves
    // (arife) of Republic Day and the religious festivals are half-days, closed from 13:00. Ramazan and Kurban Bayramı
    // dates follow the Diyanet calendar as known offline; lunar dates and government bridge days (idari izin) must be
    // checked against the Diyanet announcement each year.
    private static readonly Holiday[] Turkey =
    [
        new(new(2026, 1, 1), "Yılbaşı"),
        new(new(2026, 3, 19), "Ramazan Bayramı arifesi", TurkishEveClosing),
        .. Range(new(2026, 3, 20), 3, "Ramazan Bayramı"),
        new(new(2026, 4, 23), "Ulusal Egemenlik ve Çocuk Bayramı"),
        new(new(2026, 5, 1), "Emek ve Dayanışma Günü"),
        new(new(2026, 5, 19), "Atatürk'ü Anma, Gençlik ve Spor Bayramı"),
        new(new(2026, 5, 26), "Kurban Bayramı arifesi", TurkishEveClosing),
        .. Range(new(2026, 5, 27), 4, "Kurban Bayramı"),
        new(new(2026, 7, 15), "Demokrasi ve Millî Birlik Günü"),
        new(new(2026, 8, 30), "Zafer Bayramı"),
        new(new(2026, 10, 28), "Cumhuriyet Bayramı arifesi", TurkishEveClosing),
        new(new(2026, 10, 29), "Cumhuriyet Bayramı"),
        new(new(2027, 1, 1), "Yılbaşı"),
        new(new(2027, 3, 8), "Ramazan Bayramı arifesi", TurkishEveClosing),
        .. Range(new(2027, 3, 9), 3, "Ramazan Bayramı"),
        new(new(2027, 4, 23), "Ulusal Egemenlik ve Çocuk Bayramı"),
        new(new(2027, 5, 1), "Emek ve Dayanışma Günü"),
        new(new(2027, 5, 15), "Kurban Bayramı arifesi", TurkishEveClosing),
        // 19 May 2027 (Atatürk'ü Anma, Gençlik ve Spor Bayramı) falls on the last day of Kurban Bayramı.
        .. Range(new(2027, 5, 16), 4, "Kurban Bayramı"),
        new(new(2027, 7, 15), "Demokrasi ve Millî Birlik Günü"),
        new(new(2027, 8, 30), "Zafer Bayramı"),
        new(new(2027, 10, 28), "Cumhuriyet Bayramı arifesi", TurkishEveClosing),
        new(new(2027, 10, 29), "Cumhuriyet Bayramı"),
    ];

    private static IEnumerable<Holiday> Range(DateOnly first, int days, string name) =>
        Enumerable.Range(0, days).Select(i => new Holiday(first.AddDays(i), name));
}
