using CareDialog.Compliance.Platforms;

namespace CareDialog.Compliance.Tests.Platforms;

/// <summary>URL detection cases from twitter-text's validate.yml / extract tests, checked on the extracted text itself.</summary>
public class XUrlScannerTests
{
    [Theory]
    [InlineData("http://example.com")]
    [InlineData("https://example.com/path/to/resource?search=foo&lang=en")]
    [InlineData("http://twitter.com/#!/twitter")]
    [InlineData("HTTPS://www.ExaMPLE.COM/index.html")]
    [InlineData("http://sports.yahoo.com/nfl/news;_ylt=Aom0;ylu=XyZ?slug=ap-superbowlnotebook")]
    [InlineData("http://test_underscore.twitter.com")]
    [InlineData("http://☃.net/")]
    [InlineData("http://example.com/Русские_слова")]
    [InlineData("https://www.youtube.com/playlist?list=PL0ZPu8XSRTB7wZzn0mLHMvyzVFeRxbWn-")]
    [InlineData("https://en.wikipedia.org/wiki/Primer_(film)")]
    [InlineData("http://msdn.com/S(deadbeef)/page.htm")]
    [InlineData("http://example.com:8080/login.php")]
    [InlineData("example.com")]
    [InlineData("www.example.com")]
    [InlineData("t.co")]
    [InlineData("foo.co.jp")]
    [InlineData("foo.jp")]
    [InlineData("example.com/path/to/resource?search=foo&lang=en")]
    [InlineData("t.co/abcde")]
    [InlineData("bit.ly/abcde")]
    [InlineData("http://foo.jp")]
    [InlineData("https://nhs.uk")]
    [InlineData("http://пример.рф")]
    [InlineData("xn--80ak6aa92e.com")]
    public void Find_ValidUrl_MatchesTheWholeText(string url)
    {
        var found = Assert.Single(XUrlScanner.Find(url));

        Assert.Equal(url, url[found.Start..found.End]);
    }

    [Theory]
    [InlineData("ftp://www.example.com/")]
    [InlineData("http://domain-dash_2314352345_dfasd.foo-cow_4352.com")]
    [InlineData("http://www.-domain4352.com/")]
    [InlineData("http://www.domain4352-.com/")]
    [InlineData("http://☃-.net/")]
    [InlineData("http://test.-twitter.com")]
    [InlineData("ab-.example.com")]
    [InlineData("foo.baz")]
    [InlineData("nurse@example.com")]
    [InlineData("$example.com")]
    [InlineData("#example.com")]
    [InlineData("foo.comm")]
    [InlineData("http://localhost:8080/")]
    [InlineData("version 1.2.3")]
    [InlineData("e.g. this")]
    public void Find_NotAUrl_FindsNothing(string text)
    {
        Assert.Empty(XUrlScanner.Find(text));
    }

    [Theory]
    [InlineData("Visit https://example.org/flu.", "https://example.org/flu")]
    [InlineData("(see https://example.org/a)", "https://example.org/a")]
    [InlineData("Book at clinic.example.org, today", "clinic.example.org")]
    [InlineData("twitter.comこれは日本語です", "twitter.com")]
    [InlineData("日本語example.com中国語", "example.com")]
    [InlineData("https://t.co/abcdef/more", "https://t.co/abcdef")]
    [InlineData("example.com:8080 works", "example.com")]
    [InlineData("example.com?q=1", "example.com")]
    [InlineData("test_underscore.twitter.com x", "underscore.twitter.com")]
    [InlineData("see https://example.org/x?utm=1&.", "https://example.org/x?utm=1&")]
    [InlineData("http://example.com?foo=$bar.;baz?BAZ&c=d-#top/?stories+", "http://example.com?foo=$bar.;baz?BAZ&c=d-#top/?stories")]
    public void Find_UrlInText_MatchesOnlyTheUrl(string text, string expected)
    {
        var found = Assert.Single(XUrlScanner.Find(text));

        Assert.Equal(expected, text[found.Start..found.End]);
    }

    [Fact]
    public void Find_DomainsRunningIntoCjkText_FindsEachAsciiDomain()
    {
        var text = "twitter.comこれは日本語です。example.com中国語t.co/abcde한국twitter.com example2.comテストtwitter.com/abcde";

        var found = XUrlScanner.Find(text).Select(u => text[u.Start..u.End]);

        Assert.Equal(["twitter.com", "example.com", "t.co/abcde", "twitter.com", "example2.com", "twitter.com/abcde"], found);
    }

    [Theory]
    [InlineData("日本.example.com", "example.com")]
    [InlineData("http://日本.co.jp/x", "http://日本.co.jp/x")]
    public void Find_NonAsciiLabels_LinkWholeHostOnlyWithProtocol(string text, string expected)
    {
        var found = Assert.Single(XUrlScanner.Find(text));

        Assert.Equal(expected, text[found.Start..found.End]);
    }

    [Fact]
    public void Find_TwoUrlsAndABareDomain_FindsAllThree()
    {
        var text = "Test https://test.com test https://test.com test.com test";

        Assert.Equal(3, XUrlScanner.Find(text).Count);
    }

    [Fact]
    public void Find_TcoSlugLongerThan40_IsRejected()
    {
        Assert.Empty(XUrlScanner.Find("https://t.co/" + new string('a', 41)));
    }

    [Fact]
    public void Find_UrlLongerThan4096_IsRejected()
    {
        Assert.Empty(XUrlScanner.Find("https://example.com/" + new string('a', XUrlScanner.MaxUrlLength)));
    }

    [Theory]
    [InlineData("bücher", 13)]
    [InlineData("münchen", 14)]
    [InlineData("☃", 7)]
    [InlineData("пример", 12)]
    [InlineData("پاکستان", 17)]
    [InlineData("example", 7)]
    [InlineData("あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあい", 63)]
    [InlineData("あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいう", 64)]
    public void PunycodeEncodedLength_Label_MatchesRfc3492(string label, int expected)
    {
        Assert.Equal(expected, Punycode.EncodedLabelLength(label));
    }

    [Fact]
    public void PunycodeEncodedLength_IdeographicFullStopInLabel_EncodesThePartsSeparately()
    {
        Assert.Equal("xn--wgv71a".Length + 1 + "example".Length, Punycode.EncodedLabelLength("日本。example"));
    }
}
