using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// SQLite only: stores a <see cref="DateTimeOffset"/> as fixed-width ISO-8601 UTC text
/// (<c>2025-03-03T02:00:00.0000000Z</c>). SQLite has no date type; this text sorts and compares in time order
/// (so <c>UpdatedAt &gt;= since</c> and ORDER BY work in SQL), keeps every tick, reads well in the sqlite3 shell
/// and is understood by SQLite's date functions. The offset is not kept: every value is read back as UTC.
/// </summary>
internal sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(v => Format(v), v => Parse(v))
{
    /// <summary>The format: always 28 characters, so text order is time order.</summary>
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The stored text of a moment.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>The moment of a stored text.</summary>
    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.ParseExact(value, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
