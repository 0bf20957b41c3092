using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Analytics;

/// <summary>How many deals and their total amount.</summary>
/// <param name="Count">The number of deals.</param>
/// <param name="Amount">Σ amount (in the default currency: amounts are not converted).</param>
public sealed record DealTally(int Count, decimal Amount)
{
    /// <summary>No deals.</summary>
    public static DealTally None { get; } = new(0, 0m);

    /// <summary>The tally of <paramref name="deals"/>.</summary>
    public static DealTally Of(IEnumerable<Opportunity> deals)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var list = deals as IReadOnlyCollection<Opportunity> ?? deals.ToList();
        return new DealTally(list.Count, list.Sum(o => o.Amount));
    }
}
