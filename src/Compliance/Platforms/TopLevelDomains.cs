using System.Buffers;

namespace CareDialog.Compliance.Platforms;

/// <summary>
/// Top-level domains the X URL detector accepts. twitter-text ships the full IANA root zone; without network
/// access we carry every country-code TLD (IANA's ccTLD list, as twitter-text has it, including its
/// internationalised ones) and a curated set of generic TLDs: the legacy ones, the commonly used new ones and
/// health-sector ones (clinic, health, hospital…). A URL on a TLD missing here is counted at its typed length
/// instead of 23, so add a TLD here when a customer needs it.
/// </summary>
internal static class TopLevelDomains
{
    private const string AsciiCountryCodes =
        "ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz " +
        "ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et eu " +
        "fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu " +
        "id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly " +
        "ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz " +
        "om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz " +
        "tc td tf tg th tj tk tl tm tn to tp tr tt tv tw tz ua ug uk um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

    private const string AsciiGeneric =
        "com net org edu gov mil int info biz name pro mobi asia tel travel jobs aero coop museum cat post xxx arpa " +
        "academy agency app art associates bank bar berlin bike bio blog blue book boutique business buzz " +
        "cafe camp capital care careers cash center charity chat church city click clinic clothing cloud club codes coffee " +
        "college community company computer consulting cool dance dating dental dentist design dev diet digital directory doctor domains " +
        "earth eco education email energy engineering estate events exchange expert express family fan fans farm fashion finance financial " +
        "fit fitness foundation fun fund futbol gallery games garden gay gift gifts global gmbh gold golf graphics green group guide guru " +
        "hamburg health healthcare help hiv holdings holiday homes hospital host hosting house icu immo industries ink institute insurance international " +
        "kitchen land law lawyer legal lgbt life lighting limited link live living llc london love ltd luxury " +
        "management market marketing media med meme men menu moe money moscow movie music network new news ngo ninja nyc " +
        "one ong online ooo page paris partners party pet pharmacy photo photography photos physio pink place plus press productions properties pub " +
        "recipes red rehab ren rent repair report rest restaurant review reviews rocks run sale salon school science services shop shopping show site " +
        "ski social software solar solutions space sport store stream studio style support surgery systems " +
        "tax team tech technology tips today tokyo tools top tours town training tube university uno vet video vip vision vote " +
        "website wedding wiki win wine work works world wtf xyz yoga zone";

    // Case-insensitive like twitter-text's regexes, which are compiled with the case-insensitive flag.
    private static readonly HashSet<string> Ascii = new(
        $"{AsciiCountryCodes} {AsciiGeneric}".Split(' ', StringSplitOptions.RemoveEmptyEntries),
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AsciiLookup = Ascii.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Internationalised TLDs (country codes first, then generic), longest first so that a longer name wins over a shorter one it starts with.</summary>
    private static readonly string[] Internationalised =
        new[]
        {
            "한국", "香港", "澳門", "新加坡", "台灣", "台湾", "中國", "中国", "გე", "ไทย", "ලංකා", "ഭാരതം", "ಭಾರತ", "భారత్",
            "சிங்கப்பூர்", "இலங்கை", "இந்தியா", "ଭାରତ", "ભારત", "ਭਾਰਤ", "ভাৰত", "ভারত", "বাংলা", "भारत",
            "پاکستان", "مليسيا", "مصر", "قطر", "فلسطين", "عمان", "عراق", "سورية", "سودان", "تونس", "بھارت", "ایران", "امارات",
            "المغرب", "السعودية", "الجزائر", "الاردن", "հայ", "қаз", "укр", "срб", "рф", "мон", "мкд", "ею", "бел", "бг", "ελ",
            "москва", "рус", "онлайн", "сайт", "орг", "ком", "дети",
        }
        .OrderByDescending(t => t.Length)
        .ToArray();

    // Most labels start with a Latin letter; checking the first character avoids comparing every label with every IDN TLD.
    private static readonly SearchValues<char> InternationalisedFirstChars =
        SearchValues.Create(Internationalised.Select(t => t[0]).Distinct().ToArray());

    /// <summary>True when <paramref name="label"/> is a known ASCII TLD (any case).</summary>
    public static bool IsAscii(ReadOnlySpan<char> label) => AsciiLookup.Contains(label);

    /// <summary>Length of the internationalised TLD <paramref name="text"/> starts with, or 0.</summary>
    public static int MatchInternationalised(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !InternationalisedFirstChars.Contains(text[0]))
        {
            return 0;
        }

        foreach (var tld in Internationalised)
        {
            if (text.StartsWith(tld, StringComparison.Ordinal))
            {
                return tld.Length;
            }
        }

        return 0;
    }
}
