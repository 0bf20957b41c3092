using System.Text.Json;
using OppBot.Domain.Audit;
using OppBot.Domain.Conversations;
using OppBot.Domain.Tests.Conversations;
using OppBot.Domain.Webhooks;

namespace OppBot.Domain.Tests.Webhooks;

public sealed class WebhookSubscriptionsTests
{
    private static readonly Guid DealId = Guid.Parse("6f1c5f9e-1d0a-4b53-9a39-0d3f1c2b7a10");

    private static DomainEvent Event(EventType type, params (string Key, string Value)[] data) =>
        new(Guid.NewGuid(), type, DealId, 42, "east", null, TestData.Now, data.ToDictionary(d => d.Key, d => d.Value));

    [Fact]
    public void DeliveriesFor_EndpointWithoutFilter_GetsEverySupportedEventOnly()
    {
        var sut = new WebhookSubscriptions([new WebhookSubscription("erp", new HashSet<EventType>())]);
        var events = Enum.GetValues<EventType>().Select(t => Event(t)).ToList();

        var deliveries = sut.DeliveriesFor(events);

        Assert.Equal(
            ["opportunity.created", "opportunity.stage_changed", "opportunity.won", "opportunity.lost", "approval.decided", "follow_up.logged"],
            deliveries.Select(d => d.EventType));
    }

    [Fact]
    public void DeliveriesFor_FilteredEndpoints_EachGetsWhatItAskedFor()
    {
        var sut = new WebhookSubscriptions(
        [
            new WebhookSubscription("erp", new HashSet<EventType> { EventType.Won }),
            new WebhookSubscription("oa", new HashSet<EventType> { EventType.Won, EventType.ApprovalDecided }),
        ]);
        var won = Event(EventType.Won);

        var deliveries = sut.DeliveriesFor([won, Event(EventType.FollowUpLogged), Event(EventType.ApprovalDecided)]);

        Assert.Equal([("erp", won.Id), ("oa", won.Id)], deliveries.Take(2).Select(d => (d.Endpoint, d.EventId)));
        Assert.Equal(["erp", "oa", "oa"], deliveries.Select(d => d.Endpoint));
    }

    [Fact]
    public void DeliveriesFor_NoEndpoints_Nothing()
    {
        Assert.Empty(new WebhookSubscriptions([]).DeliveriesFor([Event(EventType.Created)]));
    }

    [Theory]
    [InlineData("opportunity.won", EventType.Won)] // the wire name
    [InlineData("won", EventType.Won)] // the short name
    [InlineData("Stage_Changed", EventType.StageChanged)] // short, any case
    [InlineData("FollowUpLogged", EventType.FollowUpLogged)] // the event's own name
    public void TryParse_FilterNames_AreUnderstood(string name, EventType type)
    {
        Assert.True(WebhookEvents.TryParse(name, out var parsed));
        Assert.Equal(type, parsed);
    }

    [Theory]
    [InlineData("next_step_set")] // an event that is not posted
    [InlineData("opportunity.deleted")] // no such event
    public void TryParse_OtherNames_AreRefused(string name)
    {
        Assert.False(WebhookEvents.TryParse(name, out _));
    }

    [Fact]
    public void Render_Event_IsTheDocumentedJson()
    {
        var e = new DomainEvent(
            Guid.Parse("0b9a4e3c-5a43-4a7a-8b8c-3c1e8a0d2f55"), EventType.Won, DealId, 42, "east", Guid.Parse("a3c0e2f1-7d6b-4c59-9e0a-1b2c3d4e5f60"), TestData.Now,
            new Dictionary<string, string> { ["to"] = "won", ["from"] = "negotiation", ["amount"] = "500000" });

        var json = WebhookPayload.Render(e);

        Assert.Equal(
            """{"id":"0b9a4e3c-5a43-4a7a-8b8c-3c1e8a0d2f55","type":"opportunity.won","occurredAt":"2026-11-25T02:00:00.0000000Z","opportunity":{"id":"6f1c5f9e-1d0a-4b53-9a39-0d3f1c2b7a10","number":42,"teamId":"east"},"actorId":"a3c0e2f1-7d6b-4c59-9e0a-1b2c3d4e5f60","data":{"amount":"500000","from":"negotiation","to":"won"}}""",
            json);
    }

    [Fact]
    public void Render_ChineseData_IsValidJsonThatReadsBack()
    {
        var json = WebhookPayload.Render(Event(EventType.FollowUpLogged, ("note", "拜访了CIO，\"很顺利\"")));

        Assert.Equal("拜访了CIO，\"很顺利\"", JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("note").GetString());
    }

    [Fact]
    public void Delivery_Attempts_KeepTheLog()
    {
        var sut = new WebhookDelivery("erp", Event(EventType.Won), "{}");
        sut.Claim("instance-1", TestData.Now.AddMinutes(2));

        sut.MarkRetry(503, "HTTP 503 Service Unavailable", TestData.Now, TestData.Now.AddSeconds(5));
        sut.MarkDelivered(200, TestData.Now.AddSeconds(6));

        Assert.Equal(
            (WebhookDeliveryStatus.Delivered, 2, 200, "HTTP 503 Service Unavailable", (string?)null),
            (sut.Status, sut.Attempts, sut.LastStatusCode!.Value, sut.LastError, sut.LeaseOwner));
    }

    [Fact]
    public async Task ApprovalDecision_InChat_RaisesApprovalDecidedForWebhooks()
    {
        // ApprovalDecided existed as an event type but nothing raised it; webhooks promise it.
        var h = new ConversationHarness();
        await h.Say(ConversationHarness.Boss, "hello");
        await h.Say(ConversationHarness.Rep, "lead Acme CRM 2m", "en");
        await h.Press(ConversationHarness.Rep, Verbs.Advance, new Dictionary<string, string> { ["n"] = "1", [LeadFields.Contact] = "Zhang", [LeadFields.Need] = "true" }, "en");
        await h.Press(ConversationHarness.Rep, Verbs.Advance, new Dictionary<string, string> { ["n"] = "1", [LeadFields.DecisionMaker] = "CFO", [LeadFields.Budget] = "true" }, "en");
        var approval = Assert.Single(h.Store.Approvals);

        await h.Press(ConversationHarness.Boss, Verbs.Approve, new Dictionary<string, string> { ["approval"] = approval.Id.ToString() }, "en");

        var decided = Assert.Single(h.Store.Events, e => e.Type == EventType.ApprovalDecided);
        Assert.Equal(("approved", "proposal"), (decided.Data["decision"], decided.Data["to"]));
        Assert.Contains(h.Store.Events, e => e.Type == EventType.StageChanged && e.Data["to"] == "proposal");
    }
}
