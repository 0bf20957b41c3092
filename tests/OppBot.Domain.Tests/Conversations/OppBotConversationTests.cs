using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using static OppBot.Domain.Tests.Conversations.ConversationHarness;

namespace OppBot.Domain.Tests.Conversations;

public class OppBotConversationTests
{
    private readonly ConversationHarness _h = new();

    [Theory]
    [InlineData("help", "en", "What OppBot can do")] // English
    [InlineData("帮助", "zh-CN", "OppBot 能做什么")] // Chinese
    [InlineData("ＨＥＬＰ", "en", "What OppBot can do")] // full-width and upper case
    public async Task Help_InEitherLanguage_ShowsCommandsWithButtons(string text, string locale, string title)
    {
        var result = await _h.Say(Rep, text, locale);

        var card = Card(result);
        Assert.Equal(title, card.Title);
        Assert.Contains(card.Actions, a => a.Verb == Verbs.NewLead);
        Assert.Single(_h.Store.Outbox);
    }

    [Theory]
    [InlineData("hlep", "help")] // a typo
    [InlineData("my deal", "my deals")] // a missing letter
    public async Task Unknown_CloseToACommand_SuggestsIt(string text, string suggestion)
    {
        var result = await _h.Say(Rep, text, "en");

        Assert.Contains($"Did you mean \"{suggestion}\"", AllText(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_Gibberish_StillAnswers()
    {
        Assert.Contains("help", AllText(await _h.Say(Rep, "xyzzy plugh", "en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewLead_MissingRequiredFields_ShowsErrorsNextToFieldsKeepsValuesCreatesNothing()
    {
        var values = new Dictionary<string, string> { [LeadFields.Account] = "Acme", [LeadFields.Amount] = "abc" };

        var card = Card(await _h.Press(Rep, Verbs.SubmitLead, values, "en"));

        Assert.Equal("Acme", card.Inputs.Single(i => i.Id == LeadFields.Account).Value);
        Assert.Equal("Required", card.Inputs.Single(i => i.Id == LeadFields.Title).Error);
        Assert.Contains("abc", card.Inputs.Single(i => i.Id == LeadFields.Amount).Error, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Opportunities);
    }

    [Fact]
    public async Task NewLead_Submitted_CreatesGradedDeal()
    {
        var result = await _h.Press(Rep, Verbs.SubmitLead, Lead());

        var o = Assert.Single(_h.Store.Opportunities);
        Assert.Equal(500_000m, o.Amount);
        Assert.Equal(LeadSource.Expo, o.Source);
        Assert.Contains("#1", AllText(result), StringComparison.Ordinal);
        Assert.Contains("评级 A", AllText(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lead 华为 ERP升级 50万 source=展会", "华为", "ERP升级", 500_000, LeadSource.Expo)] // Chinese quick capture
    [InlineData("lead Acme \"CRM rollout\" 1.2m source=referral", "Acme", "CRM rollout", 1_200_000, LeadSource.Referral)] // quoted title
    [InlineData("线索 腾讯 云迁移 1.2亿 来源=官网", "腾讯", "云迁移", 120_000_000, LeadSource.Website)] // Chinese keyword and keys
    public async Task QuickLead_OneLine_CreatesDeal(string text, string account, string title, double amount, LeadSource source)
    {
        await _h.Say(Rep, text);

        var o = Assert.Single(_h.Store.Opportunities);
        Assert.Equal(account, o.Account);
        Assert.Equal(title, o.Title);
        Assert.Equal((decimal)amount, o.Amount);
        Assert.Equal(source, o.Source);
    }

    [Fact]
    public async Task QuickLead_MissingAmount_AsksWithFormPrefilled()
    {
        var card = Card(await _h.Say(Rep, "lead Acme CRM", "en"));

        Assert.Equal("Acme", card.Inputs.Single(i => i.Id == LeadFields.Account).Value);
        Assert.Equal("CRM", card.Inputs.Single(i => i.Id == LeadFields.Title).Value);
        Assert.Empty(_h.Store.Opportunities);
    }

    [Fact]
    public async Task NewLead_DuplicateCompany_WarnsNamingOwnerThenJoinAddsCollaborator()
    {
        await _h.Press(Rep, Verbs.SubmitLead, Lead("华为技术有限公司"));

        var warning = await _h.Press(Rep2, Verbs.SubmitLead, Lead("华为技术股份有限公司"));

        Assert.Contains("可能撞单", AllText(warning), StringComparison.Ordinal);
        Assert.Contains(Rep, AllText(warning), StringComparison.Ordinal);
        Assert.Single(_h.Store.Opportunities);

        await _h.Press(Rep2, Verbs.Join, new Dictionary<string, string> { ["n"] = "1" });
        Assert.Single(_h.Store.Opportunities[0].Collaborators);
    }

    [Fact]
    public async Task NewLead_DuplicateThenCreateAnyway_CreatesSecondDeal()
    {
        await _h.Press(Rep, Verbs.SubmitLead, Lead());
        await _h.Press(Rep2, Verbs.SubmitLead, Lead());

        await _h.Press(Rep2, Verbs.CreateAnyway);

        Assert.Equal(2, _h.Store.Opportunities.Count);
    }

    [Fact]
    public async Task SameMessageTwice_IsHandledOnce()
    {
        await _h.Say(Rep, "lead Acme CRM 1m", "en", dedupe: "retry-1");
        var second = await _h.Say(Rep, "lead Acme CRM 1m", "en", dedupe: "retry-1");

        Assert.True(second.Duplicate);
        Assert.Single(_h.Store.Opportunities);
    }

    [Fact]
    public async Task MyDeals_SortedByDueWithOverdueMarked()
    {
        await _h.Say(Rep, "lead Acme CRM 1m", "en");
        await _h.Say(Rep, "lead Beta ERP 2m", "en");
        await _h.Say(Rep, "next #2 tomorrow call the CFO", "en");
        await _h.Say(Rep, "next #1 fri send the quote", "en");
        _h.Clock.Advance(TimeSpan.FromDays(2));

        var text = AllText(await _h.Say(Rep, "my deals", "en"));

        Assert.True(text.IndexOf("#2 Beta", StringComparison.Ordinal) < text.IndexOf("#1 Acme", StringComparison.Ordinal), text);
        Assert.Contains("overdue", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownNumber_SaysSo()
    {
        Assert.Contains("#999", AllText(await _h.Say(Rep, "show #999", "en")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_OtherTeamsDeal_IsRefused()
    {
        await _h.Say(Rep, "lead Acme CRM 1m", "en");

        var text = AllText(await _h.Say(Stranger, "show #1", "en"));

        Assert.Contains("don't have access to #1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_SomeoneElsesDeal_IsRefusedAndChangesNothing()
    {
        await _h.Say(Rep, "lead Acme CRM 1m", "en");

        var text = AllText(await _h.Say(Rep2, "log #1 visited them", "en"));

        Assert.Contains("not yours", text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Opportunities[0].FollowUps);
    }

    [Fact]
    public async Task Log_AndNext_RecordFollowUpAndDueTimeInUsersZone()
    {
        await _h.Say(Rep, "lead 华为 ERP 50万");

        await _h.Say(Rep, "跟进 #1 拜访了CIO");
        await _h.Say(Rep, "下一步 #1 明天 下午3点 给客户打电话");

        var o = _h.Store.Opportunities[0];
        Assert.Equal("拜访了CIO", Assert.Single(o.FollowUps).Note);
        Assert.Equal("给客户打电话", o.NextStep);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero), o.NextStepDue); // 15:00 Shanghai
    }

    [Fact]
    public async Task Next_BadDate_ExplainsAndChangesNothing()
    {
        await _h.Say(Rep, "lead Acme CRM 1m", "en");

        var text = AllText(await _h.Say(Rep, "next #1 someday maybe", "en"));

        Assert.Contains("Couldn't read the date", text, StringComparison.Ordinal);
        Assert.Null(_h.Store.Opportunities[0].NextStep);
    }

    [Fact]
    public async Task Advance_MissingCriteria_AsksExactlyForThemThenMoves()
    {
        await _h.Say(Rep, "lead Acme CRM 100k", "en");

        var card = Card(await _h.Say(Rep, "advance #1", "en"));
        Assert.Equal([LeadFields.Contact, LeadFields.Need], card.Inputs.Select(i => i.Id));
        Assert.Equal("lead", _h.Store.Opportunities[0].StageCode);

        await _h.Press(Rep, Verbs.Advance, new Dictionary<string, string> { ["n"] = "1", [LeadFields.Contact] = "Zhang San", [LeadFields.Need] = "true" }, "en");
        Assert.Equal("qualified", _h.Store.Opportunities[0].StageCode);
    }

    [Fact]
    public async Task Approval_FullFlow_OnlyManagerDecidesOnceAndCardUpdatesInPlace()
    {
        await _h.Say(Boss, "hello");
        await _h.Say(Rep, "lead Acme CRM 2m", "en");
        await _h.Press(Rep, Verbs.Advance, new Dictionary<string, string> { ["n"] = "1", [LeadFields.Contact] = "Zhang", [LeadFields.Need] = "true" }, "en");
        await _h.Press(Rep, Verbs.Advance, new Dictionary<string, string> { ["n"] = "1", [LeadFields.DecisionMaker] = "CFO", [LeadFields.Budget] = "true" }, "en");

        // 2m into Proposal is above the ¥1,000,000 threshold: the manager gets an approval card.
        var approval = Assert.Single(_h.Store.Approvals);
        Assert.Equal("qualified", _h.Store.Opportunities[0].StageCode);
        var request = Assert.Single(_h.OutboxFor(Boss), m => m.Purpose == MessagePurpose.ApprovalRequest);
        Assert.Equal(request.Id, approval.CardMessageId);
        var data = new Dictionary<string, string> { ["approval"] = approval.Id.ToString() };

        var nosy = await _h.Press(Rep2, Verbs.Approve, data, "en", inPlace: true);
        Assert.Contains("Only mgr-wang can decide", AllText(nosy), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, approval.Status);

        var decided = await _h.Press(Boss, Verbs.Approve, data, "en", inPlace: true);
        Assert.Equal("proposal", _h.Store.Opportunities[0].StageCode);
        Assert.Contains("Approved by mgr-wang", Card(decided).Subtitle, StringComparison.Ordinal);
        Assert.Contains(_h.Store.Outbox, m => m.Purpose == MessagePurpose.CardUpdate && m.Replaces == request.Id);
        Assert.Contains(_h.OutboxFor(Rep), m => m.Reply.Text?.Contains("approved moving #1", StringComparison.Ordinal) == true);

        var again = await _h.Press(Boss, Verbs.Reject, data, "en", inPlace: true);
        Assert.Contains("already decided", AllText(again), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Approved, approval.Status);
    }

    [Fact]
    public async Task Lost_WithoutReason_AsksFromListThenCloses()
    {
        await _h.Say(Rep, "lead Acme CRM 1m", "en");

        var form = Card(await _h.Say(Rep, "lost #1", "en"));
        Assert.Contains(form.Inputs[0].Choices, c => c.Value == "price");

        await _h.Say(Rep, "输单 #1 价格");
        Assert.Equal(OpportunityStatus.Lost, _h.Store.Opportunities[0].Status);
        Assert.Equal("price", _h.Store.Opportunities[0].LossReason);
    }

    [Fact]
    public async Task Subscribe_ThenWin_BroadcastsToChannel()
    {
        await _h.Say(Boss, "subscribe", "en", Domain.Conversations.ConversationKind.Channel);
        await _h.Say(Rep, "lead Acme CRM 100k", "en");
        await _h.Press(Rep, Verbs.Advance, new Dictionary<string, string> { ["n"] = "1", [LeadFields.Contact] = "Zhang", [LeadFields.Need] = "true" }, "en");

        Assert.Contains(_h.Store.Outbox, m => m.Purpose == MessagePurpose.Broadcast && m.Address.Key == "channel-east");
    }

    [Fact]
    public async Task Lang_En_SwitchesReplies()
    {
        await _h.Say(Rep, "lang en");

        Assert.Equal("What OppBot can do", Card(await _h.Say(Rep, "帮助", "zh-CN")).Title);
    }

    [Fact]
    public async Task Pipeline_DrawsBarsPerStage()
    {
        await _h.Say(Rep, "lead Acme CRM 1m", "en");

        var card = Card(await _h.Say(Rep, "pipeline", "en"));

        Assert.Equal(4, card.Bars.Count);
        Assert.Equal(1.0, card.Bars[0].Fraction);
    }

    [Fact]
    public async Task StepByStep_WithoutForms_AsksOneFieldAtATimeAndCreates()
    {
        _h.Forms = false;

        var first = await _h.Say(Rep, "新建商机");
        Assert.Contains("客户名称", AllText(first), StringComparison.Ordinal);

        await _h.Say(Rep, "华为");
        await _h.Say(Rep, "ERP升级");
        var bad = await _h.Say(Rep, "上一步");
        Assert.Contains("商机标题", AllText(bad), StringComparison.Ordinal);
        await _h.Say(Rep, "ERP升级");
        await _h.Say(Rep, "50万");
        var wrong = await _h.Say(Rep, "火星");
        Assert.Contains("请从下面的选项中选一个", AllText(wrong), StringComparison.Ordinal);
        await _h.Say(Rep, "展会");
        for (var i = 0; i < 14; i++)
        {
            await _h.Say(Rep, "跳过");
        }

        var o = Assert.Single(_h.Store.Opportunities);
        Assert.Equal("华为", o.Account);
        Assert.Equal(500_000m, o.Amount);
        Assert.Empty(_h.Store.Dialogs);
    }

    [Fact]
    public async Task StepByStep_Cancel_EndsDialog()
    {
        _h.Forms = false;
        await _h.Say(Rep, "new lead", "en");

        Assert.Contains("Cancelled", AllText(await _h.Say(Rep, "cancel", "en")), StringComparison.Ordinal);
        Assert.Empty(_h.Store.Dialogs);
        Assert.Empty(_h.Store.Opportunities);
    }

    [Fact]
    public async Task Install_Greets()
    {
        var message = _h.Message(Rep, "en", Domain.Conversations.ConversationKind.Personal, null) with { IsInstall = true };

        Assert.Contains("Hi rep-li", AllText(await _h.Send(message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_KnownUserOpeningTheAppAgain_IsNotGreetedTwice()
    {
        var message = _h.Message(Rep, "en", Domain.Conversations.ConversationKind.Personal, null) with { IsInstall = true };
        await _h.Send(message);

        var again = await _h.Send(_h.Message(Rep, "en", Domain.Conversations.ConversationKind.Personal, null) with { IsInstall = true });

        Assert.Empty(again.Replies);
    }

    [Fact]
    public async Task Review_RepGetsOwnDealsWithActions_ManagerGetsRollup()
    {
        await _h.Say(Boss, "hello", "en");
        await _h.Say(Rep, "lead Acme CRM 1m", "en");

        var mine = await _h.Say(Rep, "review", "en");
        var card = Card(mine);
        Assert.Contains("Acme", card.Title, StringComparison.Ordinal);
        Assert.Contains(card.Actions, a => a.Verb == Verbs.Advance);

        var rollup = await _h.Say(Boss, "评审");
        Assert.Contains(rollup.Replies.SelectMany(r => r.Cards), c => c.Bars.Count > 0);
    }
}
