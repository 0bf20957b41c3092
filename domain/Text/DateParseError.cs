namespace OppBot.Domain.Text;

/// <summary>Why <see cref="DateExpressionParser"/> did not return a usable moment.</summary>
public enum DateParseError
{
    /// <summary>Nothing was typed.</summary>
    Empty,

    /// <summary>The text is not a date or time the parser knows ("soon", "2026-02-30", "25:00").</summary>
    NotADate,

    /// <summary>An absolute date ("2026-11-01", "本周一") that falls strictly before today in the user's time zone.</summary>
    InThePast,

    /// <summary>The moment is more than five years after now.</summary>
    TooFarAhead,
}
