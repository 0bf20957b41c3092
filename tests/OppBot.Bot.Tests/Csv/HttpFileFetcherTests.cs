using System.Net;
using Microsoft.Extensions.Options;
using OppBot.Bot.Csv;
using OppBot.Bot.Tests.Support;
using OppBot.Domain.Conversations;
using OppBot.Domain.Imports;

namespace OppBot.Bot.Tests.Csv;

public sealed class HttpFileFetcherTests
{
    private readonly RecordingHttpHandler _http = new();

    private HttpFileFetcher CreateSut(params string[] hosts) =>
        new(new HttpClient(_http), Options.Create(new CsvOptions { DownloadHosts = [.. hosts] }));

    private static IncomingFile File(string url) => new("deals.csv", "text/csv", url);

    [Theory]
    [InlineData("https://contoso.sharepoint.com/personal/x/deals.csv", true)] // Teams' OneDrive for Business
    [InlineData("https://contoso-my.sharepoint.cn/deals.csv", true)] // 21Vianet
    [InlineData("http://contoso.sharepoint.com/deals.csv", false)] // plain HTTP to a real host
    [InlineData("https://sharepoint.com.evil.example/deals.csv", false)] // suffix trick
    [InlineData("https://169.254.169.254/latest/meta-data", false)] // cloud metadata: not a listed host
    [InlineData("http://127.0.0.1:8080/deals.csv", false)] // loopback, but not listed
    public void Allowed_DefaultHosts_OnlyTeamsStorageOverHttps(string url, bool allowed)
    {
        Assert.Equal(allowed, HttpFileFetcher.Allowed(new Uri(url), CsvOptions.DefaultDownloadHosts));
    }

    [Fact]
    public void Allowed_ListedLoopback_MayBePlainHttp()
    {
        Assert.True(HttpFileFetcher.Allowed(new Uri("http://127.0.0.1:8080/deals.csv"), ["127.0.0.1"]));
    }

    [Fact]
    public async Task Fetch_AllowedUrl_ReturnsTheBytes()
    {
        _http.When(HttpMethod.Get, "/deals.csv", () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) });

        var result = await CreateSut("files.example.com").FetchAsync(File("https://files.example.com/deals.csv"), 10, default);

        Assert.Equal([1, 2, 3], Assert.IsType<FileFetchResult.Fetched>(result).Content);
    }

    [Fact]
    public async Task Fetch_LargerThanTheLimit_StopsReading()
    {
        _http.When(HttpMethod.Get, "/deals.csv", () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(new byte[1000])) });

        var result = await CreateSut("files.example.com").FetchAsync(File("https://files.example.com/deals.csv"), 999, default);

        Assert.IsType<FileFetchResult.TooLarge>(result);
    }

    [Fact]
    public async Task Fetch_HostNotListed_NeverCallsOut()
    {
        var result = await CreateSut("files.example.com").FetchAsync(File("https://elsewhere.example.com/deals.csv"), 10, default);

        Assert.IsType<FileFetchResult.Failed>(result);
        Assert.Empty(_http.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)] // the link expired
    [InlineData(HttpStatusCode.Forbidden)] // not pre-authorised after all
    public async Task Fetch_ErrorStatus_Fails(HttpStatusCode status)
    {
        _http.When(HttpMethod.Get, "/deals.csv", RecordingHttpHandler.Status(status));

        var result = await CreateSut("files.example.com").FetchAsync(File("https://files.example.com/deals.csv"), 10, default);

        Assert.Equal(new FileFetchResult.Failed($"HTTP {(int)status}"), result);
    }

    [Fact]
    public async Task Fetch_ConnectionRefused_FailsWithoutThrowing()
    {
        _http.When(HttpMethod.Get, "/deals.csv", RecordingHttpHandler.Throws());

        Assert.IsType<FileFetchResult.Failed>(await CreateSut("files.example.com").FetchAsync(File("https://files.example.com/deals.csv"), 10, default));
    }
}
