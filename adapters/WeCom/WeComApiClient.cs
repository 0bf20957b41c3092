using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OppBot.Adapters.WeCom;

/// <summary>
/// Typed HttpClient for the WeCom server API (shared/reference/wecom.md §5). Every answer carries
/// <c>errcode</c>; non-zero is a failure even with HTTP 200. Token problems (40014, 42001) refresh the
/// access token and retry once; throttling (45009, 45033, -1) backs off and retries a bounded number of times,
/// then reports <see cref="WeComCallStatus.RetryLater"/>. Other errcodes are returned for the caller to judge.
/// </summary>
internal sealed class WeComApiClient(
    HttpClient http,
    WeComAccessTokenCache tokens,
    IOptions<WeComOptions> options,
    TimeProvider clock,
    ILogger<WeComApiClient> logger)
{
    /// <summary>Throttled: per-minute limit (back off ≥ 60 s), concurrency limit, system busy.</summary>
    private static readonly int[] ThrottleCodes = [45009, 45033, -1];

    private static readonly JsonSerializerOptions Json = new()
    {
        // CJK stays readable in payloads; HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private readonly WeComOptions _options = options.Value;

    /// <summary>POST cgi-bin/message/send: markdown, text or template_card to members.</summary>
    public Task<WeComApiResult> SendMessageAsync(JsonObject message, CancellationToken cancellationToken) =>
        CallWithTokenAsync("cgi-bin/message/send", message, cancellationToken);

    /// <summary>POST cgi-bin/message/update_template_card with a response code (one use, 72 h).</summary>
    public Task<WeComApiResult> UpdateTemplateCardAsync(JsonObject update, CancellationToken cancellationToken) =>
        CallWithTokenAsync("cgi-bin/message/update_template_card", update, cancellationToken);

    /// <summary>POST cgi-bin/appchat/send: a group chat the app created (no template cards there).</summary>
    public Task<WeComApiResult> SendAppChatAsync(JsonObject message, CancellationToken cancellationToken) =>
        CallWithTokenAsync("cgi-bin/appchat/send", message, cancellationToken);

    /// <summary>
    /// POST cgi-bin/webhook/send?key=… on the robot host. No token. 45009 here means the robot's
    /// 20-a-minute limit, which a quick retry cannot help: it is reported at once with a 60 s wait.
    /// </summary>
    public async Task<WeComApiResult> SendRobotAsync(string webhookKey, JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookKey);
        var uri = new Uri(_options.RobotBaseUrl, "cgi-bin/webhook/send?key=" + Uri.EscapeDataString(webhookKey));
        var result = await PostAsync(uri, "cgi-bin/webhook/send", message, cancellationToken);
        return result.ErrCode == 45009
            ? result with { Status = WeComCallStatus.RetryLater, RetryAfter = TimeSpan.FromSeconds(60) }
            : result;
    }

    private async Task<WeComApiResult> CallWithTokenAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        var refreshed = false;
        var throttled = 0;
        while (true)
        {
            var token = await tokens.GetAsync(FetchTokenAsync, cancellationToken);
            if (token.Token is null)
            {
                return token.Failure!;
            }

            var uri = new Uri(_options.ApiBaseUrl, path + "?access_token=" + Uri.EscapeDataString(token.Token));
            var result = await PostAsync(uri, path, body, cancellationToken);

            if (result.ErrCode is 40014 or 42001 && !refreshed)
            {
                // The token expired early or was replaced: drop it (only if still ours) and try once more.
                Log.AccessTokenRejected(logger, path, result.ErrCode);
                tokens.Invalidate(token.Token);
                refreshed = true;
                continue;
            }

            if (result.ErrCode is 40014 or 42001)
            {
                return result with { Status = WeComCallStatus.RetryLater, RetryAfter = TimeSpan.FromSeconds(30) };
            }

            if (ThrottleCodes.Contains(result.ErrCode))
            {
                var delay = Backoff(throttled);
                if (throttled++ < _options.ThrottleRetries)
                {
                    Log.Throttled(logger, path, result.ErrCode, delay);
                    await Task.Delay(delay, clock, cancellationToken);
                    continue;
                }

                var after = result.ErrCode == 45009 ? TimeSpan.FromSeconds(60) : delay;
                return result with { Status = WeComCallStatus.RetryLater, RetryAfter = after };
            }

            return result;
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        // Doubling, with up to 20 % jitter so that concurrent senders do not retry in step (45033).
        var baseDelay = _options.ThrottleBackoff * Math.Pow(2, attempt);
        return baseDelay * (1 + (Random.Shared.NextDouble() * 0.2));
    }

    private async Task<WeComAccessToken> FetchTokenAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(
            _options.ApiBaseUrl,
            "cgi-bin/gettoken?corpid=" + Uri.EscapeDataString(_options.CorpId!) + "&corpsecret=" + Uri.EscapeDataString(_options.Secret!));
        var result = await SendAsync(HttpMethod.Get, uri, "cgi-bin/gettoken", content: null, cancellationToken);
        if (!result.IsOk)
        {
            // Wrong corp id or secret, or this server's IP not trusted: refreshing cannot help and repeated
            // wrong-secret calls get the IP banned for an hour (reference §5.1), so the cache holds the failure.
            var configuration = result.ErrCode is 40001 or 40013 or 40091 or 60020;
            Log.TokenFailed(logger, result.ErrCode, result.ErrMsg);
            return WeComAccessToken.Failed(
                result with { Status = WeComCallStatus.RetryLater, RetryAfter = configuration ? _options.TokenFailureBackoff : result.RetryAfter ?? TimeSpan.FromSeconds(30) },
                holdFor: configuration ? _options.TokenFailureBackoff : TimeSpan.Zero);
        }

        var accessToken = result.Body?["access_token"]?.GetValue<string>();
        var expiresIn = result.Body?["expires_in"]?.GetValue<int>() ?? 0;
        if (string.IsNullOrEmpty(accessToken) || expiresIn <= 0)
        {
            return WeComAccessToken.Failed(
                result with { Status = WeComCallStatus.RetryLater, ErrMsg = "gettoken answered without a token", RetryAfter = TimeSpan.FromSeconds(30) },
                TimeSpan.Zero);
        }

        Log.TokenFetched(logger, expiresIn);
        return new WeComAccessToken(accessToken, TimeSpan.FromSeconds(expiresIn), null);
    }

    private Task<WeComApiResult> PostAsync(Uri uri, string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, uri, path, JsonContent.Create(body, options: Json), cancellationToken);

    private async Task<WeComApiResult> SendAsync(HttpMethod method, Uri uri, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(method, uri) { Content = content };
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            Log.TransportFailed(logger, path, ex);
            return WeComApiResult.Transport($"{path}: {ex.HttpRequestError}", TimeSpan.FromSeconds(30));
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TransportFailed(logger, path, ex);
            return WeComApiResult.Transport($"{path}: timed out", TimeSpan.FromSeconds(30));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                Log.HttpStatus(logger, path, (int)response.StatusCode);
                var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
                    || (int)response.StatusCode >= 500;
                return new WeComApiResult(
                    transient ? WeComCallStatus.RetryLater : WeComCallStatus.Failed,
                    ErrCode: 0,
                    string.Create(CultureInfo.InvariantCulture, $"{path}: HTTP {(int)response.StatusCode}"),
                    Body: null)
                { RetryAfter = transient ? response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(30) : null };
            }

            JsonObject? json;
            try
            {
                json = JsonNode.Parse(await response.Content.ReadAsStreamAsync(cancellationToken)) as JsonObject;
            }
            catch (JsonException)
            {
                json = null;
            }

            if (json is null)
            {
                return WeComApiResult.Transport($"{path}: answer is not JSON", TimeSpan.FromSeconds(30));
            }

            var errCode = json["errcode"] is JsonValue code && code.TryGetValue<int>(out var c) ? c : 0;
            var errMsg = json["errmsg"] is JsonValue msg && msg.TryGetValue<string>(out var m) ? m : string.Empty;
            if (errCode != 0)
            {
                Log.ApiError(logger, path, errCode, errMsg);
            }

            return new WeComApiResult(errCode == 0 ? WeComCallStatus.Ok : WeComCallStatus.Failed, errCode, errMsg, json);
        }
    }
}

/// <summary>How a call ended, before the sender decides what it means for a delivery.</summary>
internal enum WeComCallStatus
{
    /// <summary>errcode 0.</summary>
    Ok,

    /// <summary>WeCom answered with a non-zero errcode (see <see cref="WeComApiResult.ErrCode"/>) or a 4xx.</summary>
    Failed,

    /// <summary>Throttled after the allowed retries, network trouble, 5xx, or no token for now.</summary>
    RetryLater,
}

/// <summary>The answer of one WeCom call.</summary>
internal sealed record WeComApiResult(WeComCallStatus Status, int ErrCode, string ErrMsg, JsonObject? Body)
{
    public bool IsOk => Status == WeComCallStatus.Ok;

    /// <summary>When to try again, for <see cref="WeComCallStatus.RetryLater"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static WeComApiResult Transport(string reason, TimeSpan retryAfter) =>
        new(WeComCallStatus.RetryLater, 0, reason, null) { RetryAfter = retryAfter };
}

/// <summary>A token, or why there is none.</summary>
internal sealed record WeComAccessToken(string? Token, TimeSpan ExpiresIn, WeComApiResult? Failure)
{
    /// <summary>How long the failure is served from the cache without calling gettoken again.</summary>
    public TimeSpan HoldFailureFor { get; init; }

    public static WeComAccessToken Failed(WeComApiResult failure, TimeSpan holdFor) =>
        new(null, TimeSpan.Zero, failure) { HoldFailureFor = holdFor };
}

/// <summary>
/// The app's access token, shared by every caller in the process (a singleton; the typed client is transient).
/// Kept until 5 minutes before <c>expires_in</c>, measured on the monotonic clock; one caller refreshes while the
/// others wait for its result (gettoken is rate limited: 45009).
/// </summary>
internal sealed class WeComAccessTokenCache(TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Entry? _entry;

    public async Task<WeComAccessToken> GetAsync(
        Func<CancellationToken, Task<WeComAccessToken>> fetch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (TryCached(out var cached))
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (TryCached(out cached))
            {
                return cached; // another caller refreshed while we waited
            }

            var fetched = await fetch(cancellationToken);
            var lifetime = fetched.Token is not null
                ? fetched.ExpiresIn > RefreshMargin * 2 ? fetched.ExpiresIn - RefreshMargin : fetched.ExpiresIn / 2
                : fetched.HoldFailureFor;
            Volatile.Write(ref _entry, lifetime > TimeSpan.Zero ? new Entry(fetched, clock.GetTimestamp(), lifetime) : null);
            return fetched;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Drops <paramref name="token"/> if it is still the cached one (a newer token is kept).</summary>
    public void Invalidate(string token)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && entry.Value.Token == token)
        {
            Interlocked.CompareExchange(ref _entry, null, entry);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private bool TryCached(out WeComAccessToken token)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && clock.GetElapsedTime(entry.Since) < entry.Lifetime)
        {
            token = entry.Value;
            return true;
        }

        token = null!;
        return false;
    }

    private sealed record Entry(WeComAccessToken Value, long Since, TimeSpan Lifetime);
}
