namespace OppBot.Domain.Conversations;

/// <summary>The input ids of the lead form (also the keys of one-line capture and card data).</summary>
public static class LeadFields
{
#pragma warning disable CS1591 // The names say what they are.
    public const string Account = "account";
    public const string Title = "title";
    public const string Amount = "amount";
    public const string Source = "source";
    public const string Contact = "contact";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string DecisionMaker = "dm";
    public const string NextStep = "nextWhat";
    public const string NextDue = "nextWhen";
    public const string CompanySize = "companySize";
    public const string Urgency = "urgency";
    public const string DecisionMakerAccess = "dmAccess";
    public const string ProductFit = "productFit";
    public const string Budget = "budget";
    public const string Authority = "authority";
    public const string Need = "need";
    public const string Timeline = "timeline";
    public const string QuotedAmount = "quoted";
    public const string Discount = "discount";
#pragma warning restore CS1591
}
