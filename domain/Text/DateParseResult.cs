namespace OppBot.Domain.Text;

/// <summary>
/// The outcome of <see cref="DateExpressionParser.Parse"/> or <see cref="DateExpressionParser.ParsePrefix"/>.
/// </summary>
/// <param name="Success">Whether <paramref name="Value"/> is a usable moment.</param>
/// <param name="Value">
/// The moment the user meant, with offset zero (UTC). Also set when the text was a date but is
/// <see cref="DateParseError.InThePast"/> or <see cref="DateParseError.TooFarAhead"/>, so a reply can
/// name it; <see langword="default"/> for the other failures.
/// </param>
/// <param name="ConsumedTokens">
/// How many whitespace-separated tokens of the input the date used; a token cut inside ("明天给客户打电话")
/// counts as one. 0 when nothing was recognised.
/// </param>
/// <param name="Error">Why parsing failed; <see langword="null"/> on success.</param>
public sealed record DateParseResult(bool Success, DateTimeOffset Value, int ConsumedTokens, DateParseError? Error)
{
    /// <summary>A recognised, acceptable moment.</summary>
    public static DateParseResult Parsed(DateTimeOffset value, int consumedTokens) => new(true, value, consumedTokens, null);

    /// <summary>A failure with its reason.</summary>
    public static DateParseResult Failed(DateParseError error) => new(false, default, 0, error);

    /// <summary>A recognised date that cannot be used (<see cref="DateParseError.InThePast"/>, <see cref="DateParseError.TooFarAhead"/>).</summary>
    public static DateParseResult Rejected(DateTimeOffset value, int consumedTokens, DateParseError error) => new(false, value, consumedTokens, error);

    /// <summary>Whether the text was a date at all, even one that was rejected.</summary>
    public bool IsDate => Success || Error is DateParseError.InThePast or DateParseError.TooFarAhead;
}
