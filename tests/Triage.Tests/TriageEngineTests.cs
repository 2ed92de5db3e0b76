using System.Text.Json;

namespace CareDialog.Triage.Tests;

public class TriageEngineTests
{
    private static TriageResult Analyze(string text, string? region = null) => TriageEngine.Default.Analyze(new TriageRequest(text, DefaultRegion: region));

    [Theory]
    [InlineData("Babam nefes alamıyor, dudakları morardı", "tr")]
    [InlineData("babam nefes alamiyor dudaklari morardi", "tr")]
    [InlineData("GÖĞSÜMDE AĞRI VAR, SOL KOLUM UYUŞUYOR", "tr")]
    [InlineData("Artık yaşamak istemiyorum", "tr")]
    [InlineData("intihar etmek istiyorum", "tr")]
    [InlineData("İNTİHAR ETMEYİ DÜŞÜNÜYORUM", "tr")]
    [InlineData("kardesim asiri doz aldi galiba, bilinci kapali", "tr")]
    [InlineData("Min mor kan ikke trække vejret", "da")]
    [InlineData("min mor kan ikke traekke vejret", "da")]
    [InlineData("Jeg vil ikke leve mere", "da")]
    [InlineData("jeg taenker paa selvmord", "da")]
    [InlineData("Han har smerter i brystet og sveder", "da")]
    [InlineData("En jaksa elää enää", "fi")]
    [InlineData("en jaksa elaa", "fi")]
    [InlineData("Isällä on kova rintakipu", "fi")]
    [InlineData("en saa henkea, auttakaa", "fi")]
    [InlineData("Haluan kuolla", "fi")]
    [InlineData("Не могу дышать, помогите", "ru")]
    [InlineData("Не хочу жить", "ru")]
    [InlineData("zdravstvuyte, ne mogu dyshat", "ru")]
    [InlineData("ne hochu zhit", "ru")]
    [InlineData("У отца инсульт, перекосило лицо", "ru")]
    [InlineData("I can't breathe", "en")]
    [InlineData("My dad has chest pain and is sweating", "en")]
    [InlineData("I want to kill myself", "en")]
    [InlineData("my sister took an overdose", "en")]
    [InlineData("i dont want to live anymore", "en")]
    public void Analyze_AcuteEmergencyOrSuicidalIntent_IsEmergencyAndCritical(string text, string language)
    {
        var result = Analyze(text);

        Assert.Equal(Intent.Emergency, result.Intent);
        Assert.Equal(Urgency.Critical, result.Urgency);
        Assert.Equal(Sentiment.Negative, result.Sentiment);
        Assert.Equal(language, result.Language);
    }

    [Theory]
    [InlineData("I almost had a heart attack when I saw the bill")]
    [InlineData("No chest pain any more, thanks to the cardiology team")]
    [InlineData("I'm dying to get an appointment with Dr Lee")]
    [InlineData("Умираю со скуки в этой очереди")]
    [InlineData("Göğüs ağrısı yok, sadece kontrol randevusu istiyorum")]
    public void Analyze_FigurativeOrNegatedEmergencyWords_IsNotEmergency(string text)
    {
        var result = Analyze(text);

        Assert.NotEqual(Intent.Emergency, result.Intent);
        Assert.Contains(result.Reasons, r => r.Label == "ignored" && r.Value.StartsWith("emergency", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_QueueIsKillingMe_IsAComplaintNotAnEmergency()
    {
        var result = Analyze("This queue is killing me, waited 3 hours at the pharmacy");

        Assert.Equal(Intent.Complaint, result.Intent);
        Assert.Equal(Sentiment.Negative, result.Sentiment);
    }

    [Theory]
    [InlineData("Merhaba, yarın için randevu alabilir miyim?", "tr")]
    [InlineData("Merhaba, yarin icin randevu alabilir miyim? Cok tesekkurler", "tr")]
    [InlineData("Hej, hvornår har I åbent på lørdag?", "da")]
    [InlineData("hej, hvornaar har i aabent paa loerdag?", "da")]
    [InlineData("Hei, milloin terveyskeskus on auki lauantaina?", "fi")]
    [InlineData("hei, milloin terveyskeskus on auki lauantaina? kiitos", "fi")]
    [InlineData("Здравствуйте, когда работает поликлиника?", "ru")]
    [InlineData("zdravstvuyte, ne mogu zapisatsya k vrachu", "ru")]
    [InlineData("Hello, when is the clinic open on Saturday?", "en")]
    public void Analyze_LanguageWithAndWithoutDiacriticsOrTransliterated_IsDetected(string text, string language)
    {
        var result = Analyze(text);

        Assert.Equal(language, result.Language);
        Assert.Contains(result.Reasons, r => r.Label == "language" && r.Value == language);
    }

    [Fact]
    public void Analyze_NoWordsOfAnyKnownLanguage_IsUndetermined()
    {
        var result = Analyze("👍👍 !!!");

        Assert.Equal("und", result.Language);
        Assert.Equal(Intent.Other, result.Intent);
        Assert.Equal(Sentiment.Neutral, result.Sentiment);
        Assert.Equal(Urgency.Low, result.Urgency);
    }

    [Theory]
    [InlineData("Waited 5 hours and the staff were rude. Unacceptable.", Intent.Complaint, Sentiment.Negative)]
    [InlineData("5 saattir bekliyoruz, rezalet!", Intent.Complaint, Sentiment.Negative)]
    [InlineData("Is there parking at the hospital?", Intent.Question, Sentiment.Neutral)]
    [InlineData("Hvor kan man parkere ved hospitalet?", Intent.Question, Sentiment.Neutral)]
    [InlineData("I would like to book an appointment next week", Intent.Appointment, Sentiment.Neutral)]
    [InlineData("Haluaisin varata ajan lääkärille", Intent.Appointment, Sentiment.Neutral)]
    [InlineData("Огромное спасибо врачам, замечательный персонал", Intent.Praise, Sentiment.Positive)]
    [InlineData("Thank you so much, wonderful nurses", Intent.Praise, Sentiment.Positive)]
    [InlineData("Earn money with crypto, click www.example.biz", Intent.Spam, Sentiment.Neutral)]
    [InlineData("Saw the new building today", Intent.Other, Sentiment.Neutral)]
    public void Analyze_TypicalMessage_GetsItsIntentAndSentiment(string text, Intent intent, Sentiment sentiment)
    {
        var result = Analyze(text);

        Assert.Equal(intent, result.Intent);
        Assert.Equal(sentiment, result.Sentiment);
    }

    [Theory]
    [InlineData("The doctor was not good at all", Sentiment.Negative)]
    [InlineData("Doktor hiç iyi değil", Sentiment.Negative)]
    [InlineData("Lægen var ikke god", Sentiment.Negative)]
    public void Analyze_NegatedPositiveWord_IsNegative(string text, Sentiment sentiment)
    {
        Assert.Equal(sentiment, Analyze(text).Sentiment);
    }

    [Theory]
    [InlineData("Urgent: can I get my prescription renewed today?", Urgency.High)]
    [InlineData("Acil randevu lazım, yüksek ateş var", Urgency.High)]
    [InlineData("Can I book a check up next month?", Urgency.Normal)]
    [InlineData("Thank you, lovely staff!", Urgency.Low)]
    [InlineData("Free followers, click http://x.example", Urgency.Low)]
    public void Analyze_UrgencyCuesAndIntent_SetUrgency(string text, Urgency urgency)
    {
        Assert.Equal(urgency, Analyze(text).Urgency);
    }

    [Fact]
    public void Analyze_Emergency_ExplainsItWithTheTriggeringWordsAndTheirSpan()
    {
        const string text = "Помогите! Мама не может дышать";

        var result = Analyze(text);

        var reason = Assert.Single(result.Reasons, r => r.Label == "intent");
        Assert.Equal("emergency", reason.Value);
        Assert.Equal("не может дышать", text.Substring(reason.Start, reason.Length));
        Assert.Equal("не может дышать", reason.Evidence);
        Assert.StartsWith("intent=emergency because \"не может дышать\"", reason.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Waited 5 hours, rude staff")]
    [InlineData("Merhaba, randevu alabilir miyim?")]
    [InlineData("Tusind tak til personalet")]
    [InlineData("ok")]
    public void Analyze_AnyMessage_ExplainsEveryLabel(string text)
    {
        var result = Analyze(text);

        foreach (var label in new[] { "language", "intent", "sentiment", "urgency" })
        {
            Assert.Contains(result.Reasons, r => r.Label == label);
        }

        Assert.All(result.Reasons.Where(r => r.Start >= 0), r => Assert.Equal(r.Evidence, text.Substring(r.Start, r.Length)));
    }

    [Fact]
    public void Analyze_TurkishTextWithLocalPhone_FindsItWithTheTurkishRegion()
    {
        const string text = "Randevu için beni arayın lütfen: 0532 123 45 67";

        var result = Analyze(text);

        var phone = Assert.Single(result.PersonalData, p => p.Kind == "phone");
        Assert.Equal("0532 123 45 67", text.Substring(phone.Start, phone.Length));
    }

    [Fact]
    public void Analyze_EmailInMessage_IsReportedAsPersonalData()
    {
        var result = Analyze("Please send my results to anna.hansen@example.com");

        Assert.Contains(result.PersonalData, p => p.Kind == "email");
    }

    [Fact]
    public void Analyze_ManyThreadsAtOnce_GiveTheSameResultsAsOneThread()
    {
        var texts = LabelledSet.All().Select(m => m.Text).ToArray();
        var sequential = texts.Select(t => Summary(Analyze(t))).ToArray();

        var parallel = new string[texts.Length];
        Parallel.For(0, texts.Length * 4, i => parallel[i % texts.Length] = Summary(Analyze(texts[i % texts.Length])));

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void LexiconFiles_Each_HaveACommentAndASource()
    {
        var assembly = typeof(TriageEngine).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith("CareDialog.Triage.Lexicons.", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, names.Count);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var root = JsonDocument.Parse(stream).RootElement;
            Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("$comment").GetString()), name);
            Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("source").GetString()), name);
        }
    }

    [Theory]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("ISPARTA", "isparta")]
    [InlineData("ılık", "ilik")]
    [InlineData("læge", "lage")]
    [InlineData("laege", "lage")]
    [InlineData("elää", "ela")]
    [InlineData("записаться", "zapisatsia")]
    [InlineData("zapisat'sya", "zapisatsia")]
    [InlineData("zadykhayus", "zadihaius")]
    [InlineData("задыхаюсь", "zadihaius")]
    public void Fold_SpellingVariants_MeetInOneForm(string text, string folded)
    {
        Assert.Equal(folded, Folding.Fold(text));
    }

    private static string Summary(TriageResult r) =>
        $"{r.Language}|{r.Intent}|{r.Sentiment}|{r.Urgency}|{r.PersonalData.Count}|{string.Join(";", r.Reasons)}";
}
