using System.Text;
using OppBot.Domain.Conversations;
using OppBot.Domain.Imports;
using OppBot.Domain.Opportunities;
using OppBot.Domain.Tests.Fakes;
using OppBot.Domain.Tests.Imports;
using static OppBot.Domain.Tests.Conversations.ConversationHarness;

namespace OppBot.Domain.Tests.Conversations;

/// <summary>import / 导入 and export / 导出 in chat: check first, import on confirmation, all or nothing; links for exports.</summary>
public sealed class OppBotConversationCsvTests
{
    private const string GoodFile = "客户名称,商机名称,金额,阶段\r\n华为技术有限公司,ERP升级,50万,方案报价\r\n小米科技,CRM实施,30万,\r\n";

    private readonly ConversationHarness _h = new();
    private readonly FakeFileFetcher _fetcher = new();
    private readonly InMemoryTemporaryFileStore _files = new();

    private OppBotConversation CreateSut() =>
        new(_h.Store, _h.Settings, _h.Organization, _h.Clock, _fetcher, _files, CsvSettings.Default with { PublicBaseUrl = new Uri("https://oppbot.example.com") });

    private Task<TurnResult> SayAsync(string user, string text, IncomingFile? file = null, string locale = "zh-CN") =>
        CreateSut().HandleAsync(_h.Message(user, locale, ConversationKind.Personal, null) with { Text = text, Files = file is null ? [] : [file] }, CancellationToken.None);

    private IncomingFile Serve(string text, string url = "https://contoso.sharepoint.com/deals.csv") => _fetcher.Serve(url, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Import_WithFile_ChecksItAndWritesNothing()
    {
        var result = await SayAsync(Boss, "导入", Serve(GoodFile));

        var card = Card(result);
        Assert.Equal("导入预检：deals.csv", card.Title);
        Assert.Contains("发送「导入 确认」", card.Text, StringComparison.Ordinal);
        Assert.Contains(new CardFact("商机行数", "2"), card.Facts);
        Assert.Empty(_h.Store.Opportunities);
        Assert.Equal(OppBotConversation.ImportDialog, Assert.Single(_h.Store.Dialogs).Form);
    }

    [Fact]
    public async Task ImportConfirm_AfterCheck_CreatesEveryDealInOneSave()
    {
        await SayAsync(Boss, "import", Serve(GoodFile), "en");
        var saves = _h.Store.SaveCount;

        var result = await SayAsync(Boss, "import confirm", locale: "en");

        Assert.Contains("Imported 2 deal(s): #1 – #2", AllText(result), StringComparison.Ordinal);
        Assert.Equal(["proposal", "lead"], _h.Store.Opportunities.Select(o => o.StageCode));
        Assert.Equal(saves + 1, _h.Store.SaveCount);
        Assert.Empty(_h.Store.Dialogs);
        Assert.Single(_fetcher.Fetched); // the bytes checked are the bytes imported: not fetched again
    }

    [Fact]
    public async Task Import_FileWithProblems_ListsThemAndLeavesNothingToConfirm()
    {
        var result = await SayAsync(Boss, "导入", Serve("客户名称,商机名称,金额\r\n华为,ERP,五十多万\r\n,CRM,1万\r\n"));

        var text = AllText(result);
        Assert.Contains("第 2 行「金额」：「五十多万」不是有效金额", text, StringComparison.Ordinal);
        Assert.Contains("第 3 行「客户名称」：必填，不能为空。", text, StringComparison.Ordinal);
        Assert.Contains("没有导入任何商机", text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Dialogs);
        Assert.Contains("没有待确认的导入", AllText(await SayAsync(Boss, "导入 确认")), StringComparison.Ordinal);
        Assert.Empty(_h.Store.Opportunities);
    }

    [Fact]
    public async Task Import_GbkFileAttachedWithoutText_IsChecked()
    {
        // Teams can send a file with no text at all: that is an import, not a request for help.
        var file = _fetcher.Serve("https://contoso.sharepoint.com/gbk.csv", CsvDecoderTests.Gbk(GoodFile), "商机.csv");

        var result = await SayAsync(Boss, string.Empty, file);

        Assert.Contains(new CardFact("文件编码", CsvDecoder.Gb18030), Card(result).Facts);
    }

    [Fact]
    public async Task Import_ByARep_IsRefused()
    {
        var result = await SayAsync(Rep, "导入", Serve(GoodFile));

        Assert.Contains("只有管理员和团队经理可以导入商机", AllText(result), StringComparison.Ordinal);
        Assert.Empty(_fetcher.Fetched);
    }

    [Fact]
    public async Task Import_WithoutFile_ExplainsHow()
    {
        Assert.Contains("Attach a CSV file", AllText(await SayAsync(Boss, "import", locale: "en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportConfirm_WhenADuplicateExists_NeedsAnyway()
    {
        await _h.Press(Rep, Verbs.SubmitLead, Lead()); // 华为技术有限公司 exists as an open deal
        var check = await SayAsync(Boss, "导入", Serve(GoodFile));
        Assert.Contains("疑似与 #1 华为技术有限公司 · ERP升级 重复（公司名称相同）", AllText(check), StringComparison.Ordinal);

        var blocked = await SayAsync(Boss, "导入 确认");
        Assert.Contains("没有导入任何商机", AllText(blocked), StringComparison.Ordinal);
        Assert.Single(_h.Store.Opportunities);

        await SayAsync(Boss, "导入 确认 仍然");
        Assert.Equal(3, _h.Store.Opportunities.Count);
    }

    [Fact]
    public async Task ImportConfirm_AfterThePendingLifetime_HasNothingToConfirm()
    {
        await SayAsync(Boss, "导入", Serve(GoodFile));
        _h.Clock.Advance(TimeSpan.FromMinutes(31)); // checked imports wait 30 minutes

        var result = await SayAsync(Boss, "导入 确认");

        Assert.Contains("没有待确认的导入", AllText(result), StringComparison.Ordinal);
        Assert.Empty(_h.Store.Opportunities);
    }

    [Fact]
    public async Task ImportConfirm_WhenTheCheckedFileIsGone_AsksForItAgain()
    {
        await SayAsync(Boss, "导入", Serve(GoodFile));
        var elsewhere = new OppBotConversation(_h.Store, _h.Settings, _h.Organization, _h.Clock, _fetcher, new InMemoryTemporaryFileStore(), CsvSettings.Default);

        var result = await elsewhere.HandleAsync(_h.Message(Boss, "zh-CN", ConversationKind.Personal, null) with { Text = "导入 确认" }, CancellationToken.None);

        Assert.Contains("待确认的导入已过期，请重新发送文件", AllText(result), StringComparison.Ordinal);
        Assert.Empty(_h.Store.Opportunities);
        Assert.Empty(_h.Store.Dialogs);
    }

    [Fact]
    public async Task Import_AttachmentCannotBeRead_SaysSo()
    {
        var result = await SayAsync(Boss, "导入", new IncomingFile("gone.csv", "text/csv", "https://contoso.sharepoint.com/gone.csv"));

        Assert.Contains("读取附件「gone.csv」失败", AllText(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_RepliesWithAShortLivedLinkToACsvOfVisibleDeals()
    {
        await _h.Press(Rep, Verbs.SubmitLead, Lead());

        var result = await SayAsync(Rep, "export", locale: "en");

        Assert.Contains("Exported 1 deal(s). Download link (valid for 15 minutes): https://oppbot.example.com/files/file-1", AllText(result), StringComparison.Ordinal);
        var file = _files.Files["file-1"];
        Assert.Equal(TemporaryFilePurpose.Export, file.Purpose);
        Assert.Equal(_h.Clock.GetUtcNow().AddMinutes(15), file.ExpiresAt);
        Assert.StartsWith("\uFEFFNumber,Company,Title", Encoding.UTF8.GetString(file.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAndExport_WithoutTheCsvPorts_SayTheyAreNotEnabled()
    {
        // The plain constructor (as the existing tests and a host without AddOppBotCsv use it).
        var result = await _h.Say(Boss, "导出");

        Assert.Contains("未开启导入导出", AllText(result), StringComparison.Ordinal);
    }
}
