using CareDialog.Compliance.Detectors;

namespace CareDialog.Compliance.Tests.Detectors;

public class HealthNameDetectionTests
{
    [Theory]
    [InlineData("Ayşe Yılmaz kanser tedavisi gördü.", "Ayşe Yılmaz")]
    [InlineData("Geçen hafta Mehmet Demir ameliyat oldu.", "Mehmet Demir")]
    [InlineData("Ayşe Yılmaz'ın diyabeti kontrol altında.", "Ayşe Yılmaz")]
    [InlineData("İsmail Çelik HIV'li hastalarımız için konuştu.", "İsmail Çelik")]
    [InlineData("Anna Hansen fik konstateret kræft i foråret.", "Anna Hansen")]
    [InlineData("I går blev Søren Østergård opereret for en brok.", "Søren Østergård")]
    [InlineData("Mette Kjær-Larsen har diabetes.", "Mette Kjær-Larsen")]
    [InlineData("Anna K. Hansen har kræft.", "Anna K. Hansen")]
    [InlineData("Kemoterapi: Mette Hansen fortæller om forløbet.", "Mette Hansen")]
    [InlineData("Peter Jensen blev opereret i går.", "Peter Jensen")]
    [InlineData("Matti Virtanen sairastaa syöpää.", "Matti Virtanen")]
    [InlineData("Liisa Mäkelän diabetes on hallinnassa.", "Liisa Mäkelän")]
    [InlineData("Иван Петров прооперирован вчера.", "Иван Петров")]
    [InlineData("У Анны Ивановой диабет.", "Анны Ивановой")]
    [InlineData("Мария Ивановна Смирнова проходит химиотерапию.", "Мария Ивановна Смирнова")]
    [InlineData("John Smith was diagnosed with cancer last year.", "John Smith")]
    [InlineData("Get well soon, Sarah Jones, and good luck with the chemotherapy! We are all thinking of you.", "Sarah Jones")]
    public void Find_NameInSentenceWithHealthCondition_ReportsTheNameSpan(string text, string expected)
    {
        var match = Assert.Single(PersonalDataDetector.Find(text));

        Assert.Equal(PersonalDataKinds.HealthName, match.Kind);
        Assert.Equal(expected, text.Substring(match.Start, match.Length));
    }

    [Theory]
    [InlineData("Dr. Ayşe Yılmaz kanser tedavisinde uzmandır.")]
    [InlineData("Prof. Dr. Mehmet Demir diyabet hakkında konuşacak.")]
    [InlineData("Op. Dr. Mehmet Demir ile tanışın.")]
    [InlineData("Mød overlæge Anna Hansen, der forsker i kræft.")]
    [InlineData("Anna Hansen, overlæge, forsker i diabetes.")]
    [InlineData("Ylilääkäri Matti Virtanen kertoo syövän hoidosta.")]
    [InlineData("Врач Иван Петров расскажет о диабете.")]
    [InlineData("Dr. John Smith specialises in cancer care.")]
    [InlineData("Ayşe Yılmaz (Onkoloji Uzmanı) kanser taramasını anlattı.")]
    [InlineData("Doç. Dr. Ayşe Yılmaz Hanım kanser konusunda konuştu.")]
    [InlineData("Professor Anna Hansen forsker i kræft.")]
    public void Find_StaffIntroduction_IsNotReported(string text)
    {
        Assert.Empty(PersonalDataDetector.Find(text));
    }

    [Theory]
    [InlineData("Meet Dr. Sarah Jones, our new cardiologist.")]
    [InlineData("Anna Hansen vandt løbet i weekenden.")]
    [InlineData("Anna Hansen var her i går. Kræft er en svær sygdom.")]
    [InlineData("Prostate Cancer Awareness Month Starts Today")]
    [InlineData("Kræft kan ramme alle, siger Kræftens Bekæmpelse.")]
    [InlineData("Herlev Hospital åbner ny afdeling for kræft.")]
    [InlineData("Anna har diabetes.")]
    [InlineData("ANNA HANSEN HAR KRÆFT")]
    [InlineData("Prostate Cancer Awareness Month")]
    public void Find_NoPersonNamedWithACondition_ReportsNothing(string text)
    {
        Assert.Empty(PersonalDataDetector.Find(text));
    }

    [Fact]
    public void Find_TwoPatientsInOneSentence_ReportsBothNames()
    {
        const string text = "Anna Hansen og Peter Jensen fik begge kemoterapi.";

        Assert.Equal(["Anna Hansen", "Peter Jensen"], DetectorAssert.Found(text, PersonalDataKinds.HealthName));
    }

    [Fact]
    public void Find_PatientAndStaffInOneSentence_ReportsOnlyThePatient()
    {
        const string text = "Anna Hansen og Dr. Peter Jensen taler om diabetes.";

        Assert.Equal(["Anna Hansen"], DetectorAssert.Found(text, PersonalDataKinds.HealthName));
    }

    [Fact]
    public void Find_ConditionWordInUpperCase_StillCounts()
    {
        Assert.Equal(["Ayşe Yılmaz"], DetectorAssert.Found("Ayşe Yılmaz DİYABET hastası.", PersonalDataKinds.HealthName));
    }
}
