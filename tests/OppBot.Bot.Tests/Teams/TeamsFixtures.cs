using System.Text.Json;
using OppBot.Adapters.Teams.Protocol;
using OppBot.Bot.Tests.Support;

namespace OppBot.Bot.Tests.Teams;

/// <summary>Captured Teams activities (ids scrubbed) from Teams/Fixtures, read from the source tree.</summary>
internal static class TeamsFixtures
{
    public static string Directory => Path.Combine(NodeRunner.RepoRoot, "tests", "OppBot.Bot.Tests", "Teams", "Fixtures");

    public static string Json(string name) => File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>Parses a fixture as the endpoint does (case-insensitive, unknown fields kept).</summary>
    public static Activity Activity(string name) =>
        JsonSerializer.Deserialize(Json(name), ProtocolJson.Default.Activity) ?? throw new InvalidOperationException(name);
}
