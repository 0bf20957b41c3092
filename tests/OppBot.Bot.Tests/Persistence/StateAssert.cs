using System.Collections;
using System.Reflection;

namespace OppBot.Bot.Tests.Persistence;

/// <summary>
/// Compares two object graphs by their public properties, recursively (lists element by element), so that a
/// round-trip test also covers a property added to the domain later.
/// </summary>
public static class StateAssert
{
    /// <summary>Asserts that every public property of <paramref name="actual"/> equals that of <paramref name="expected"/>.</summary>
    public static void Same(object? expected, object? actual, params string[] ignore) => Compare(expected, actual, "", ignore);

    private static void Compare(object? expected, object? actual, string path, string[] ignore)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        var type = expected.GetType();
        if (IsSimple(type))
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            return;
        }

        if (expected is IEnumerable left && actual is IEnumerable right)
        {
            var a = left.Cast<object?>().ToList();
            var b = right.Cast<object?>().ToList();
            Assert.True(a.Count == b.Count, $"{path}: expected {a.Count} items, got {b.Count}");
            for (var i = 0; i < a.Count; i++)
            {
                Compare(a[i], b[i], $"{path}[{i}]", ignore);
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || ignore.Contains(property.Name) || property.Name == "EqualityContract")
            {
                continue;
            }

            Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", ignore);
        }
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(TimeOnly) || type == typeof(TimeSpan);
}
