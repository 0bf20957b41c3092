using OppBot.Domain.Opportunities;

namespace OppBot.Domain.Analytics;

/// <summary>When deals were won or lost, as the analytics count them.</summary>
public static class ClosedAt
{
    /// <summary>
    /// When a won or lost deal was closed: the moment it entered Won or Lost (its last stage change; a deal reopened
    /// and closed again counts with its last close). Null for open deals.
    /// </summary>
    public static DateTimeOffset? Of(Opportunity o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Status == OpportunityStatus.Open ? null : o.StageEnteredAt;
    }

    /// <summary>Whether <paramref name="o"/> was won in <paramref name="period"/>.</summary>
    public static bool WonIn(Opportunity o, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return o?.Status == OpportunityStatus.Won && period.Contains(o.StageEnteredAt);
    }

    /// <summary>Whether <paramref name="o"/> was lost in <paramref name="period"/>.</summary>
    public static bool LostIn(Opportunity o, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return o?.Status == OpportunityStatus.Lost && period.Contains(o.StageEnteredAt);
    }
}
