using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scoring;

namespace OppBot.Domain.Tests;

/// <summary>People and deals the domain tests share.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero); // Wednesday 10:00 in Shanghai

    public static SalesRep Rep(string name = "Li Lei", string team = "east", Role role = Role.Rep) => new(name, role, team, "zh-CN", Now);

    public static SalesRep Manager(string team = "east") => Rep("Wang Fang", team, Role.Manager);

    public static LeadDraft Draft(string account = "华为技术有限公司", decimal amount = 500_000m) => new()
    {
        Account = account,
        Title = "ERP升级",
        Amount = amount,
        Source = LeadSource.Expo,
        Scorecard = new Scorecard(8, 9, 7, 8),
    };

    public static Opportunity Deal(SalesRep owner, decimal amount = 500_000m, int number = 42, LeadDraft? draft = null)
    {
        var o = Opportunity.Create(draft ?? Draft(amount: amount), owner, number, DomainSettings.Default, Now, out var problems);
        Assert.Empty(problems);
        return o!;
    }
}
