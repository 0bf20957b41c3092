namespace OppBot.Domain.Text;

/// <summary>
/// The outcome of <see cref="AmountParser.Parse"/>: either an amount (rounded to 2 decimals, with the
/// ISO 4217 currency code when the text named one) or the reason it was not understood.
/// </summary>
/// <param name="Success">Whether <paramref name="Amount"/> holds a parsed amount.</param>
/// <param name="Amount">The amount in whole currency units (yuan, dollars); 0 on failure.</param>
/// <param name="Currency">"CNY", "USD" or "EUR" when a symbol, code or word gave it; otherwise <see langword="null"/>.</param>
/// <param name="Error">Why parsing failed; <see langword="null"/> on success.</param>
public sealed record AmountParseResult(bool Success, decimal Amount, string? Currency, AmountParseError? Error)
{
    /// <summary>A parsed amount.</summary>
    public static AmountParseResult Parsed(decimal amount, string? currency) => new(true, amount, currency, null);

    /// <summary>A failure with its reason.</summary>
    public static AmountParseResult Failed(AmountParseError error) => new(false, 0m, null, error);
}
