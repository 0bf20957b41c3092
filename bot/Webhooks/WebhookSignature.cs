using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OppBot.Bot.Webhooks;

/// <summary>
/// The <c>X-OppBot-Signature</c> header: <c>t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>. The
/// timestamp inside the signed text lets a receiver refuse replays (compare <c>t</c> with its clock, e.g. ±5 minutes);
/// the body is the exact bytes posted (UTF-8 JSON). Receivers compare in constant time (<see cref="Verify"/> does).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "X-OppBot-Signature";

    /// <summary>The header carrying the event's stable id.</summary>
    public const string EventIdHeader = "X-OppBot-Event-Id";

    /// <summary>The header carrying the event's name (<c>opportunity.won</c>).</summary>
    public const string EventHeader = "X-OppBot-Event";

    /// <summary>The header value for <paramref name="body"/> signed at <paramref name="unixSeconds"/>.</summary>
    public static string Header(string secret, long unixSeconds, string body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Sign(secret, unixSeconds, Encoding.UTF8.GetBytes(body))}";

    /// <summary>Lower-case hex HMAC-SHA256 over <c>"{t}." + body</c>.</summary>
    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>
    /// What a receiver does: parses the header, checks the timestamp is within <paramref name="tolerance"/> of
    /// <paramref name="now"/> and the signature matches the body (constant-time comparison).
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        long? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0].Trim() == "t" && long.TryParse(pair[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                t = parsed;
            }
            else if (pair[0].Trim() == "v1")
            {
                signatures.Add(pair[1].Trim());
            }
        }

        if (t is not { } timestamp || timestamp > 253_402_300_799 || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).TotalSeconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }
}
