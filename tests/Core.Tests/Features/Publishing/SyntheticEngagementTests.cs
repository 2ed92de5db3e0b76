using CareDialog.Core.Features.Publishing.Sandbox;

namespace CareDialog.Core.Tests.Features.Publishing;

public class SyntheticEngagementTests
{
    private static readonly DateTime Created = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void At_SamePostSameAge_GivesSameNumbers() =>
        Assert.Equal(SyntheticEngagement.At("sbx_1", Created, Created.AddHours(5)), SyntheticEngagement.At("sbx_1", Created, Created.AddHours(5)));

    [Fact]
    public void At_OlderPost_HasAtLeastAsMuchReach()
    {
        long previous = 0;
        foreach (var hours in new[] { 0, 1, 3, 12, 48, 200 })
        {
            var reach = SyntheticEngagement.At("sbx_abc", Created, Created.AddHours(hours)).Reach;
            Assert.True(reach >= previous);
            previous = reach;
        }

        Assert.True(previous > 0);
    }

    [Fact]
    public void At_JustPublished_HasNoEngagement() =>
        Assert.Equal(0, SyntheticEngagement.At("sbx_x", Created, Created).Reach);

    [Fact]
    public void At_DifferentPosts_Differ() =>
        Assert.NotEqual(SyntheticEngagement.At("sbx_a", Created, Created.AddDays(3)).Reach, SyntheticEngagement.At("sbx_b", Created, Created.AddDays(3)).Reach);
}
