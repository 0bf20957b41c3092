using System.Linq.Expressions;

namespace OppBot.Domain.Opportunities;

/// <summary>
/// Which deals to fetch. <see cref="Apply"/> is a plain LINQ filter, so the EF store (translated to SQL) and the
/// in-memory store apply exactly the same rules.
/// </summary>
public sealed record OpportunityFilter
{
    /// <summary>Only this team's deals.</summary>
    public string? TeamId { get; init; }

    /// <summary>Only deals owned by this person.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>Deals this person owns or collaborates on.</summary>
    public Guid? InvolvingId { get; init; }

    /// <summary>Only this status.</summary>
    public OpportunityStatus? Status { get; init; }

    /// <summary>Only this stage.</summary>
    public string? StageCode { get; init; }

    /// <summary>Only this source.</summary>
    public LeadSource? Source { get; init; }

    /// <summary>Only pooled (true) or owned (false) deals.</summary>
    public bool? InPool { get; init; }

    /// <summary>Company, title or contact containing this text.</summary>
    public string? Text { get; init; }

    /// <summary>Only deals changed at or after this moment.</summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>Only deals with a number above this (cursor paging, by number).</summary>
    public int? AfterNumber { get; init; }

    /// <summary>
    /// Only deals matching this rule, which must translate to SQL (comparisons of mapped properties with values);
    /// e.g. <see cref="Scheduling.NudgePolicy.MayNeedAttention"/>, so the sweep reads only the deals it may act on.
    /// </summary>
    public Expression<Func<Opportunity, bool>>? Matching { get; init; }

    /// <summary>At most this many, ordered by number. Defaults to 500.</summary>
    public int Limit { get; init; } = 500;

    /// <summary>Applies the filter and the ordering.</summary>
    public IQueryable<Opportunity> Apply(IQueryable<Opportunity> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (TeamId is not null)
        {
            query = query.Where(o => o.TeamId == TeamId);
        }

        if (OwnerId is { } owner)
        {
            query = query.Where(o => o.OwnerId == owner);
        }

        if (InvolvingId is { } involving)
        {
            query = query.Where(o => o.OwnerId == involving || o.Collaborators.Contains(involving));
        }

        if (Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (StageCode is not null)
        {
            query = query.Where(o => o.StageCode == StageCode);
        }

        if (Source is { } source)
        {
            query = query.Where(o => o.Source == source);
        }

        if (InPool is { } inPool)
        {
            query = inPool
                ? query.Where(o => o.OwnerId == null && o.Status == OpportunityStatus.Open)
                : query.Where(o => o.OwnerId != null);
        }

        if (!string.IsNullOrWhiteSpace(Text))
        {
            var text = Text.Trim();
            query = query.Where(o => o.Account.Contains(text) || o.Title.Contains(text) || (o.ContactName != null && o.ContactName.Contains(text)));
        }

        if (UpdatedSince is { } since)
        {
            query = query.Where(o => o.UpdatedAt >= since);
        }

        if (Matching is not null)
        {
            query = query.Where(Matching);
        }

        if (AfterNumber is { } after)
        {
            query = query.Where(o => o.Number > after);
        }

        return query.OrderBy(o => o.Number).Take(Math.Clamp(Limit, 1, 100_000));
    }
}
