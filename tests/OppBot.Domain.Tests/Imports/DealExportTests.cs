using System.Text;
using OppBot.Domain.Imports;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scoring;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Domain.Tests.Imports;

public sealed class DealExportTests
{
    private static readonly DomainSettings Settings = DomainSettings.Default;

    private readonly SalesRep _manager = TestData.Rep("王经理", "east", Role.Manager);
    private readonly SalesRep _li = TestData.Rep("李雷", "east");
    private readonly SalesRep _west = TestData.Rep("West Rep", "west");

    /// <summary>Deals in every shape an export must carry: each stage kind, pool, quote, due dates past and future, USD.</summary>
    private List<Opportunity> Portfolio()
    {
        var deals = new List<Opportunity>();
        Opportunity Make(int number, LeadDraft draft, SalesRep owner, ImportedState? state = null)
        {
            var o = Opportunity.Create(draft, owner, number, Settings, TestData.Now, out var problems) ?? throw new InvalidOperationException(string.Join(", ", problems));
            if (state is not null)
            {
                o.Import(state, _manager, Settings, TestData.Now);
            }

            deals.Add(o);
            return o;
        }

        Make(1, new LeadDraft
        {
            Account = "华为技术有限公司", Title = "ERP升级", Amount = 500_000m, Source = LeadSource.Expo,
            ContactName = "张伟", ContactPhone = "+86 138 0013 8000", ContactEmail = "zhang@huawei.com", DecisionMaker = "李总",
            NextStep = "约CIO, 带上\"方案\"", NextStepDue = TestData.Now.AddDays(3),
            Scorecard = new Scorecard(8, 9, 7, 6) { Budget = true, Need = true },
        }, _li);
        Make(2, new LeadDraft { Account = "Acme Inc.", Title = "CRM\nrollout", Amount = 20_000m, Currency = "USD", Source = LeadSource.Website }, _manager,
            new ImportedState("proposal", QuotedAmount: 18_500.5m, DiscountPercent: 7.5m));
        Make(3, new LeadDraft { Account = "小米科技", Title = "=HYPERLINK(\"x\")", Amount = 1_000_000m, NextStep = "催款" }, _li,
            new ImportedState("negotiation", NextStepDue: TestData.Now.AddDays(-10)));
        Make(4, new LeadDraft { Account = "腾讯", Title = "云迁移", Amount = 300_000m, Source = LeadSource.Referral }, _li, new ImportedState("won"));
        Make(5, new LeadDraft { Account = "京东", Title = "物流", Amount = 80_000m }, _li, new ImportedState("lost", "other", "客户内部重组"));
        Make(6, new LeadDraft { Account = "百度", Title = "地图", Amount = 50_000m, Source = LeadSource.ThirdParty }, _manager, new ImportedState("qualified", InPool: true));
        return deals;
    }

    private static InMemoryOppBotStore StoreWith(params object[] items)
    {
        var store = new InMemoryOppBotStore();
        store.Seed(items);
        return store;
    }

    // What must survive the round trip: everything but ids, numbers and timestamps of the import itself.
    private static object Shape(Opportunity o) => new
    {
        o.Account, o.Title, o.Amount, o.Currency, o.QuotedAmount, o.DiscountPercent, o.Source, o.StageCode, o.Status,
        o.OwnerId, o.TeamId, o.ContactName, o.ContactPhone, o.ContactEmail, o.DecisionMaker, o.NextStep,
        NextStepDue = o.NextStepDue?.ToUniversalTime(), o.LossReason, o.LossNote, o.Scorecard, o.InPool,
    };

    [Theory]
    [InlineData(Locales.Chinese)] // 中文表头
    [InlineData(Locales.English)] // English headers
    public async Task Export_ThenImport_ReproducesTheSameDeals(string locale)
    {
        var original = Portfolio();
        var source = StoreWith([_manager, _li, .. original]);
        var (file, count) = await new DealExport(source, Settings).ExportAsync(_manager, locale, CancellationToken.None);
        var target = StoreWith(_manager, _li);

        var report = await new DealImport(target, Settings, ImportLimits.Default).RunAsync(file, _manager, ImportMode.Import, allowDuplicates: false, TestData.Now, CancellationToken.None);
        await target.SaveChangesAsync(CancellationToken.None);

        Assert.Equal(6, count);
        Assert.Empty(report.Problems);
        Assert.Empty(report.Duplicates);
        Assert.Equal(original.Select(Shape), target.Opportunities.Select(Shape));
    }

    [Fact]
    public async Task Export_Chinese_Utf8WithBomAndChineseHeaders()
    {
        var store = StoreWith([_manager, _li, .. Portfolio()]);

        var (file, _) = await new DealExport(store, Settings).ExportAsync(_manager, Locales.Chinese, CancellationToken.None);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, file[..3]);
        var text = Encoding.UTF8.GetString(file, 3, file.Length - 3);
        Assert.StartsWith("编号,客户名称,商机名称,金额,币种,阶段,来源,联系人,电话,邮箱,决策人,负责人,下一步,下一步时间,输单原因,输单说明,报价金额,折扣(%),", text, StringComparison.Ordinal);
        Assert.Contains("\r\n4,腾讯,云迁移,300000,CNY,赢单,客户推荐,", text, StringComparison.Ordinal);
        Assert.Contains(",公海,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_FormulaLikeCell_IsGuardedWithAnApostrophe()
    {
        var store = StoreWith([_manager, _li, .. Portfolio()]);

        var (file, _) = await new DealExport(store, Settings).ExportAsync(_manager, Locales.English, CancellationToken.None);

        var text = Encoding.UTF8.GetString(file);
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\")\",", text, StringComparison.Ordinal);
        Assert.Contains(",+86 138 0013 8000,", text, StringComparison.Ordinal); // a phone number is left as it is
    }

    [Fact]
    public async Task Export_Rep_SeesTheTeamAndDealsWorkedOnElsewhere_NotOtherTeams()
    {
        var westDeal = TestData.Deal(_west, number: 10, draft: TestData.Draft("西部公司"));
        var westShared = TestData.Deal(_west, number: 11, draft: TestData.Draft("共享公司"));
        _li.Assign(Role.Rep, "west"); // joined while in team west, then moved back east: still a collaborator there
        Assert.Null(westShared.Join(_li, TestData.Now));
        _li.Assign(Role.Rep, "east");
        var store = StoreWith([_manager, _li, _west, .. Portfolio(), westDeal, westShared]);

        var (file, count) = await new DealExport(store, Settings).ExportAsync(_li, Locales.English, CancellationToken.None);

        var text = Encoding.UTF8.GetString(file);
        Assert.Equal(7, count);
        Assert.Contains("共享公司", text, StringComparison.Ordinal);
        Assert.DoesNotContain("西部公司", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Admin_SeesEveryTeam()
    {
        var admin = TestData.Rep("Admin", "east", Role.Admin);
        var store = StoreWith([admin, _manager, _li, _west, .. Portfolio(), TestData.Deal(_west, number: 10, draft: TestData.Draft("西部公司"))]);

        var (_, count) = await new DealExport(store, Settings).ExportAsync(admin, Locales.English, CancellationToken.None);

        Assert.Equal(7, count);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")] // a formula
    [InlineData("@SUM(A1)", "'@SUM(A1)")] // Lotus-style function
    [InlineData("-2+3", "'-2+3")] // arithmetic after a sign
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")] // the DDE classic
    [InlineData("+86 138 0013 8000", "+86 138 0013 8000")] // a phone number stays readable
    [InlineData("华为", "华为")] // ordinary text
    public void Guard_Cells_AsOwaspAdvises(string value, string expected)
    {
        Assert.Equal(expected, DealExport.Guard(value));
    }
}
