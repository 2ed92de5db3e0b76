namespace CareDialog.Triage.Tests;

public class ComplaintCategoriesTests
{
    [Theory]
    [InlineData("Acil serviste 5 saattir bekliyoruz, kimse ilgilenmiyor", ComplaintCategory.WaitingTime)]
    [InlineData("Acil serviste 5 saattir bekliyoruz (typed without diacritics: bekliyoruz)", ComplaintCategory.WaitingTime)]
    [InlineData("Vi har ventet i tre timer på skadestuen", ComplaintCategory.WaitingTime)]
    [InlineData("Jonotin päivystyksessä koko yön", ComplaintCategory.WaitingTime)]
    [InlineData("Третий час ждём в очереди у кабинета", ComplaintCategory.WaitingTime)]
    [InlineData("Tretiy chas zhdem v ocheredi", ComplaintCategory.WaitingTime)]
    [InlineData("The nurse was rude and shouted at my mother", ComplaintCategory.StaffBehaviour)]
    [InlineData("Hemşire çok kaba davrandı", ComplaintCategory.StaffBehaviour)]
    [InlineData("Врач нахамил и был очень груб", ComplaintCategory.StaffBehaviour)]
    [InlineData("I was charged twice, the invoice is wrong", ComplaintCategory.Billing)]
    [InlineData("Regningen er forkert, jeg har betalt to gange", ComplaintCategory.Billing)]
    [InlineData("Tahlil sonuçlarım hala gelmedi", ComplaintCategory.TestResults)]
    [InlineData("Mikä kestää verikokeen tuloksissa?", ComplaintCategory.TestResults)]
    [InlineData("Toiletterne på afdelingen er beskidte", ComplaintCategory.Facilities)]
    [InlineData("В аптеке нет лекарства по рецепту", ComplaintCategory.Medication)]
    [InlineData("There is no ramp, I cannot get in with my wheelchair", ComplaintCategory.Accessibility)]
    [InlineData("Thank you for the lovely flowers", ComplaintCategory.Other)]
    [InlineData("Min fars prøvesvar er stadig ikke kommet", ComplaintCategory.TestResults)]
    [InlineData("Der er ingen kørestolsrampe, jeg kan ikke komme ind", ComplaintCategory.Accessibility)]
    [InlineData("I feel so badly treated by the staff attitude", ComplaintCategory.StaffBehaviour)]
    public void Guess_PicksTheCategoryTheWordsPointTo(string text, ComplaintCategory expected) =>
        Assert.Equal(expected, ComplaintCategories.Guess(text).Category);

    [Fact]
    public void Guess_NamesTheMatchedStemsAsEvidence()
    {
        var guess = ComplaintCategories.Guess("Vi ventede i timevis, ventetiden er uacceptabel");

        Assert.Equal(ComplaintCategory.WaitingTime, guess.Category);
        Assert.Contains("vente*", guess.Evidence);
    }

    [Fact]
    public void Guess_WithoutAnyCue_SaysOtherWithNoEvidence()
    {
        var guess = ComplaintCategories.Guess("");

        Assert.Equal(ComplaintCategory.Other, guess.Category);
        Assert.Empty(guess.Evidence);
    }

    [Fact]
    public void Guess_ParacetamolIsMedicationNotBilling() =>
        Assert.Equal(ComplaintCategory.Medication, ComplaintCategories.Guess("They gave me the wrong dose of paracetamol").Category);
}
