using System.Text.Json;
using OppBot.Adapters.Persistence;
using OppBot.Bench.Support;
using OppBot.Domain;
using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scoring;

namespace OppBot.Bench.Chat;

/// <summary>A person the load generator talks as: a rep with a Teams identity, a personal chat, a WeCom id and a deal.</summary>
internal sealed record BenchUser(int Index, Guid Id, string FromId, string AadId, string Name, string ConversationId, string WeComId, int DealNumber);

/// <summary>The people, and the pending approvals each person is the approver of.</summary>
internal sealed record ChatData(IReadOnlyList<BenchUser> Users, IReadOnlyList<IReadOnlyList<Guid>> ApprovalsByApprover);

/// <summary>
/// Seeds the chat benchmark's database through OppBot's own store and domain (so every row is what OppBot writes):
/// teams of <see cref="TeamSize"/>, <c>users</c> reps who have talked to OppBot before (Teams identity and personal-chat address exactly as
/// the Teams adapter derives them from the activities the load generator sends, so a turn changes nothing about the
/// person), one deal each in "qualified" (the one <c>show</c> and <c>log</c> use) and <c>approvals</c> more deals each
/// of 1.2M waiting for approval to move to "proposal", approved by the next person.
/// </summary>
internal static class ChatSeed
{
    /// <summary>People per team: a sales team's size (every card names the team's people, so this matters).</summary>
    public const int TeamSize = 10;
    public const string TenantId = "bench-tenant";
    public const string BotId = "28:bench-bot";
    public const string Locale = "en-US";

    public static async Task<ChatData> SeedAsync(BenchDb db, Uri serviceUrl, int userCount, int approvalsPerUser, CancellationToken cancellationToken)
    {
        await db.MigrateAsync(cancellationToken);
        var settings = DomainSettings.Default;
        var now = TimeProvider.System.GetUtcNow();
        var reps = new List<SalesRep>(userCount);
        var users = new List<BenchUser>(userCount);
        for (var k = 0; k < userCount; k++)
        {
            var name = $"User {k}";
            var rep = new SalesRep(name, Role.Rep, TeamOf(k), Locale, now);
            rep.LinkIdentity(new ChannelIdentity("teams", $"aad-{k}"));
            rep.LinkIdentity(new ChannelIdentity("wecom", $"wu{k}"));
            rep.RememberAddress(TeamsPersonalAddress(serviceUrl, k));
            reps.Add(rep);
        }

        await using (var context = db.CreateDbContext())
        {
            var store = new EfOppBotStore(context);
            for (var t = 0; t * TeamSize < userCount; t++)
            {
                var team = new Team(TeamOf(t * TeamSize), $"Sales {t}");
                team.Configure($"Sales {t}", SalesRep.DefaultTimeZoneId, 10_000_000m);
                store.Add(team);
            }

            await store.SaveChangesAsync(cancellationToken);
        }

        var approvals = Enumerable.Range(0, userCount).Select(_ => new List<Guid>()).ToList();
        const int Chunk = 500;
        for (var start = 0; start < userCount; start += Chunk)
        {
            await using var context = db.CreateDbContext();
            var store = new EfOppBotStore(context);
            for (var k = start; k < Math.Min(start + Chunk, userCount); k++)
            {
                var rep = reps[k];
                store.Add(rep);
                var deal = await DealAsync(store, rep, settings, now, cancellationToken);
                users.Add(new BenchUser(k, rep.Id, $"29:u-{k}", $"aad-{k}", rep.DisplayName, ConversationId(k), $"wu{k}", deal.Number));
                var approver = reps[(k + 1) % userCount];
                for (var a = 0; a < approvalsPerUser; a++)
                {
                    var pending = await DealAsync(store, rep, settings, now, cancellationToken);
                    var approval = new Approval(pending.Id, pending.Number, rep.Id, approver.Id, pending.StageCode, "proposal", pending.Amount, pending.Currency, ApprovalReason.Amount, now);
                    store.Add(approval);
                    approvals[(k + 1) % userCount].Add(approval.Id);
                }
            }

            await store.SaveChangesAsync(cancellationToken);
        }

        BenchDb.ReleaseConnections();
        return new ChatData(users, approvals);
    }

    public static string ConversationId(int k) => $"bench-c-{k}";

    public static string TeamOf(int k) => $"team-{k / TeamSize}";

    /// <summary>The address the Teams adapter derives from a personal-chat activity (TeamsAddress, property order kept).</summary>
    public static ConversationAddress TeamsPersonalAddress(Uri serviceUrl, int k) => new(
        "teams",
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["url"] = serviceUrl.AbsoluteUri,
            ["conv"] = ConversationId(k),
            ["tenant"] = TenantId,
            ["type"] = "personal",
            ["user"] = $"29:u-{k}",
            ["aad"] = $"aad-{k}",
            ["bot"] = BotId,
        }));

    private static async Task<Opportunity> DealAsync(EfOppBotStore store, SalesRep owner, DomainSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var number = await store.NextOpportunityNumberAsync(cancellationToken);
        var draft = new LeadDraft
        {
            Account = $"Acme {number}",
            Title = "CRM rollout",
            Amount = 1_200_000m,
            Source = LeadSource.Expo,
            ContactName = "Li Wei",
            ContactEmail = $"li.wei@acme{number}.example",
            DecisionMaker = "CIO",
            NextStep = "call the CFO",
            NextStepDue = now.AddDays(3),
            Scorecard = new Scorecard(7, 6, 8, 7) { Budget = true, Need = true, Authority = true, Timeline = true },
        };
        var deal = Opportunity.Create(draft, owner, number, settings, now, out var problems)
            ?? throw new InvalidOperationException("Seed deal refused: " + string.Join("; ", problems));
        deal.Import(new ImportedState("qualified", NextStepDue: now.AddDays(3)), owner, settings, now);
        store.Add(deal);
        return deal;
    }
}
