using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// PostgreSQL only: hands every <see cref="DateTimeOffset"/> to Npgsql in UTC. Columns are <c>timestamptz</c>, which
/// Npgsql writes only from offset-zero values; the domain may carry a user's local offset (a due time typed in
/// Shanghai). PostgreSQL keeps microseconds, so the last tick digit is dropped.
/// </summary>
internal sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v.ToUniversalTime());
