using OppBot.Domain;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Bot.Tests.Persistence;

public abstract partial class EfOppBotStoreTests
{
    // Every field of OpportunityFilter, run in SQL by the EF store and in memory over the same deals by the filter
    // itself (LINQ to objects); both must pick the same deals, and each case must pick some but not all of them.
    [StoreTheory]
    [InlineData("team")] // the team alone: all of the team's deals
    [InlineData("owner")] // owner equality on a nullable uuid
    [InlineData("involving-owner")] // involving: the owner ...
    [InlineData("involving-collaborator")] // ... or a collaborator: Collaborators.Contains on a primitive collection
    [InlineData("status")] // enum stored as text
    [InlineData("stage")] // stage code
    [InlineData("source")] // another enum
    [InlineData("in-pool")] // owner null and open
    [InlineData("owned")] // owner not null
    [InlineData("text-account")] // Chinese substring of the company
    [InlineData("text-title")] // substring of the title
    [InlineData("text-contact")] // substring of the contact (nullable column)
    [InlineData("updated-since")] // DateTimeOffset comparison, the parameter in +08:00
    [InlineData("after-number")] // cursor paging
    [InlineData("limit")] // ordering by number and Take
    public async Task FindOpportunitiesAsync_FilterField_MatchesTheFilterInMemory(string field)
    {
        var team = NewTeamId();
        var owner = Rep(team, "Owner");
        var colleague = Rep(team, "Colleague");
        var deals = new List<Opportunity>
        {
            await SaveNewDealAsync(owner, new LeadDraft { Account = "上海云帆科技有限公司", Title = "CRM rollout", Amount = 1m, ContactName = "王芳", Source = LeadSource.Expo, Scorecard = new(1, 1, 1, 1) { Need = true } }, Now),
            await SaveNewDealAsync(owner, new LeadDraft { Account = "北京星辰", Title = "ERP", Amount = 2m, Source = LeadSource.Website }, Now.AddDays(1)),
            await SaveNewDealAsync(colleague, new LeadDraft { Account = "深圳云帆", Title = "CRM upgrade", Amount = 3m, ContactName = "Li Lei", Source = LeadSource.Expo }, Now.AddDays(2)),
            await SaveNewDealAsync(colleague, new LeadDraft { Account = "杭州湖畔", Title = "Data", Amount = 4m, Source = LeadSource.Referral }, Now.AddDays(3)),
        };
        await SaveNewDealAsync(Rep(NewTeamId()), new LeadDraft { Account = "上海云帆科技有限公司", Title = "CRM rollout", Amount = 1m }, Now); // another team's twin
        var (store, _) = Open();
        var d0 = (await store.GetOpportunityAsync(deals[0].Id, default))!;
        Assert.Null(d0.Join(colleague, Now.AddDays(4)));
        Assert.IsType<StageMove.Moved>(d0.MoveTo("qualified", owner, DomainSettings.Default, null, Now.AddDays(4)));
        var d1 = (await store.GetOpportunityAsync(deals[1].Id, default))!;
        Assert.Null(d1.Lose(owner, "price", null, DomainSettings.Default, Now.AddDays(5)));
        var d3 = (await store.GetOpportunityAsync(deals[3].Id, default))!;
        Assert.Null(d3.ReleaseToPool(null, Now.AddDays(6)));
        await store.SaveChangesAsync(default);
        var stored = (await Open().Store.FindOpportunitiesAsync(new OpportunityFilter { TeamId = team }, default)).ToList();

        var filter = field switch
        {
            "team" => new OpportunityFilter { TeamId = team },
            "owner" => new OpportunityFilter { TeamId = team, OwnerId = owner.Id },
            "involving-owner" => new OpportunityFilter { TeamId = team, InvolvingId = owner.Id },
            "involving-collaborator" => new OpportunityFilter { TeamId = team, InvolvingId = colleague.Id },
            "status" => new OpportunityFilter { TeamId = team, Status = OpportunityStatus.Lost },
            "stage" => new OpportunityFilter { TeamId = team, StageCode = "qualified" },
            "source" => new OpportunityFilter { TeamId = team, Source = LeadSource.Expo },
            "in-pool" => new OpportunityFilter { TeamId = team, InPool = true },
            "owned" => new OpportunityFilter { TeamId = team, InPool = false },
            "text-account" => new OpportunityFilter { TeamId = team, Text = " 云帆 " },
            "text-title" => new OpportunityFilter { TeamId = team, Text = "CRM" },
            "text-contact" => new OpportunityFilter { TeamId = team, Text = "Lei" },
            "updated-since" => new OpportunityFilter { TeamId = team, UpdatedSince = new DateTimeOffset(2025, 3, 7, 10, 0, 0, TimeSpan.FromHours(8)) },
            "after-number" => new OpportunityFilter { TeamId = team, AfterNumber = deals[1].Number },
            "limit" => new OpportunityFilter { TeamId = team, Limit = 2 },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var found = await Open().Store.FindOpportunitiesAsync(filter, default);

        var expected = filter.Apply(stored.AsQueryable()).Select(o => o.Number).ToList();
        Assert.Equal(expected, found.Select(o => o.Number));
        Assert.NotEmpty(expected); // the case selects something ...
        if (field != "team")
        {
            Assert.True(expected.Count < deals.Count, "... and not everything"); // ... and leaves something out
        }
        else
        {
            Assert.Equal(deals.Select(d => d.Number), expected);
        }
    }
}
