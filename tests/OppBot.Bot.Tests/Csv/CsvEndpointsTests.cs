using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OppBot.Domain;
using OppBot.Domain.Conversations;
using OppBot.Domain.Imports;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Bot.Tests.Csv;

/// <summary>POST /api/v1/import, GET /api/v1/export and GET /files/{token} through the whole host, on SQLite.</summary>
public sealed class CsvEndpointsTests : IAsyncLifetime
{
    private const string ChineseFile =
        "客户名称,商机名称,金额,阶段,来源,联系人,电话,负责人,下一步,下一步时间,输单原因\r\n" +
        "华为技术有限公司,ERP升级,50万,方案报价,展会,张伟,138 0013 8000,李雷,约CIO,2024-12-01 15:00,\r\n" +
        "小米科技,CRM实施,1.2亿,线索,官网,,,,,,\r\n" +
        "\"腾讯, 深圳\",云迁移,30万,输单,客户推荐,,,,,,价格\r\n";

    private CsvHost _host = null!;
    private SalesRep _manager = null!;
    private SalesRep _rep = null!;

    static CsvEndpointsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync()
    {
        _host = new CsvHost(new Dictionary<string, string?> { ["Csv:MaxFileBytes"] = "2000000" });
        _manager = await _host.PersonAsync("王经理", Role.Manager);
        _rep = await _host.PersonAsync("李雷", Role.Rep);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static byte[] Gbk(string text) => Encoding.GetEncoding("GB18030").GetBytes(text);

    private Task<HttpResponseMessage> ImportAsync(byte[] file, string query = "", SalesRep? caller = null) =>
        _host.SendAsync(HttpMethod.Post, "/api/v1/import" + query, caller ?? _manager, Csv(file));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Import_GbkFileWithChineseHeaders_DryRun_ReportsAndWritesNothing()
    {
        using var response = await ImportAsync(Gbk(ChineseFile), "?dryRun=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await JsonAsync(response);
        Assert.Equal((true, false, "GB18030", 3, 0), (report.GetProperty("dryRun").GetBoolean(), report.GetProperty("imported").GetBoolean(), report.GetProperty("encoding").GetString(), report.GetProperty("rows").GetInt32(), report.GetProperty("problems").GetArrayLength()));
        Assert.Equal(0, await _host.DealCountAsync());
    }

    [Fact]
    public async Task Import_GbkFileWithChineseHeaders_CreatesEveryDeal()
    {
        using var response = await ImportAsync(Gbk(ChineseFile));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([1, 2, 3], (await JsonAsync(response)).GetProperty("created").EnumerateArray().Select(n => n.GetInt32()));
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var deals = await scope.ServiceProvider.GetRequiredService<IOppBotStore>().FindOpportunitiesAsync(new OpportunityFilter(), CancellationToken.None);
        Assert.Equal([("华为技术有限公司", 500_000m, "proposal", _rep.Id), ("小米科技", 120_000_000m, "lead", _manager.Id), ("腾讯, 深圳", 300_000m, "lost", _manager.Id)], deals.Select(o => (o.Account, o.Amount, o.StageCode, o.OwnerId!.Value)));
        Assert.Equal(Opportunity.ImportedReason, deals[0].StageHistory[^1].Reason);
    }

    public static TheoryData<string, byte[], string> Malformed() => new()
    {
        { "bad encoding", Gbk("客户名称,商机名称,金额\r\n华为,ERP,50万\r\n").Concat(new byte[] { 0x80, 0xFF, 0x0D, 0x0A }).ToArray(), ImportProblemCodes.BadEncoding },
        { "missing required column", Encoding.UTF8.GetBytes("客户名称,商机名称\r\n华为,ERP升级\r\n"), ImportProblemCodes.MissingColumn },
        { "bad amount", Encoding.UTF8.GetBytes(ChineseFile + "京东,物流,很多钱,,,,,,,,\r\n"), ImportProblemCodes.AmountInvalid },
        { "100k rows", Encoding.UTF8.GetBytes("客户名称,商机名称,金额\r\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"C{i},D,1\r\n"))), ImportProblemCodes.TooManyRows },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Import_MalformedFile_422WithAClearReportAndNothingWritten(string why, byte[] file, string code)
    {
        using var response = await ImportAsync(file, "?lang=en");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await JsonAsync(response)).GetProperty("report").GetProperty("problems")[0];
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message").GetString()), why);
        Assert.Equal(0, await _host.DealCountAsync());
    }

    [Fact]
    public async Task Import_BadAmount_MessageNamesRowAndColumnInTheAskedLanguage()
    {
        using var response = await ImportAsync(Encoding.UTF8.GetBytes("客户名称,商机名称,金额\r\n华为,ERP,很多钱\r\n"), "?lang=en");

        var message = (await JsonAsync(response)).GetProperty("report").GetProperty("problems")[0].GetProperty("message").GetString();
        Assert.Equal("Row 2, Amount: \"很多钱\" is not an amount (e.g. 500k, 1.2m, 500000).", message);
    }

    [Fact]
    public async Task Import_LargerThanTheLimit_413()
    {
        using var response = await ImportAsync(new byte[2_000_001]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await _host.DealCountAsync());
    }

    [Fact]
    public async Task Import_Unauthenticated401_Rep403_Json415()
    {
        using var anonymous = await _host.SendAsync(HttpMethod.Post, "/api/v1/import", null, Csv(Encoding.UTF8.GetBytes(ChineseFile)));
        using var rep = await ImportAsync(Encoding.UTF8.GetBytes(ChineseFile), caller: _rep);
        using var json = await _host.SendAsync(HttpMethod.Post, "/api/v1/import", _manager, new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.UnsupportedMediaType], new[] { anonymous.StatusCode, rep.StatusCode, json.StatusCode });
        Assert.Equal(0, await _host.DealCountAsync());
    }

    [Fact]
    public async Task Import_DuplicateOfAnExistingDeal_422UnlessAllowed()
    {
        using (await ImportAsync(Encoding.UTF8.GetBytes("客户名称,商机名称,金额\r\n华为技术有限公司,ERP升级,50万\r\n")))
        {
        }

        using var blocked = await ImportAsync(Encoding.UTF8.GetBytes("客户名称,商机名称,金额\r\n华为技术,二期,10万\r\n"));
        using var allowed = await ImportAsync(Encoding.UTF8.GetBytes("客户名称,商机名称,金额\r\n华为技术,二期,10万\r\n"), "?allowDuplicates=true");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        Assert.Equal(1, (await JsonAsync(blocked)).GetProperty("report").GetProperty("duplicates")[0].GetProperty("existingNumber").GetInt32());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(2, await _host.DealCountAsync());
    }

    [Fact]
    public async Task Export_ThenImportIntoAnotherInstallation_SameDeals()
    {
        // Deals of every kind in this installation, made through the domain and saved by the EF store.
        await SeedPortfolioAsync();
        using var exported = await _host.SendAsync(HttpMethod.Get, "/api/v1/export", _manager);
        var file = await exported.Content.ReadAsByteArrayAsync();
        await using var other = new CsvHost();
        var manager = await other.PersonAsync("王经理", Role.Manager);
        await other.PersonAsync("李雷", Role.Rep);

        using var imported = await other.SendAsync(HttpMethod.Post, "/api/v1/import", manager, Csv(file));
        using var exportedAgain = await other.SendAsync(HttpMethod.Get, "/api/v1/export", manager);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("text/csv", exported.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, file[..3]);
        // Both installations numbered from 1, so the files match byte for byte: every field survived, numbers included.
        Assert.Equal(Encoding.UTF8.GetString(file), Encoding.UTF8.GetString(await exportedAgain.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Export_InEnglish_HasEnglishHeaders()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/api/v1/export?lang=en", _rep);

        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFNumber,Company,Title,Amount,", text, StringComparison.Ordinal);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.DispositionType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatExport_LinkServesTheFile_UnknownLinkIs404()
    {
        await SeedPortfolioAsync();
        string reply;
        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            // The conversation as the host composes it: with the CSV constructor, since AddOppBotCsv registered its ports.
            var conversation = scope.ServiceProvider.GetRequiredService<OppBotConversation>();
            var message = new IncomingMessage(new ConversationAddress("test", "chat-1"), ConversationKind.Personal, new ChannelIdentity("test", "mgr-1"), "Boss", "en", "export", null, "test:" + Guid.NewGuid());
            var result = await conversation.HandleAsync(message, CancellationToken.None);
            reply = result.Replies.Single().Text!;
        }

        var link = new Uri(reply[reply.IndexOf("http", StringComparison.Ordinal)..]);
        using var download = await _host.Client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        using var unknown = await _host.Client.GetAsync(new Uri("/files/no-such-token", UriKind.Relative));

        Assert.Equal("http://localhost:5000", link.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("no-store", download.Headers.CacheControl?.ToString());
        Assert.StartsWith("\uFEFFNumber,Company", Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private async Task SeedPortfolioAsync()
    {
        await using var scope = _host.Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
        var manager = (await store.GetUserAsync(_manager.Id, CancellationToken.None))!;
        var rep = (await store.GetUserAsync(_rep.Id, CancellationToken.None))!;
        var now = TimeProvider.System.GetUtcNow();
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(30); // whole minutes, as exports write them
        async Task Make(LeadDraft draft, SalesRep owner, ImportedState? state = null)
        {
            var o = Opportunity.Create(draft, owner, await store.NextOpportunityNumberAsync(CancellationToken.None), DomainSettings.Default, now, out var problems)
                ?? throw new InvalidOperationException(string.Join(", ", problems));
            if (state is not null)
            {
                o.Import(state, manager, DomainSettings.Default, now);
            }

            store.Add(o);
        }

        await Make(new LeadDraft
        {
            Account = "华为技术有限公司", Title = "ERP升级", Amount = 500_000m, Source = LeadSource.Expo, ContactName = "张伟",
            ContactPhone = "+86 138 0013 8000", ContactEmail = "zhang@huawei.com", DecisionMaker = "李总", NextStep = "约CIO, 带上\"方案\"", NextStepDue = due,
            Scorecard = new Domain.Scoring.Scorecard(8, 9, 7, 6) { Budget = true, Need = true },
        }, rep);
        await Make(new LeadDraft { Account = "Acme Inc.", Title = "CRM\nrollout", Amount = 20_000.25m, Currency = "USD", Source = LeadSource.Website }, manager, new ImportedState("proposal", QuotedAmount: 18_500.5m, DiscountPercent: 7.5m));
        await Make(new LeadDraft { Account = "小米科技", Title = "=HYPERLINK(\"x\")", Amount = 1_000_000m, NextStep = "催款" }, rep, new ImportedState("negotiation", NextStepDue: new DateTimeOffset(2020, 1, 6, 2, 0, 0, TimeSpan.Zero)));
        await Make(new LeadDraft { Account = "腾讯", Title = "云迁移", Amount = 300_000m, Source = LeadSource.Referral }, rep, new ImportedState("won"));
        await Make(new LeadDraft { Account = "京东", Title = "物流", Amount = 80_000m }, rep, new ImportedState("lost", "other", "客户内部重组"));
        await Make(new LeadDraft { Account = "百度", Title = "地图", Amount = 50_000m, Source = LeadSource.ThirdParty }, manager, new ImportedState("qualified", InPool: true));
        await store.SaveChangesAsync(CancellationToken.None);
    }
}
