namespace OppBot.Bot.Tests.ScaleOut;

/// <summary>
/// The tests that start OppBot processes run one at a time and alone: each starts two instances, and their timing
/// (a slow connector, a kill in the middle of a batch) should not compete with the rest of the suite for the CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Scale-out processes";
}
