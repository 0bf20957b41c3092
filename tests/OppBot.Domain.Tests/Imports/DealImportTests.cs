using System.Text;
using OppBot.Domain.Audit;
using OppBot.Domain.Imports;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Domain.Tests.Imports;

public sealed class DealImportTests
{
    private const string ChineseFile =
        "客户名称,商机名称,金额,阶段,来源,联系人,电话,邮箱,决策人,负责人,下一步,下一步时间,输单原因\r\n" +
        "华为技术有限公司,ERP升级,50万,方案报价,展会,张伟,138 0013 8000,zhang@huawei.com,李总,李雷,约CIO,2026-12-01 15:00,\r\n" +
        "小米科技,CRM实施,1.2亿,线索,官网,,,,,,,,\r\n" +
        "\"腾讯, 深圳\",云迁移,30万,输单,客户推荐,,,,,,,,价格\r\n";

    private readonly InMemoryOppBotStore _store = new();
    private readonly SalesRep _manager = TestData.Rep("王经理", "east", Role.Manager);
    private readonly SalesRep _li = TestData.Rep("李雷", "east");

    public DealImportTests() => _store.Seed(_manager, _li);

    private DealImport CreateSut(ImportLimits? limits = null) => new(_store, DomainSettings.Default, limits ?? ImportLimits.Default);

    private Task<ImportReport> RunAsync(byte[] file, ImportMode mode = ImportMode.Import, bool allowDuplicates = false, ImportLimits? limits = null) =>
        CreateSut(limits).RunAsync(file, _manager, mode, allowDuplicates, TestData.Now, CancellationToken.None);

    private async Task<IReadOnlyList<Opportunity>> SavedAsync()
    {
        await _store.SaveChangesAsync(CancellationToken.None);
        return _store.Opportunities;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Run_GbkFileWithChineseHeaders_ImportsEveryRow()
    {
        var report = await RunAsync(CsvDecoderTests.Gbk(ChineseFile));

        Assert.Empty(report.Problems);
        Assert.Equal(CsvDecoder.Gb18030, report.Encoding);
        var deals = await SavedAsync();
        Assert.Equal(["华为技术有限公司", "小米科技", "腾讯, 深圳"], deals.Select(o => o.Account));
        Assert.Equal([500_000m, 120_000_000m, 300_000m], deals.Select(o => o.Amount));
        Assert.Equal(["proposal", "lead", "lost"], deals.Select(o => o.StageCode));
        Assert.Equal([_li.Id, _manager.Id, _manager.Id], deals.Select(o => o.OwnerId!.Value));
        Assert.Equal("price", deals[2].LossReason);
    }

    [Fact]
    public async Task Run_ImportedDeal_HistorySaysImportedByWhomAndWhen()
    {
        await RunAsync(Utf8(ChineseFile));

        var deal = (await SavedAsync())[0];
        Assert.Equal(
            [new StageChange(null, "lead", TestData.Now, _li.Id, null), new StageChange("lead", "proposal", TestData.Now, _manager.Id, Opportunity.ImportedReason)],
            deal.StageHistory);
        var events = _store.Events.Where(e => e.OpportunityId == deal.Id).ToList();
        Assert.Equal([EventType.Created, EventType.StageChanged], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("true", e.Data[Opportunity.ImportedReason]));
    }

    [Fact]
    public async Task Run_DryRun_ReportsAndWritesNothing()
    {
        var report = await RunAsync(Utf8(ChineseFile), ImportMode.DryRun);

        Assert.True(report.CanImport);
        Assert.Equal(3, report.Rows);
        Assert.Empty(report.Created);
        Assert.Empty(await SavedAsync());
        Assert.Equal(0, _store.LastOpportunityNumber); // not even a deal number was reserved
    }

    [Fact]
    public async Task Run_OneBadRow_CreatesNothingAndNamesTheRow()
    {
        var file = ChineseFile + "京东,物流系统,五十多万,,,,,,,,,,\r\n";

        var report = await RunAsync(Utf8(file));

        Assert.Equal(new ImportProblem(5, DealColumn.Amount, new Refusal(ImportProblemCodes.AmountInvalid, "五十多万")), Assert.Single(report.Problems));
        Assert.Empty(report.Created);
        Assert.Empty(await SavedAsync());
        Assert.Equal(0, _store.LastOpportunityNumber);
    }

    [Fact]
    public async Task Run_MissingRequiredColumn_IsAFileProblemAndWritesNothing()
    {
        var report = await RunAsync(Utf8("客户名称,商机名称\r\n华为,ERP升级\r\n"));

        Assert.Equal(new ImportProblem(0, DealColumn.Amount, new Refusal(ImportProblemCodes.MissingColumn)), Assert.Single(report.Problems));
        Assert.Empty(await SavedAsync());
    }

    [Fact]
    public async Task Run_BadEncoding_NamesTheLineAndWritesNothing()
    {
        var file = CsvDecoderTests.Gbk("客户名称,商机名称,金额\r\n华为,ERP,50万\r\n").Concat(new byte[] { 0xFF, 0xFE, 0x0D, 0x0A }).ToArray();

        var report = await RunAsync(file);

        Assert.Equal(new Refusal(ImportProblemCodes.BadEncoding, "3"), Assert.Single(report.Problems).Problem);
        Assert.Empty(await SavedAsync());
    }

    [Fact]
    public async Task Run_MoreRowsThanTheLimit_IsRefusedBeforeAnyRowIsLookedAt()
    {
        var file = new StringBuilder("客户名称,商机名称,金额\r\n");
        for (var i = 0; i < 100_000; i++)
        {
            file.Append("Company ").Append(i).Append(",Deal,50万\r\n");
        }

        var report = await RunAsync(Utf8(file.ToString()));

        Assert.Equal(new ImportProblem(0, null, new Refusal(ImportProblemCodes.TooManyRows, "50000")), Assert.Single(report.Problems));
        Assert.Equal(0, report.Rows);
        Assert.Empty(await SavedAsync());
    }

    [Fact]
    public async Task Run_FileLargerThanTheLimit_IsRefused()
    {
        var report = await RunAsync(Utf8(ChineseFile), limits: new ImportLimits { MaxFileBytes = 100 });

        Assert.Equal(ImportProblemCodes.TooLarge, Assert.Single(report.Problems).Problem.Code);
    }

    [Theory]
    [InlineData("")] // nothing at all
    [InlineData("\r\n\r\n")] // only blank lines
    public async Task Run_EmptyFile_SaysSo(string text)
    {
        Assert.Equal(ImportProblemCodes.Empty, Assert.Single((await RunAsync(Utf8(text))).Problems).Problem.Code);
    }

    [Fact]
    public async Task Run_HeaderOnly_SaysThereAreNoDeals()
    {
        Assert.Equal(ImportProblemCodes.NoRows, Assert.Single((await RunAsync(Utf8("客户名称,商机名称,金额\r\n,,\r\n"))).Problems).Problem.Code);
    }

    [Fact]
    public async Task Run_UnclosedQuote_NamesTheLine()
    {
        var report = await RunAsync(Utf8("客户名称,商机名称,金额\r\n\"华为,ERP,50万\r\n小米,CRM,30万\r\n"));

        Assert.Equal(new Refusal(ImportProblemCodes.UnclosedQuote, "2"), Assert.Single(report.Problems).Problem);
    }

    [Fact]
    public async Task Run_BlankRows_AreSkippedAndRowNumbersStayThoseOfTheSpreadsheet()
    {
        var report = await RunAsync(Utf8("客户名称,商机名称,金额\r\n华为,ERP,50万\r\n,,\r\n小米,CRM,abc\r\n"));

        Assert.Equal(2, report.Rows);
        Assert.Equal(4, Assert.Single(report.Problems).Row);
    }

    [Fact]
    public async Task Run_OpenDealOfTheSameCompanyExists_IsADuplicateAndBlocksTheImport()
    {
        _store.Seed(TestData.Deal(_li, number: 42));

        var report = await RunAsync(Utf8("客户名称,商机名称,金额\r\n华为技术,新项目,10万\r\n"));

        Assert.Equal(new ImportDuplicate(2, DuplicateReason.CompanyName, 42, "华为技术有限公司 · ERP升级", null), Assert.Single(report.Duplicates));
        Assert.Empty(report.Created);
        Assert.Single(await SavedAsync());
    }

    [Fact]
    public async Task Run_DuplicatesAllowed_CreatesThemAnyway()
    {
        _store.Seed(TestData.Deal(_li, number: 42));

        var report = await RunAsync(Utf8("客户名称,商机名称,金额\r\n华为技术,新项目,10万\r\n"), allowDuplicates: true);

        Assert.Single(report.Duplicates);
        Assert.Single(report.Created);
        Assert.Equal(2, (await SavedAsync()).Count);
    }

    [Fact]
    public async Task Run_TwoRowsWithTheSamePhone_SecondIsADuplicateOfTheFirst()
    {
        var report = await RunAsync(Utf8("客户名称,商机名称,金额,电话\r\n甲公司,A,1万,138-0013-8000\r\n乙公司,B,2万,13800138000\r\n"), ImportMode.DryRun);

        Assert.Equal(new ImportDuplicate(3, DuplicateReason.Phone, null, null, 2), Assert.Single(report.Duplicates));
    }

    [Fact]
    public async Task Run_ClosedRowsOfAKnownCompany_AreNotDuplicates()
    {
        // Only open deals collide (as in chat): history of won and lost deals may name any customer.
        _store.Seed(TestData.Deal(_li, number: 42));

        var report = await RunAsync(Utf8("客户名称,商机名称,金额,阶段\r\n华为技术,老项目,10万,赢单\r\n"), ImportMode.DryRun);

        Assert.Empty(report.Duplicates);
    }

    [Fact]
    public async Task Run_UnknownColumns_AreListedAndIgnored()
    {
        var report = await RunAsync(Utf8("客户名称,商机名称,金额,行业,备注\r\n华为,ERP,50万,通信,重点客户\r\n"), ImportMode.DryRun);

        Assert.Equal(["行业", "备注"], report.IgnoredColumns);
        Assert.True(report.CanImport);
    }

    [Fact]
    public async Task Run_PoolOwner_LandsInThePoolOfTheImportersTeam()
    {
        await RunAsync(Utf8("客户名称,商机名称,金额,负责人\r\n华为,ERP,50万,公海\r\n"));

        var deal = Assert.Single(await SavedAsync());
        Assert.True(deal.InPool);
        Assert.Equal("east", deal.TeamId);
    }

    [Fact]
    public void MayImport_AdminsAndManagers_NotReps()
    {
        Assert.Equal(
            [true, true, false],
            new[] { TestData.Rep("a", "east", Role.Admin), _manager, _li }.Select(DealImport.MayImport));
    }
}
