using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// SQLite only: stores a <see cref="decimal"/> as an INTEGER count of ten-thousandths (¥1.5 is 15000).
/// SQLite has no decimal type: EF's default TEXT compares as text ("9" &gt; "10") and REAL is inexact, so neither
/// is acceptable for money. Four places rather than cents because discounts (12.345%) and targets are not rounded
/// to cents by the domain; amounts are (two places). Integers compare, sort and SUM exactly in SQL; the range,
/// ±922 trillion, is far above the largest amount accepted (10 billion by default). PostgreSQL uses numeric(20,4),
/// the same four places.
/// </summary>
internal sealed class ScaledDecimalConverter() : ValueConverter<decimal, long>(v => ToUnits(v), v => FromUnits(v))
{
    /// <summary>Units per 1.</summary>
    public const long Scale = 10_000;

    /// <summary>Decimal places kept.</summary>
    public const int Places = 4;

    /// <summary>The stored integer (rounded half to even beyond four places).</summary>
    public static long ToUnits(decimal value) => decimal.ToInt64(decimal.Round(value * Scale, MidpointRounding.ToEven));

    /// <summary>The value of a stored integer.</summary>
    public static decimal FromUnits(long units) => units / (decimal)Scale;
}
