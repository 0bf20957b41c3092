using OppBot.Domain.Text;

namespace OppBot.Domain.Opportunities;

/// <summary>What made two deals look like the same customer (撞单).</summary>
public enum DuplicateReason
{
    /// <summary>The normalised company names are equal.</summary>
    CompanyName,

    /// <summary>The contacts' company email domains are equal.</summary>
    EmailDomain,

    /// <summary>The contacts' phone numbers are equal.</summary>
    Phone,
}

/// <summary>An existing open deal that looks like the same customer.</summary>
public sealed record DuplicateMatch(Opportunity Existing, DuplicateReason Reason);

/// <summary>Finds duplicates of a new lead among existing open deals.</summary>
public static class DuplicateFinder
{
    /// <summary>The keys to look a draft up by: normalised company, email domain, phone digits.</summary>
    public static (string Company, string? EmailDomain, string? Phone) KeysOf(LeadDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var phone = string.IsNullOrWhiteSpace(draft.ContactPhone) ? null : NameNormalizer.NormalizePhone(draft.ContactPhone);
        return (NameNormalizer.NormalizeCompany(draft.Account ?? string.Empty), NameNormalizer.EmailDomain(draft.ContactEmail), string.IsNullOrEmpty(phone) ? null : phone);
    }

    /// <summary>The open deals among <paramref name="candidates"/> that match the draft, best reason first.</summary>
    public static IReadOnlyList<DuplicateMatch> Find(LeadDraft draft, IEnumerable<Opportunity> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var (company, domain, phone) = KeysOf(draft);
        var matches = new List<DuplicateMatch>();
        foreach (var o in candidates.Where(c => c.Status == OpportunityStatus.Open))
        {
            if (company.Length > 0 && o.NormalizedAccount == company)
            {
                matches.Add(new(o, DuplicateReason.CompanyName));
            }
            else if (domain is not null && o.EmailDomain == domain)
            {
                matches.Add(new(o, DuplicateReason.EmailDomain));
            }
            else if (phone is not null && o.NormalizedPhone == phone)
            {
                matches.Add(new(o, DuplicateReason.Phone));
            }
        }

        return matches.OrderBy(m => m.Reason).ThenByDescending(m => m.Existing.LastActivityAt).ToList();
    }
}
