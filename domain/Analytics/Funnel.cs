using OppBot.Domain.Opportunities;
using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Analytics;

/// <summary>One stage of the funnel.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Count">Open deals in it now.</param>
/// <param name="Amount">Their total amount.</param>
/// <param name="Weighted">Amount × the stage's probability.</param>
/// <param name="Reached">Deals (open or closed) that ever reached this stage.</param>
/// <param name="ConversionToNext">Share of those that went on to the next stage (null for the last or when none reached it).</param>
public sealed record FunnelStage(StageDefinition Stage, int Count, decimal Amount, decimal Weighted, int Reached, decimal? ConversionToNext);

/// <summary>
/// The pipeline funnel computed from deals and their stage history: count and amount per stage,
/// stage-to-stage conversion, win rate, weighted forecast and stalled count. Pure.
/// </summary>
/// <param name="Stages">The active stages.</param>
/// <param name="Won">Won deals.</param>
/// <param name="WonAmount">Their amount.</param>
/// <param name="Lost">Lost deals.</param>
/// <param name="WinRate">Won ÷ (won + lost), null when nothing closed.</param>
/// <param name="WeightedForecast">Σ amount × probability over open deals.</param>
/// <param name="Stalled">Open deals stalled now.</param>
public sealed record Funnel(IReadOnlyList<FunnelStage> Stages, int Won, decimal WonAmount, int Lost, decimal? WinRate, decimal WeightedForecast, int Stalled)
{
    /// <summary>Computes the funnel of <paramref name="deals"/>.</summary>
    public static Funnel Compute(IReadOnlyCollection<Opportunity> deals, DomainSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(settings);
        var pipeline = settings.Pipeline;
        var reached = new int[pipeline.Active.Count];
        foreach (var o in deals)
        {
            var furthest = Furthest(o, pipeline);
            for (var i = 0; i <= furthest && i < reached.Length; i++)
            {
                reached[i]++;
            }
        }

        var stages = pipeline.Active.Select((stage, i) =>
        {
            var open = deals.Where(o => o.Status == OpportunityStatus.Open && o.StageCode == stage.Code).ToList();
            var amount = open.Sum(o => o.Amount);
            var next = i + 1 < reached.Length ? reached[i + 1] : deals.Count(o => o.Status == OpportunityStatus.Won);
            decimal? conversion = reached[i] == 0 ? null : Math.Round((decimal)next / reached[i], 4);
            return new FunnelStage(stage, open.Count, amount, Math.Round(amount * stage.Probability, 2), reached[i], conversion);
        }).ToList();

        var won = deals.Where(o => o.Status == OpportunityStatus.Won).ToList();
        var lost = deals.Count(o => o.Status == OpportunityStatus.Lost);
        decimal? winRate = won.Count + lost == 0 ? null : Math.Round((decimal)won.Count / (won.Count + lost), 4);
        return new Funnel(
            stages,
            won.Count,
            won.Sum(o => o.Amount),
            lost,
            winRate,
            stages.Sum(s => s.Weighted),
            deals.Count(o => o.IsStalled(settings, now)));
    }

    // The furthest active stage a deal ever reached: won counts as all of them, lost as the furthest it had been in.
    private static int Furthest(Opportunity o, PipelineDefinition pipeline)
    {
        if (o.Status == OpportunityStatus.Won)
        {
            return pipeline.Active.Count - 1;
        }

        var furthest = pipeline.IndexOf(o.StageCode);
        foreach (var change in o.StageHistory)
        {
            furthest = Math.Max(furthest, pipeline.IndexOf(change.To));
            if (change.From is not null)
            {
                furthest = Math.Max(furthest, pipeline.IndexOf(change.From));
            }
        }

        return furthest;
    }
}
