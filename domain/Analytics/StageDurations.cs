using OppBot.Domain.Opportunities;
using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Analytics;

/// <summary>How long deals stay in one active stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Days">Statistics over every finished stay in it.</param>
public sealed record StageDuration(StageDefinition Stage, DurationStats Days);

/// <summary>
/// Average and median days per stage and per whole cycle, from the stage history. Pure.
/// <list type="bullet">
/// <item>A stay is the time from entering a stage to the next stage change. Only finished stays count: a deal still in
/// a stage has no duration there yet. A deal that comes back to a stage contributes each stay separately. A stage
/// skipped over has no stay.</item>
/// <item>The won cycle is creation to the (last) win; the lost cycle is creation to the (last) loss.</item>
/// </list>
/// </summary>
/// <param name="Stages">The active stages in order.</param>
/// <param name="WonCycle">Creation to won, over won deals.</param>
/// <param name="LostCycle">Creation to lost, over lost deals.</param>
public sealed record StageDurations(IReadOnlyList<StageDuration> Stages, DurationStats WonCycle, DurationStats LostCycle)
{
    /// <summary>Computes the durations of <paramref name="deals"/>.</summary>
    public static StageDurations Compute(IReadOnlyCollection<Opportunity> deals, DomainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(settings);
        var stays = settings.Pipeline.Active.ToDictionary(s => s.Code, _ => new List<TimeSpan>(), StringComparer.Ordinal);
        foreach (var o in deals)
        {
            var history = o.StageHistory;
            for (var i = 0; i + 1 < history.Count; i++)
            {
                if (stays.TryGetValue(history[i].To, out var list))
                {
                    list.Add(history[i + 1].At - history[i].At);
                }
            }
        }

        return new StageDurations(
            settings.Pipeline.Active.Select(s => new StageDuration(s, DurationStats.Of(stays[s.Code]))).ToList(),
            DurationStats.Of(deals.Where(o => o.Status == OpportunityStatus.Won).Select(o => o.StageEnteredAt - o.CreatedAt)),
            DurationStats.Of(deals.Where(o => o.Status == OpportunityStatus.Lost).Select(o => o.StageEnteredAt - o.CreatedAt)));
    }
}
