using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Text;

namespace OppBot.Domain.Conversations;

/// <summary>Names of lead sources in both languages, and what reps type for them.</summary>
public static class LeadSourceNames
{
    private static readonly Dictionary<string, LeadSource> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["expo"] = LeadSource.Expo, ["trade show"] = LeadSource.Expo, ["tradeshow"] = LeadSource.Expo, ["展会"] = LeadSource.Expo, ["展览"] = LeadSource.Expo,
        ["referral"] = LeadSource.Referral, ["客户推荐"] = LeadSource.Referral, ["推荐"] = LeadSource.Referral,
        ["website"] = LeadSource.Website, ["web"] = LeadSource.Website, ["官网"] = LeadSource.Website, ["网站"] = LeadSource.Website,
        ["social"] = LeadSource.SocialMedia, ["social media"] = LeadSource.SocialMedia, ["socialmedia"] = LeadSource.SocialMedia, ["社交媒体"] = LeadSource.SocialMedia, ["社媒"] = LeadSource.SocialMedia,
        ["third party"] = LeadSource.ThirdParty, ["third-party"] = LeadSource.ThirdParty, ["thirdparty"] = LeadSource.ThirdParty, ["第三方"] = LeadSource.ThirdParty,
        ["other"] = LeadSource.Other, ["其他"] = LeadSource.Other, ["其它"] = LeadSource.Other,
    };

    /// <summary>The source's name in the locale.</summary>
    public static string Name(LeadSource source, string locale) => (source, Locales.IsEnglish(locale)) switch
    {
        (LeadSource.Expo, true) => "Expo / trade show",
        (LeadSource.Expo, false) => "展会",
        (LeadSource.Referral, true) => "Customer referral",
        (LeadSource.Referral, false) => "客户推荐",
        (LeadSource.Website, true) => "Website",
        (LeadSource.Website, false) => "官网",
        (LeadSource.SocialMedia, true) => "Social media",
        (LeadSource.SocialMedia, false) => "社交媒体",
        (LeadSource.ThirdParty, true) => "Third-party data",
        (LeadSource.ThirdParty, false) => "第三方",
        (_, true) => "Other",
        _ => "其他",
    };

    /// <summary>Reads a source from its code or a name in either language.</summary>
    public static bool TryParse(string text, out LeadSource source)
    {
        source = LeadSource.Other;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = NameNormalizer.FoldWidth(text).Trim();
        if (Enum.TryParse(t, ignoreCase: true, out source) && Enum.IsDefined(source))
        {
            return true;
        }

        return Words.TryGetValue(t, out source);
    }
}
