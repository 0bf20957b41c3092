using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.FileProviders;
using OppBot.Domain;
using OppBot.Domain.Conversations;
using OppBot.Domain.Scheduling;

namespace OppBot.Bot.Playground;

/// <summary>
/// The page and what only the page needs: GET / (the page), its script and style, Microsoft's Web Chat bundle; GET
/// /playground/people (the switcher), POST /playground/session (tokens for one person's chat and for the team
/// channel), POST /playground/jobs/run (the follow-up sweep and the weekly review, now).
/// </summary>
public static class PlaygroundEndpoints
{
    /// <summary>Where the build puts Microsoft's Web Chat, under the web root.</summary>
    public const string WebChatBundle = "webchat/webchat.js";

    // The files served, by URL: a fixed list, so nothing else under the web root is reachable.
    private static readonly (string Url, string File, string ContentType)[] Files =
    [
        ("/", "playground/index.html", "text/html; charset=utf-8"),
        ("/playground/playground.js", "playground/playground.js", "text/javascript; charset=utf-8"),
        ("/playground/playground.css", "playground/playground.css", "text/css; charset=utf-8"),
        ("/" + WebChatBundle, WebChatBundle, "text/javascript; charset=utf-8"),
        ("/webchat/webchat.js.LICENSE.txt", "webchat/webchat.js.LICENSE.txt", "text/plain; charset=utf-8"),
    ];

    /// <summary>Maps the routes on <paramref name="group"/>.</summary>
    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        foreach (var (url, file, contentType) in Files)
        {
            group.MapGet(url, (IWebHostEnvironment environment) => Serve(environment.WebRootFileProvider, file, contentType))
                .ExcludeFromDescription();
        }

        group.MapGet("/playground/people", People);
        group.MapPost("/playground/session", SessionAsync);
        group.MapPost("/playground/jobs/run", RunJobsAsync);
    }

    /// <summary>Whether the build bundled Web Chat into the web root.</summary>
    public static bool HasWebChat(IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.WebRootFileProvider.GetFileInfo(WebChatBundle).Exists;
    }

    private static IResult Serve(IFileProvider files, string path, string contentType)
    {
        var file = files.GetFileInfo(path);
        return file.Exists && file.PhysicalPath is { } physical
            ? TypedResults.PhysicalFile(physical, contentType, lastModified: file.LastModified)
            : TypedResults.NotFound();
    }

    private static IResult People(IWebHostEnvironment environment) => TypedResults.Ok(new JsonObject
    {
        ["team"] = new JsonObject { ["id"] = PlaygroundPeople.TeamId, ["name"] = PlaygroundPeople.TeamName },
        ["people"] = new JsonArray([.. PlaygroundPeople.All.Select(Describe)]),
        ["webChat"] = HasWebChat(environment),
    });

    /// <summary>
    /// Tokens for one person: their own chat with OppBot and the team channel (where they post as themselves), each a
    /// Direct Line conversation that stays the same across page loads. Body: <c>{"user":"demo-rep-1"}</c>.
    /// </summary>
    private static async Task<IResult> SessionAsync(
        SessionRequest request, IServiceScopeFactory scopes, TimeProvider clock, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        if (PlaygroundPeople.Find(request.User) is not { } persona)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown person",
                detail: $"user must be one of {string.Join(", ", PlaygroundPeople.All.Select(p => p.Id))}.");
        }

        await EnsureDemoTeamAsync(scopes, clock, cancellationToken);

        var chat = new DirectLineGrant(persona.ChatId, persona.Id, persona.Name, ConversationKind.Personal);
        var channel = new DirectLineGrant(PlaygroundPeople.TeamChannelId, persona.Id, persona.Name, ConversationKind.Channel);
        return TypedResults.Ok(new JsonObject
        {
            ["user"] = Describe(persona),
            ["chat"] = Conversation(chat, await tokens.IssueAsync(chat, cancellationToken)),
            ["channel"] = Conversation(channel, await tokens.IssueAsync(channel, cancellationToken)),
        });
    }

    // The demo team must exist before anyone talks: the first approval request needs the manager. Two first sessions at
    // once may both try to create it; the one that loses finds it on its second look.
    private static async Task EnsureDemoTeamAsync(IServiceScopeFactory scopes, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
            await DemoTeam.EnsureAsync(store, clock.GetUtcNow(), cancellationToken);
            try
            {
                await store.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is not OperationCanceledException)
            {
                // Created by another request meanwhile (a unique identity or team id): look again.
            }
        }
    }

    /// <summary>
    /// What the schedule would do, now: the follow-up sweep as its job runs it (nudges due now, at most one a day per
    /// deal, so a second click may queue nothing), and the weekly review of every team posted now whatever the day
    /// (the scheduled one still comes at its time). Each runs in a unit of work of its own, as the jobs do.
    /// </summary>
    private static async Task<IResult> RunJobsAsync(IServiceScopeFactory scopes, TimeProvider clock, DeliverySignal delivery, ILogger<DirectLineSender> logger, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        SweepResult sweep;
        await using (var scope = scopes.CreateAsyncScope())
        {
            sweep = await scope.ServiceProvider.GetRequiredService<FollowUpSweep>().RunAsync(now, cancellationToken);
        }

        int reviews = 0, messages = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
            var review = scope.ServiceProvider.GetRequiredService<WeeklyReview>();
            foreach (var team in await store.ListTeamsAsync(cancellationToken))
            {
                if (await review.BuildForTeamAsync(team.Id, now, cancellationToken) is not { } built)
                {
                    continue;
                }

                var outgoing = WeeklyReview.Outgoing(built, now);
                foreach (var message in outgoing)
                {
                    store.Enqueue(message);
                }

                reviews++;
                messages += outgoing.Count;
            }

            await store.SaveChangesAsync(cancellationToken);
        }

        delivery.Notify();
        Log.PlaygroundJobsRun(logger, sweep.NudgesQueued, reviews, messages);
        return TypedResults.Ok(new JsonObject
        {
            ["sweep"] = new JsonObject
            {
                ["dealsScanned"] = sweep.DealsScanned,
                ["nudgesQueued"] = sweep.NudgesQueued,
                ["escalations"] = sweep.Escalations,
                ["deferred"] = sweep.Deferred,
            },
            ["review"] = new JsonObject { ["teams"] = reviews, ["messages"] = messages },
        });
    }

    /// <summary>
    /// Lets through callers on this machine (and in-process test requests, which have no address) unless the playground
    /// was opened to everyone with <c>Playground:Enabled=true</c>; others get 404, as if it were not there.
    /// </summary>
    public static bool IsAllowed(HttpContext context, PlaygroundOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var remote = context.Connection.RemoteIpAddress;
        return options.AllowsRemoteCallers || remote is null || IPAddress.IsLoopback(remote);
    }

    private static JsonObject Describe(Persona p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["role"] = p.Role.ToString(),
        ["locale"] = p.Locale,
    };

    private static JsonObject Conversation(DirectLineGrant grant, DirectLineToken token) => new()
    {
        ["conversationId"] = grant.ConversationId,
        ["token"] = token.Token,
        ["expires_in"] = token.ExpiresIn,
    };

    /// <summary>The body of POST /playground/session.</summary>
    /// <param name="User">The id of the person to be.</param>
    internal sealed record SessionRequest(string? User);
}
