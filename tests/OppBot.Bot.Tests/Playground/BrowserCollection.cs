namespace OppBot.Bot.Tests.Playground;

/// <summary>
/// Browser tests run on their own, after the parallel ones: Chromium rendering Web Chat next to dozens of hosts starting
/// at once on a two-core machine is where timeouts come from.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "browser";
}
