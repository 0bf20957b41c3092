namespace OppBot.Domain.Text;

/// <summary>Why <see cref="AmountParser"/> did not understand an amount.</summary>
public enum AmountParseError
{
    /// <summary>Nothing was typed.</summary>
    Empty,

    /// <summary>The text is not an amount ("abc", "1..2", "万").</summary>
    NotANumber,

    /// <summary>The amount is below zero.</summary>
    Negative,

    /// <summary>The amount is above <see cref="AmountParser.MaxAmount"/> (one trillion).</summary>
    TooLarge,
}
