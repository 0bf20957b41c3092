using OppBot.Domain.Conversations.Cards;
using OppBot.Domain.Delivery;
using OppBot.Domain.People;

namespace OppBot.Domain.Conversations;

/// <summary>What one turn has gathered: who, when, and the replies and other messages it will queue.</summary>
internal sealed class Turn(IncomingMessage message, SalesRep user, DateTimeOffset now, DomainSettings settings)
{
    private readonly List<Reply> _replies = [];
    private readonly List<(ConversationAddress, Reply, MessagePurpose, Guid?, Action<OutgoingMessage>?)> _outgoing = [];

    public IncomingMessage Message { get; } = message;

    public SalesRep User { get; } = user;

    public DateTimeOffset Now { get; } = now;

    public DomainSettings Settings { get; } = settings;

    public string Locale => User.Locale;

    public TimeZoneInfo Zone => User.TimeZone;

    public DialogState? Dialog { get; set; }

    public Reply? CardUpdate { get; set; }

    public IReadOnlyList<Reply> Replies => _replies;

    public IReadOnlyList<(ConversationAddress Address, Reply Reply, MessagePurpose Purpose, Guid? Replaces, Action<OutgoingMessage>? Attach)> Outgoing => _outgoing;

    public string T(string key, params object?[] args) => Strings.Get(Locale, key, args);

    public void Reply(Reply reply) => _replies.Add(reply);

    public void Say(string key, params object?[] args) => _replies.Add(Conversations.Reply.FromText(T(key, args), Locale));

    public void Refuse(Refusal refusal) => _replies.Add(Conversations.Reply.FromText(Messages.Refusal(Locale, refusal), Locale));

    public void Show(Card card, string? text = null) => _replies.Add(Conversations.Reply.FromCard(card, Locale, text));

    public void Send(ConversationAddress address, Reply reply, MessagePurpose purpose, Guid? replaces = null, Action<OutgoingMessage>? attach = null) =>
        _outgoing.Add((address, reply, purpose, replaces, attach));

    public CardContext Cards(IReadOnlyDictionary<Guid, string> names) => new(Locale, Zone, Now, Settings, User, names);
}
