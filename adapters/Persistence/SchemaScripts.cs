using System.Globalization;
using System.Reflection;

namespace OppBot.Adapters.Persistence;

/// <summary>One versioned schema file.</summary>
/// <param name="Version">The number the file name starts with.</param>
/// <param name="Name">The file name.</param>
/// <param name="Sql">The statements.</param>
internal sealed record SchemaScript(int Version, string Name, string Sql);

/// <summary>The schema files embedded in this assembly (logical names <c>Schema/{dialect}/NNN_name.sql</c>).</summary>
internal static class SchemaScripts
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>The files of one dialect, by version.</summary>
    public static IReadOnlyList<SchemaScript> For(string dialect)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"Schema/{dialect}/";
        // RecursiveDir ends in a backslash when built on Windows.
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..]))
            .OrderBy(s => s.Version)
            .ToList();
        var twice = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"Schema version {twice.Key} of {dialect} is defined twice: {string.Join(", ", twice.Select(s => s.Name))}.");
        }

        return scripts;
    }

    private static SchemaScript Load(Assembly assembly, string resource, string name)
    {
        var digits = new string(name.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            throw new InvalidOperationException($"Schema file {resource} must start with its version number (001_initial.sql).");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SchemaScript(int.Parse(digits, CultureInfo.InvariantCulture), name, reader.ReadToEnd());
    }
}
