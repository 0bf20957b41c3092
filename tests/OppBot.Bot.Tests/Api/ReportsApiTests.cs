using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static OppBot.Bot.Tests.Api.ApiHost;

namespace OppBot.Bot.Tests.Api;

/// <summary>
/// The report endpoints against figures worked out by hand. Team east (Shanghai, target ¥1,000,000 a month; rep-east
/// ¥600,000); now is Wednesday 25 Nov 2026 10:00 Shanghai. The key "erp" (Rep of east) made three deals on 23 Nov:
///
/// | #  | amount  | source   | state now                                        | expected close (month? quarter?) | weighted |
/// |----|---------|----------|--------------------------------------------------|----------------------------------|----------|
/// | 1  | 400,000 | Expo     | lead, next step due 28 Nov                        | 28 Nov (yes, yes)               | 40,000   |
/// | 2  | 200,000 | Website  | lead, no next step                               | 23 Nov + 86 days = 17 Feb (no, no) | 20,000 |
/// | 3  | 100,000 | Referral | advanced to qualified on 24 Nov, no next step    | 24 Nov + 72 days = 4 Feb (no, no) | 25,000  |
/// </summary>
public sealed class ReportsApiTests : IAsyncLifetime
{
    private readonly ApiHost _host = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _host.SayAsync("rep-east", "help");
        await _host.SayAsync("mgr-east", "help");
        _host.Clock.SetUtcNow(Now.AddDays(-2));
        _client = _host.Client(await _host.CreateKeyAsync("erp"));
        await CreateAsync(_client, Deal("甲公司", 400_000m, "Expo", new { nextStep = "Demo", nextStepDue = Now.AddDays(3) }));
        await CreateAsync(_client, Deal("乙公司", 200_000m, "Website"));
        await CreateAsync(_client, Deal("丙公司", 100_000m, "Referral", new { contactName = "Zhang San", scorecard = new { need = true } }));
        _host.Clock.SetUtcNow(Now.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync(new Uri("/api/v1/opportunities/3/advance", UriKind.Relative), null)).StatusCode);
        _host.Clock.SetUtcNow(Now);
    }

    [Fact]
    public async Task Forecast_MonthAndQuarter_WeightedAgainstTheTeamTarget()
    {
        var forecast = await GetAsync("/api/v1/reports/forecast");

        var month = forecast.GetProperty("month");
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), month.GetProperty("from").GetDateTimeOffset()); // 1 Nov 00:00 Shanghai
        Assert.Equal((1, 400_000m), Tally(month.GetProperty("open"))); // #1 only
        Assert.Equal(40_000m, month.GetProperty("weighted").GetDecimal()); // 400,000 × 10 %
        Assert.Equal(40_000m, month.GetProperty("projected").GetDecimal()); // nothing won yet
        Assert.Equal(1_000_000m, month.GetProperty("target").GetDecimal());
        Assert.Equal(0.04m, month.GetProperty("attainment").GetDecimal());
        var quarter = forecast.GetProperty("quarter");
        Assert.Equal((1, 400_000m), Tally(quarter.GetProperty("open"))); // #2 and #3 are expected in February
        Assert.Equal(3_000_000m, quarter.GetProperty("target").GetDecimal());
        Assert.Equal(0.0133m, quarter.GetProperty("attainment").GetDecimal());
    }

    [Fact]
    public async Task Funnel_CountsConversionForecastDurationsAndSources()
    {
        var funnel = await GetAsync("/api/v1/reports/funnel");

        var stages = funnel.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(("lead", 2, 600_000m, 3, 0.3333m), (stages[0].GetProperty("code").GetString(), stages[0].GetProperty("count").GetInt32(), stages[0].GetProperty("amount").GetDecimal(), stages[0].GetProperty("reached").GetInt32(), stages[0].GetProperty("conversionToNext").GetDecimal()));
        Assert.Equal(("qualified", 1, 100_000m, 1), (stages[1].GetProperty("code").GetString(), stages[1].GetProperty("count").GetInt32(), stages[1].GetProperty("amount").GetDecimal(), stages[1].GetProperty("reached").GetInt32()));
        Assert.Equal(85_000m, funnel.GetProperty("weightedForecast").GetDecimal()); // 40,000 + 20,000 + 25,000
        Assert.Equal(JsonValueKind.Null, funnel.GetProperty("winRate").ValueKind); // nothing closed
        var lead = funnel.GetProperty("durations").GetProperty("stages")[0];
        Assert.Equal((1, 1m, 1m), (lead.GetProperty("count").GetInt32(), lead.GetProperty("averageDays").GetDecimal(), lead.GetProperty("medianDays").GetDecimal())); // #3: 23 → 24 Nov
        Assert.Equal(["Expo", "Referral", "Website"], funnel.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task Leaderboard_RepsAgainstTheirTargets()
    {
        var board = await GetAsync("/api/v1/reports/leaderboard");

        var reps = board.GetProperty("reps").EnumerateArray().ToList();
        Assert.Equal(["API erp", "rep-east"], reps.Select(r => r.GetProperty("name").GetString())); // the admin and the manager are not reps
        Assert.Equal(600_000m, reps[1].GetProperty("target").GetDecimal());
        Assert.Equal(0m, reps[1].GetProperty("attainment").GetDecimal());
        Assert.Equal(1_000_000m, board.GetProperty("team").GetProperty("target").GetDecimal());
    }

    [Fact]
    public async Task Weekly_TheSevenDaysBeforeNow()
    {
        var weekly = await GetAsync("/api/v1/reports/weekly");

        Assert.Equal([1, 2, 3], weekly.GetProperty("new").GetProperty("numbers").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal([3], weekly.GetProperty("advanced").GetProperty("numbers").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal(0, weekly.GetProperty("won").GetProperty("count").GetInt32());
        var erp = weekly.GetProperty("reps")[0];
        Assert.Equal(("API erp", 3, 85_000m), (erp.GetProperty("name").GetString(), erp.GetProperty("open").GetProperty("count").GetInt32(), erp.GetProperty("weighted").GetDecimal()));

        var earlier = await GetAsync("/api/v1/reports/weekly?from=2026-11-01T00:00:00%2B08:00");
        Assert.Equal(0, earlier.GetProperty("new").GetProperty("count").GetInt32()); // 1–8 Nov: nothing yet
    }

    [Fact]
    public async Task ChatReport_ShowsTheSameForecastAsTheApi()
    {
        var chat = await _host.SayAsync("mgr-east", "report");

        Assert.Contains("This month: forecast vs target: ¥40,000 of ¥1,000,000 target (4%)", chat, StringComparison.Ordinal);
        Assert.Contains("API erp: 3 new · 1 advanced · 0 won (¥0) · 0 lost · 0 follow-ups · 3 open (¥85,000 weighted) · 0 overdue", chat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_KeyOfAnotherTeam_SeesNothingOfEast()
    {
        using var west = _host.Client(await _host.CreateKeyAsync("oa", "Rep", "west"));

        var funnel = await Json(await west.GetAsync(new Uri("/api/v1/reports/funnel", UriKind.Relative)));

        Assert.Equal(0m, funnel.GetProperty("weightedForecast").GetDecimal());
        Assert.All(funnel.GetProperty("stages").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("reached").GetInt32()));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Json(response);
    }

    private static (int, decimal) Tally(JsonElement tally) => (tally.GetProperty("count").GetInt32(), tally.GetProperty("amount").GetDecimal());
}
