using System.Text.Json.Nodes;
using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.People;
using static OppBot.Bot.Tests.EndToEnd.AdaptiveCardJson;
using static OppBot.Bot.Tests.EndToEnd.TeamsStoryWorld;

namespace OppBot.Bot.Tests.EndToEnd;

/// <summary>The stories' steps: each does what a user would and checks what they would see.</summary>
public sealed partial class TeamsStoryTests
{
    private static async Task InstallAsync(TeamsStoryWorld world, TeamsUser user)
    {
        var mark = world.Mark();
        await world.SendAsync(world.Install(user));

        Assert.DoesNotContain(world.CallsSince(mark), c => c.Type == "typing"); // an install is not a message
        var lookup = Assert.Single(world.CallsSince(mark), c => c.Op == "getConversationMember");
        Assert.Equal((user.PersonalConversationId, user.TeamsId), (lookup.ConversationId, lookup.MemberId));
        var (card, _) = world.SingleCardSince(mark, user.PersonalConversationId);
        AssertAddressedTo(world.PostedSince(mark, user.PersonalConversationId).Single(), user);

        // Teams' install event names nobody and carries no locale: the greeting uses the name Teams gives for the
        // member, in OppBot's default language until the user's first message tells their locale.
        var language = Locales.Chinese;
        Assert.Contains(Strings.Get(language, "welcome", user.Name), Text(card), StringComparison.Ordinal);
        Assert.Equal(Strings.Get(language, "help.title"), Title(card));
        Assert.Contains(Actions(card), a => a.Verb == Verbs.NewLead);
        Assert.Equal("zh", card["lang"]?.GetValue<string>());
        world.Note($"story 1: {user.Name} installed OppBot in personal chat → welcome card ({card["lang"]}) posted by botbuilder's channel into {user.PersonalConversationId}");
    }

    private static async Task<(JsonObject Card, string Id)> HelpAsync(TeamsStoryWorld world, TeamsUser user)
    {
        var mark = world.Mark();
        await world.SendAsync(world.Message(user, "help"));

        var posted = world.CallsSince(mark);
        Assert.Equal("typing", posted[0].Type); // the typing indicator goes first, before the turn's work
        var (card, id) = world.SingleCardSince(mark, user.PersonalConversationId);
        Assert.Equal(Strings.Get(user.Language, "help.title"), Title(card));
        string[] verbs = [Verbs.NewLead, Verbs.MyDeals, Verbs.Pipeline, Verbs.Pool, Verbs.Review];
        Assert.Equal(verbs, Actions(card).Select(a => a.Verb));
        Assert.All(Actions(card), a =>
        {
            Assert.Equal("Action.Execute", a.Type);
            Assert.Equal(a.Verb, a.Data["verb"]?.GetValue<string>());
            Assert.Equal("Action.Submit", a.Fallback?["type"]?.GetValue<string>()); // clients before 1.4
            Assert.Equal(a.Verb, a.Fallback?["data"]?["verb"]?.GetValue<string>());
        });
        world.Note($"story 2: 'help' → typing, then the help card with {verbs.Length} Action.Execute buttons ({string.Join(", ", verbs)}), each with an Action.Submit fallback");
        return (card, id);
    }

    private static async Task<(JsonObject Card, string Id)> OpenLeadFormAsync(TeamsStoryWorld world, TeamsUser user)
    {
        var mark = world.Mark();
        await world.SendAsync(world.Message(user, "new lead"));

        var (form, id) = world.SingleCardSince(mark, user.PersonalConversationId);
        Assert.Equal(Strings.Get(user.Language, "lead.formTitle"), Title(form));
        var inputs = Inputs(form);
        Assert.Equal(LeadForm.Fields.Select(f => f.Id), inputs.Select(i => i.Id));
        Assert.Equal([LeadFields.Account, LeadFields.Title, LeadFields.Amount], inputs.Where(i => i.IsRequired).Select(i => i.Id));
        Assert.Equal("auto", Action(form, Verbs.SubmitLead).AssociatedInputs);
        world.Note($"story 3: 'new lead' → the form card: {inputs.Count} inputs, account/title/amount required, one lead.submit button");
        return (form, id);
    }

    private static async Task<JsonObject> SubmitIncompleteLeadAsync(TeamsStoryWorld world, TeamsUser user, JsonObject form, string formId)
    {
        var mark = world.Mark();
        var response = await world.InvokeAsync(world.Press(user, user.PersonalConversationId, formId, form, Verbs.SubmitLead, new Dictionary<string, string>
        {
            [LeadFields.Title] = "CRM rollout",
            [LeadFields.Contact] = "Zhang San",
        }));

        var again = UpdatedCard(response);
        Assert.Equal(Strings.Get(user.Language, "lead.formTitle"), Title(again));
        Assert.Contains(Strings.Get(user.Language, "form.fix"), Text(again), StringComparison.Ordinal);
        var inputs = Inputs(again).ToDictionary(i => i.Id);
        Assert.Equal("CRM rollout", inputs[LeadFields.Title].Value); // what the user typed is kept
        Assert.Equal("Zhang San", inputs[LeadFields.Contact].Value);
        Assert.True(string.IsNullOrEmpty(inputs[LeadFields.Account].Value));
        var errors = ErrorsBelowInputs(again);
        Assert.Equal([LeadFields.Account, LeadFields.Amount], errors.Keys.Order());
        Assert.All(errors.Values, e => Assert.Equal(Strings.Get(user.Language, "form.required"), e));
        Assert.Empty(world.CallsSince(mark)); // shown in place, nothing posted
        Assert.Equal(0, await world.DealCountAsync());
        world.Note("story 3: submitted without account and amount → invoke response: the form again, 'Required' under both, title and contact kept, no deal");
        return again;
    }

    private static async Task SubmitLeadAsync(TeamsStoryWorld world, TeamsUser user, JsonObject form, string formId, decimal amount, Dictionary<string, string> typed)
    {
        var before = await world.DealCountAsync();
        var mark = world.Mark();
        typed[LeadFields.Source] = Inputs(form).Single(i => i.Id == LeadFields.Source).Choices[1];

        var response = await world.InvokeAsync(world.Press(user, user.PersonalConversationId, formId, form, Verbs.SubmitLead, typed));

        var number = before + 1;
        var card = UpdatedCard(response);
        var deal = await world.DealAsync(number);
        Assert.NotNull(deal);
        Assert.Equal(typed[LeadFields.Account], deal.Account);
        Assert.Equal((await world.UserAsync(user))!.Id, deal.OwnerId);
        Assert.Equal(amount, deal.Amount);
        Assert.Contains(Messages.DealLabel(deal), Title(card), StringComparison.Ordinal);
        Assert.Contains(Actions(card), a => a.Verb == Verbs.Advance && a.Data["n"]?.GetValue<string>() == number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(world.PostedSince(mark, user.PersonalConversationId), c => c.Cards.Count > 0); // the form became the deal card
        world.Note($"story 3: submitted complete → invoke response carries the card of deal #{number} ({Title(card)}), which replaces the form; the deal is stored as {user.Name}'s");
    }

    private static async Task QuickLeadAsync(TeamsStoryWorld world, TeamsUser user, string text, int expectedNumber)
    {
        var mark = world.Mark();
        await world.SendAsync(world.Message(user, text));
        var (card, _) = world.SingleCardSince(mark, user.PersonalConversationId);
        var deal = await world.DealAsync(expectedNumber);
        Assert.NotNull(deal);
        Assert.Contains(Messages.DealLabel(deal), Title(card), StringComparison.Ordinal);
    }

    // A lead whose lead and qualification criteria are all met (contact, need, decision maker, budget), through the form.
    private static async Task CreateQualifiableLeadAsync(TeamsStoryWorld world, TeamsUser user, string amount, (string What, string When)? nextStep)
    {
        var (form, formId) = await OpenLeadFormAsync(world, user);
        var typed = new Dictionary<string, string>
        {
            [LeadFields.Account] = "Acme Ltd",
            [LeadFields.Title] = "CRM rollout",
            [LeadFields.Amount] = amount,
            [LeadFields.Contact] = "Zhang San",
            [LeadFields.DecisionMaker] = "CIO Zhao",
            [LeadFields.Need] = "true",
            [LeadFields.Budget] = "true",
        };
        if (nextStep is var (what, when))
        {
            typed[LeadFields.NextStep] = what;
            typed[LeadFields.NextDue] = when;
        }

        var response = await world.InvokeAsync(world.Press(user, user.PersonalConversationId, formId, form, Verbs.SubmitLead, typed));
        UpdatedCard(response);
        Assert.NotNull(await world.DealAsync(1));
    }

    private static async Task AdvanceWithMissingCriteriaAsync(TeamsStoryWorld world, TeamsUser user, int number, string target, string[] missing)
    {
        var mark = world.Mark();
        await world.SendAsync(world.Message(user, $"advance #{number}"));

        var (card, cardId) = world.SingleCardSince(mark, user.PersonalConversationId);
        var deal = (await world.DealAsync(number))!;
        Assert.Equal("lead", deal.StageCode);
        Assert.Contains($"#{number}", Title(card), StringComparison.Ordinal);
        Assert.Contains(target, Title(card), StringComparison.Ordinal);
        var inputs = Inputs(card);
        Assert.Equal(missing.Order(), inputs.Select(i => i.Id).Order()); // exactly the missing criteria, nothing else
        Assert.All(inputs, i => Assert.True(i.IsRequired, i.Id));
        var button = Action(card, Verbs.Advance);
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), button.Data["n"]?.GetValue<string>());

        // Answering the card moves the deal; its card replaces the question.
        var response = await world.InvokeAsync(world.Press(user, user.PersonalConversationId, cardId, card, Verbs.Advance, new Dictionary<string, string>
        {
            [LeadFields.Contact] = "Zhang San",
            [LeadFields.Need] = "true",
        }));
        var moved = UpdatedCard(response);
        Assert.Contains(Messages.DealLabel(deal), Title(moved), StringComparison.Ordinal);
        deal = (await world.DealAsync(number))!;
        Assert.Equal("qualified", deal.StageCode);
        Assert.Equal("Zhang San", deal.ContactName);
        world.Note($"story 4: 'advance #{number}' → card asking exactly for {string.Join(" + ", missing)} (required inputs, deal.advance button); answering it moved #{number} to {target} (invoke response: the deal card)");
    }

    private static async Task AdvanceAsync(TeamsStoryWorld world, TeamsUser user, int number, string target)
    {
        var mark = world.Mark();
        await world.SendAsync(world.Message(user, $"advance #{number}"));

        var (card, _) = world.SingleCardSince(mark, user.PersonalConversationId);
        var deal = (await world.DealAsync(number))!;
        Assert.Contains(Messages.DealLabel(deal), Title(card), StringComparison.Ordinal);
        Assert.Contains(world.PostedSince(mark, user.PersonalConversationId), c => c.Text == Strings.Get(user.Language, "done.moved", number, target));
        Assert.Equal(target.ToLowerInvariant(), deal.StageCode);
    }

    private static async Task ApprovalAsync(TeamsStoryWorld world, TeamsUser rep, TeamsUser manager, string managerChat, bool createsChat)
    {
        // The rep asks to move a ≥ ¥1,000,000 deal to Proposal: the manager must approve.
        var mark = world.Mark();
        await world.SendAsync(world.Message(rep, "advance #1"));

        Assert.Contains(world.PostedSince(mark, rep.PersonalConversationId), c => c.Text == Strings.Get(rep.Language, "approval.requested", 1, "Proposal", manager.Name));
        var create = world.CallsSince(mark).Where(c => c.Op == "createConversation").ToList();
        if (createsChat)
        {
            var parameters = Assert.Single(create).Parameters!;
            Assert.Equal(manager.TeamsId, parameters["members"]![0]!["id"]!.GetValue<string>());
            Assert.Equal(BotId, parameters["bot"]!["id"]!.GetValue<string>());
            Assert.Equal(TenantId, parameters["tenantId"]!.GetValue<string>());
            Assert.Equal(managerChat, create[0].Id);
        }
        else
        {
            Assert.Empty(create);
        }

        var (approvalCard, approvalCardId) = world.SingleCardSince(mark, managerChat);
        AssertAddressedTo(world.PostedSince(mark, managerChat).Single(c => c.Cards.Count > 0), manager);
        Assert.Equal(Strings.Get(manager.Language, "approval.title", 1), Title(approvalCard));
        var approve = Action(approvalCard, Verbs.Approve);
        Action(approvalCard, Verbs.Reject);
        Assert.Contains(Inputs(approvalCard), i => i.Id == "comment");
        var approvalId = Guid.Parse(approve.Data["approval"]!.GetValue<string>());
        Assert.Equal(ApprovalStatus.Pending, (await world.ApprovalAsync(approvalId))!.Status);
        Assert.Equal("qualified", (await world.DealAsync(1))!.StageCode);

        // The manager presses Approve on that card, with a comment.
        mark = world.Mark();
        const string comment = "同意，尽快报价";
        var response = await world.InvokeAsync(world.Press(manager, managerChat, approvalCardId, approvalCard, Verbs.Approve, new Dictionary<string, string> { ["comment"] = comment }));

        var decided = UpdatedCard(response);
        var approved = Strings.Get(manager.Language, "approval.status." + ApprovalStatus.Approved);
        Assert.Contains(approved, Text(decided), StringComparison.Ordinal);
        Assert.Contains(comment, Text(decided), StringComparison.Ordinal);
        Assert.Empty(Actions(decided)); // decided: no more buttons

        var update = Assert.Single(world.CallsSince(mark), c => c.Op == "updateActivity");
        Assert.Equal(managerChat, update.ConversationId);
        Assert.Equal(approvalCardId, update.ActivityId); // the original card, for everyone who sees it
        var updated = Assert.Single(update.Cards);
        Assert.Contains(approved, Text(updated), StringComparison.Ordinal);
        Assert.Empty(Actions(updated));

        Assert.Contains(
            world.PostedSince(mark, rep.PersonalConversationId),
            c => c.Text == Strings.Get(rep.Language, "approval.toRequester.approved", 1, manager.Name, comment));
        Assert.Equal(ApprovalStatus.Approved, (await world.ApprovalAsync(approvalId))!.Status);
        Assert.Equal("proposal", (await world.DealAsync(1))!.StageCode);
        world.Note($"story 5: 'advance #1' (¥1.2m → Proposal) → approval card {(createsChat ? "in a new 1:1 (createConversation " + managerChat + ")" : "in the manager's stored 1:1")}; Approve pressed → invoke response: the decided card; PUT of the original card ({approvalCardId}); the rep told; deal at Proposal");
    }

    private static async Task<string> SubscribeAsync(TeamsStoryWorld world, TeamsUser manager)
    {
        var mark = world.Mark();
        var post = world.ChannelMessage(manager, "subscribe");
        await world.SendAsync(post);

        var thread = ChannelThread(post["id"]!.GetValue<string>());
        var reply = Assert.Single(world.PostedSince(mark, thread));
        Assert.Equal(Strings.Get(manager.Language, "subscribe.done", "Sales East"), reply.Text);
        return thread;
    }

    private static async Task AssertBroadcastAsync(TeamsStoryWorld world, int mark, string thread, TeamsUser actor, int number, string fromStage, string toStage)
    {
        var deal = (await world.DealAsync(number))!;
        var (card, _) = world.SingleCardSince(mark, thread);
        var money = Messages.Money(actor.Language, deal.Amount, deal.Currency);
        Assert.Equal(Strings.Get(actor.Language, "broadcast.moved", actor.Name, Messages.DealLabel(deal), fromStage, toStage, money), Title(card));
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), Action(card, Verbs.Show).Data["n"]?.GetValue<string>());
        world.Note($"story 6: the Sales channel subscribed; #{number} moved {fromStage} → {toStage} → broadcast card posted into {thread}: '{Title(card)}'");
    }

    private static async Task NudgeAsync(TeamsStoryWorld world, TeamsUser rep, string chat, int[] numbers)
    {
        var mark = world.Mark();
        var result = await world.RunFollowUpSweepAsync(WednesdayTenAm);

        Assert.Equal(1, result.NudgesQueued); // one message for the rep, however many deals
        var posted = world.PostedSince(mark, chat);
        Assert.Contains(posted, c => c.Text == Strings.Get(rep.Language, "nudge.intro", numbers.Length));
        var cards = posted.SelectMany(c => c.Cards).ToList();
        Assert.Equal(numbers.Length, cards.Count);
        var overdue = cards.Single(c => Title(c).StartsWith("#1 ", StringComparison.Ordinal));
        Assert.Contains("Call the CIO", Text(overdue), StringComparison.Ordinal);
        Assert.Equal([Verbs.Log, Verbs.Snooze, Verbs.Snooze, Verbs.Snooze, Verbs.Pause, Verbs.Show], Actions(overdue).Select(a => a.Verb));
        Assert.All(Actions(overdue), a => Assert.Equal("1", a.Data["n"]?.GetValue<string>()));
        Assert.All(posted, c => AssertAddressedTo(c, rep));

        // Once a day: the next sweep, an hour later, sends nothing.
        mark = world.Mark();
        var later = await world.RunFollowUpSweepAsync(WednesdayTenAm.AddHours(1));
        Assert.Equal(0, later.NudgesQueued);
        Assert.Empty(world.CallsSince(mark));
        world.Note($"story 7: follow-up sweep on Wed 10:00 (Shanghai) → nudge posted proactively into {chat}: intro + {cards.Count} card(s), #1 overdue 'Call the CIO' with log/snooze×3/pause/open; a sweep an hour later sent nothing");
    }

    private static void AssertAddressedTo(ChannelCall call, TeamsUser user)
    {
        Assert.Equal("msteams", call.Activity!["channelId"]?.GetValue<string>());
        Assert.Equal(BotId, call.Activity["from"]?["id"]?.GetValue<string>());
        Assert.Equal(user.TeamsId, call.Activity["recipient"]?["id"]?.GetValue<string>());
        Assert.Equal(TenantId, call.Activity["conversation"]?["tenantId"]?.GetValue<string>());
    }

    // Input id → the error text block right below it (the renderer puts a field's error there).
    private static Dictionary<string, string> ErrorsBelowInputs(JsonObject card)
    {
        var errors = new Dictionary<string, string>();
        var body = card["body"]!.AsArray();
        for (var i = 0; i + 1 < body.Count; i++)
        {
            if (body[i]!["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal)
                && body[i + 1]!["type"]!.GetValue<string>() == "TextBlock"
                && body[i + 1]!["color"]?.GetValue<string>() == "attention")
            {
                errors[body[i]!["id"]!.GetValue<string>()] = body[i + 1]!["text"]!.GetValue<string>();
            }
        }

        return errors;
    }
}
