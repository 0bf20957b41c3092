namespace OppBot.Domain.Opportunities;

/// <summary>Where a lead came from.</summary>
public enum LeadSource
{
    /// <summary>Expo or trade show (展会).</summary>
    Expo,

    /// <summary>Customer referral (客户推荐).</summary>
    Referral,

    /// <summary>Website (官网).</summary>
    Website,

    /// <summary>Social media (社交媒体).</summary>
    SocialMedia,

    /// <summary>Third-party data (第三方).</summary>
    ThirdParty,

    /// <summary>Anything else (其他).</summary>
    Other,
}
