using System.Globalization;
using OppBot.Domain.People;

namespace OppBot.Domain.Conversations;

/// <summary>
/// Every user-facing sentence, in Chinese and English. Split in partial files by feature; each file adds its
/// entries to <see cref="Table"/> in a static initialiser method named <c>Add…</c>. A test checks that every
/// key has both languages and the same placeholders.
/// </summary>
public static partial class Strings
{
    private static readonly Dictionary<string, (string Zh, string En)> Table = Build();

    /// <summary>Every key, for tests.</summary>
    public static IEnumerable<KeyValuePair<string, (string Zh, string En)>> All => Table;

    /// <summary>The sentence for <paramref name="key"/> in <paramref name="locale"/>, with {0}, {1}… filled in.</summary>
    public static string Get(string locale, string key, params object?[] args)
    {
        if (!Table.TryGetValue(key, out var entry))
        {
            throw new KeyNotFoundException($"No string '{key}'.");
        }

        var template = Locales.IsEnglish(locale) ? entry.En : entry.Zh;
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    private static Dictionary<string, (string Zh, string En)> Build()
    {
        var table = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal);
        AddCommon(table);
        AddScheduling(table);
        AddAnalytics(table);
        AddCsv(table);
        return table;
    }

    static partial void AddScheduling(Dictionary<string, (string Zh, string En)> table);

    static partial void AddAnalytics(Dictionary<string, (string Zh, string En)> table);

    static partial void AddCsv(Dictionary<string, (string Zh, string En)> table);
}
