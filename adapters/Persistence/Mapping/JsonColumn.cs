using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OppBot.Adapters.Persistence.Mapping;

/// <summary>
/// Values kept as JSON text in one column (System.Text.Json): replies, dialog values, event data.
/// Property names are camelCase and enums are written by name, so the stored JSON survives reordering an enum.
/// </summary>
internal static class JsonColumn
{
    /// <summary>The serializer options of every JSON column.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serializes.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserializes; a JSON null is refused (the columns are NOT NULL).</summary>
    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The column holds null where a {typeof(T).Name} was expected.");

    /// <summary>A converter of <typeparamref name="T"/> to JSON text.</summary>
    public static ValueConverter<T, string> Converter<T>() => new(v => Write(v), v => Read<T>(v));

    /// <summary>
    /// Compares immutable values (records the domain replaces, never mutates) by reference: a new instance means
    /// a change, and no snapshot copy is needed.
    /// </summary>
    public static ValueComparer<T> ByReference<T>()
        where T : class =>
        new((a, b) => ReferenceEquals(a, b), v => v == null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(v), v => v);

    /// <summary>Compares dictionaries by content and snapshots a copy, so a change made in place is saved too.</summary>
    public static ValueComparer<TDictionary> ByContent<TDictionary>(Func<IEnumerable<KeyValuePair<string, string>>, TDictionary> copy)
        where TDictionary : IEnumerable<KeyValuePair<string, string>> =>
        new(
            (a, b) => SameContent(a, b),
            v => v == null ? 0 : v.Count(),
            v => copy(v));

    private static bool SameContent(IEnumerable<KeyValuePair<string, string>>? a, IEnumerable<KeyValuePair<string, string>>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        var left = a.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var right = b.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        return left.SequenceEqual(right);
    }
}
