using System.Text.Json;
using System.Text.Json.Serialization;

namespace OppBot.Bot.Api;

/// <summary>
/// Reads request bodies strictly, so that a client's mistake is a 400 that says what is wrong and never a 500 or a
/// silently ignored value: the body must be a JSON object; unknown fields, values of the wrong type (a string for a
/// number, a number for a string) and malformed JSON are refused with where they are.
/// </summary>
internal static class ApiJson
{
    /// <summary>The options for request bodies: camelCase names (any case accepted), unknown fields refused, no number strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>
    /// The body as <typeparamref name="T"/>, or the 400/415 problem to answer. An empty body is <paramref name="empty"/>
    /// when given (an optional body), else a 400.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, T? empty, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = await ReadAllAsync(request, cancellationToken);
        if (bytes.Length == 0 || bytes.AsSpan().Trim(" \t\r\n"u8).Length == 0)
        {
            return empty is not null ? (empty, null) : (null, ApiProblems.BadRequest("A JSON object is required as the body."));
        }

        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, Options);
            return value is null ? (null, ApiProblems.BadRequest("A JSON object is required as the body, not null.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.BadRequest(Describe(ex)));
        }
    }

    // The exception's message names .NET types; the client is told the JSON path and what kind of mistake it is.
    private static string Describe(JsonException ex)
    {
        const string Unmapped = "The JSON property '";
        if (ex.Message.StartsWith(Unmapped, StringComparison.Ordinal))
        {
            var name = ex.Message[Unmapped.Length..];
            name = name[..Math.Max(0, name.IndexOf('\'', StringComparison.Ordinal))];
            return $"Unknown field '{name}'.";
        }

        if (ex.Path is { Length: > 1 } path)
        {
            return $"The value at {path} is not valid: a wrong type, or malformed JSON.";
        }

        return ex.LineNumber is { } line
            ? $"The body is not valid JSON (line {line + 1}, position {ex.BytePositionInLine + 1})."
            : "The body is not valid JSON.";
    }

    private static async Task<byte[]> ReadAllAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
