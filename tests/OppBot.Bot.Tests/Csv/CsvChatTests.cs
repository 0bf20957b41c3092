using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OppBot.Bot.Tests.Support;
using OppBot.Domain;
using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;

namespace OppBot.Bot.Tests.Csv;

/// <summary>
/// import / 导入 as the host composes it: the conversation from the container (with its CSV constructor), the real
/// HttpFileFetcher reading the attachment from a file server on loopback, the checked file kept in temporary_files, and
/// the deals saved by the EF store when the user confirms.
/// </summary>
public sealed class CsvChatTests : IAsyncLifetime
{
    private const string File = "客户名称,商机名称,金额,阶段\r\n华为技术有限公司,ERP升级,50万,方案报价\r\n小米科技,CRM实施,30万,\r\n";

    private WebApplication _files = null!;
    private string _url = null!;

    static CsvChatTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _files = builder.Build();
        _files.MapGet("/deals.csv", () => Results.Bytes(Encoding.GetEncoding("GB18030").GetBytes(File), "text/csv"));
        await _files.StartAsync();
        _url = _files.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/deals.csv";
    }

    public async Task DisposeAsync() => await _files.DisposeAsync();

    private static async Task<TurnResult> SayAsync(OppBotFactory host, string text, IncomingFile? file = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var conversation = scope.ServiceProvider.GetRequiredService<OppBotConversation>();
        var message = new IncomingMessage(new ConversationAddress("test", "chat-boss"), ConversationKind.Personal, new ChannelIdentity("test", "boss"), "Boss", "zh-CN", text, null, "test:" + Guid.NewGuid())
        {
            Files = file is null ? [] : [file],
        };
        return await conversation.HandleAsync(message, CancellationToken.None);
    }

    private static string Text(TurnResult result) => string.Join("\n", result.Replies.SelectMany(r => r.Cards.Select(c => c.Title + " " + c.Text).Append(r.Text ?? "")));

    [Fact]
    public async Task ImportThenConfirm_GbkAttachment_CheckedThenSavedOnce()
    {
        await using var host = new OppBotFactory(new Dictionary<string, string?>
        {
            ["Csv:DownloadHosts:0"] = "127.0.0.1",
            ["Organization:People:0:Channel"] = "test",
            ["Organization:People:0:ExternalId"] = "boss",
            ["Organization:People:0:Role"] = "Manager",
            ["Organization:People:0:TeamId"] = "east",
        });

        var check = await SayAsync(host, "导入", new IncomingFile("商机.csv", "text/csv", _url));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<IOppBotStore>().FindOpportunitiesAsync(new OpportunityFilter(), CancellationToken.None));
        }

        var confirm = await SayAsync(host, "导入 确认");

        Assert.Contains("检查通过：2 个商机可以导入", Text(check), StringComparison.Ordinal);
        Assert.Contains("已导入 2 个商机：#1 – #2", Text(confirm), StringComparison.Ordinal);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var deals = await scope.ServiceProvider.GetRequiredService<IOppBotStore>().FindOpportunitiesAsync(new OpportunityFilter(), CancellationToken.None);
            Assert.Equal([("华为技术有限公司", "proposal", "east"), ("小米科技", "lead", "east")], deals.Select(o => (o.Account, o.StageCode, o.TeamId)));
        }
    }

    [Fact]
    public async Task Import_AttachmentOnAHostNotListed_IsNotFetched()
    {
        await using var host = new OppBotFactory(new Dictionary<string, string?>
        {
            ["Organization:People:0:Channel"] = "test",
            ["Organization:People:0:ExternalId"] = "boss",
            ["Organization:People:0:Role"] = "Manager",
            ["Organization:People:0:TeamId"] = "east",
        });

        var result = await SayAsync(host, "导入", new IncomingFile("商机.csv", "text/csv", _url));

        Assert.Contains("读取附件「商机.csv」失败", Text(result), StringComparison.Ordinal);
    }
}
