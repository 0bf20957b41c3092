namespace OppBot.Domain.Conversations;

/// <summary>A channel-neutral message: text and cards.</summary>
public sealed record Reply
{
    /// <summary>Plain text with light markdown (**bold**, line breaks).</summary>
    public string? Text { get; init; }

    /// <summary>Cards.</summary>
    public IReadOnlyList<Card> Cards { get; init; } = [];

    /// <summary>The locale the reply was written in (<c>zh-CN</c> or <c>en</c>).</summary>
    public string Locale { get; init; } = "zh-CN";

    /// <summary>A text-only reply.</summary>
    public static Reply FromText(string text, string locale) => new() { Text = text, Locale = locale };

    /// <summary>A reply with one card.</summary>
    public static Reply FromCard(Card card, string locale, string? text = null) =>
        new() { Text = text, Cards = [card], Locale = locale };
}
