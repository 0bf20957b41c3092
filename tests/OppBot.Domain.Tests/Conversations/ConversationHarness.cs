using OppBot.Domain.Conversations;
using OppBot.Domain.Delivery;
using OppBot.Domain.People;
using OppBot.Domain.Tests.Fakes;

namespace OppBot.Domain.Tests.Conversations;

/// <summary>Drives the conversation core like a channel would: a rep, a second rep and their manager in team "east".</summary>
internal sealed class ConversationHarness
{
    public const string Rep = "rep-li";
    public const string Rep2 = "rep-han";
    public const string Boss = "mgr-wang";
    public const string Stranger = "rep-zhao";

    private int _sequence;

    public ConversationHarness(DomainSettings? settings = null)
    {
        Settings = settings ?? DomainSettings.Default;
        Organization = new OrganizationSettings
        {
            DefaultTeamId = "east",
            Teams = [new TeamSettings { Id = "east", Name = "East" }, new TeamSettings { Id = "west", Name = "West" }],
            People =
            [
                new PersonSettings { Channel = "test", ExternalId = Boss, Role = Role.Manager, TeamId = "east" },
                new PersonSettings { Channel = "test", ExternalId = Stranger, Role = Role.Rep, TeamId = "west" },
            ],
        };
    }

    public InMemoryOppBotStore Store { get; } = new();

    public ManualTimeProvider Clock { get; } = new(TestData.Now);

    public DomainSettings Settings { get; }

    public OrganizationSettings Organization { get; }

    public bool Forms { get; set; } = true;

    public Task<TurnResult> Say(string user, string text, string locale = "zh-CN", ConversationKind kind = ConversationKind.Personal, string? dedupe = null) =>
        Send(Message(user, locale, kind, dedupe) with { Text = text });

    public Task<TurnResult> Press(string user, string verb, IReadOnlyDictionary<string, string>? data = null, string locale = "zh-CN", bool inPlace = false)
    {
        var submit = new Dictionary<string, string>(data ?? new Dictionary<string, string>()) { [CardAction.VerbKey] = verb };
        return Send(Message(user, locale, ConversationKind.Personal, null) with { Submit = submit, ExpectsCardUpdate = inPlace });
    }

    public async Task<TurnResult> Send(IncomingMessage message)
    {
        var sut = new OppBotConversation(Store, Settings, Organization, Clock);
        return await sut.HandleAsync(message, CancellationToken.None);
    }

    public IncomingMessage Message(string user, string locale, ConversationKind kind, string? dedupe) => new(
        new ConversationAddress("test", kind == ConversationKind.Personal ? "chat-" + user : "channel-east"),
        kind,
        new ChannelIdentity("test", user),
        user,
        locale,
        null,
        null,
        dedupe ?? "test:" + Interlocked.Increment(ref _sequence))
    {
        SupportsForms = Forms,
    };

    public IReadOnlyList<OutgoingMessage> OutboxFor(string user) =>
        Store.Outbox.Where(m => m.Address.Key == "chat-" + user).ToList();

    /// <summary>All text of a result: reply texts, card titles, texts, facts, sections.</summary>
    public static string AllText(TurnResult result) => string.Join("\n", result.Replies.Append(result.CardUpdate).OfType<Reply>().SelectMany(AllText));

    public static IEnumerable<string> AllText(Reply reply) =>
        new[] { reply.Text }.Concat(reply.Cards.SelectMany(c =>
            new[] { c.Title, c.Subtitle, c.Text, c.Error }
                .Concat(c.Facts.Select(f => f.Label + ": " + f.Value))
                .Concat(c.Sections.SelectMany(s => s.Lines.Prepend(s.Title)))
                .Concat(c.Inputs.Select(i => i.Label + "=" + i.Value + "!" + i.Error))
                .Concat(c.Actions.Select(a => a.Title))))
        .OfType<string>();

    public static Card Card(TurnResult result) => result.Replies.SelectMany(r => r.Cards).Concat(result.CardUpdate?.Cards ?? []).First();

    public static Dictionary<string, string> Lead(string account = "华为技术有限公司", string amount = "50万") => new()
    {
        [LeadFields.Account] = account,
        [LeadFields.Title] = "ERP升级",
        [LeadFields.Amount] = amount,
        [LeadFields.Source] = "Expo",
        [LeadFields.CompanySize] = "8",
        [LeadFields.Urgency] = "9",
        [LeadFields.DecisionMakerAccess] = "7",
        [LeadFields.ProductFit] = "8",
    };
}
