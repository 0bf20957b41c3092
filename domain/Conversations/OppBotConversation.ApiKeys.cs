using System.Globalization;
using OppBot.Domain.Integrations;
using OppBot.Domain.People;

namespace OppBot.Domain.Conversations;

public sealed partial class OppBotConversation
{
    private static readonly string[] CreateWords = ["create", "new", "add", "创建", "新建"];
    private static readonly string[] RevokeWords = ["revoke", "delete", "remove", "吊销", "撤销", "删除"];
    private static readonly string[] ListWords = ["list", "ls", "列表", "查看"];

    // apikey create <name> <Rep|Manager> <team> | apikey revoke <name> | apikey list — admins only.
    private async Task ApiKeysAsync(Turn turn, string text, CancellationToken ct)
    {
        if (turn.User.Role != Role.Admin)
        {
            turn.Say("apikey.adminOnly");
            return;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var action = words.Length == 0 ? "list" : words[0].ToLowerInvariant();
        if (CreateWords.Contains(action) && words.Length == 4)
        {
            await CreateApiKeyAsync(turn, words[1], words[2], words[3], ct);
        }
        else if (RevokeWords.Contains(action) && words.Length == 2)
        {
            await RevokeApiKeyAsync(turn, words[1], ct);
        }
        else if (ListWords.Contains(action) && words.Length == 1)
        {
            await ListApiKeysAsync(turn, ct);
        }
        else
        {
            turn.Say("apikey.usage");
        }
    }

    private async Task CreateApiKeyAsync(Turn turn, string name, string roleText, string teamId, CancellationToken ct)
    {
        if (turn.Message.Kind != ConversationKind.Personal)
        {
            turn.Say("apikey.personalOnly");
            return;
        }

        if (ParseRole(roleText) is not { } role)
        {
            turn.Say("apikey.badRole", roleText);
            return;
        }

        var team = await TeamAsync(teamId, ct);
        if (team is null && organization.Teams.FirstOrDefault(t => t.Id == teamId) is { } configured)
        {
            // A configured team nobody has talked from yet: create it as IdentifyAsync would.
            team = new Team(configured.Id, configured.Name ?? configured.Id);
            team.Configure(configured.Name ?? configured.Id, configured.TimeZoneId, configured.MonthlyTarget);
            store.Add(team);
            _addedTeam = team;
        }

        if (team is null)
        {
            turn.Say("apikey.unknownTeam", teamId);
            return;
        }

        if ((await store.ListApiKeysAsync(ct)).Any(k => k.IsActive && k.Name == name))
        {
            turn.Say("apikey.nameTaken", name);
            return;
        }

        switch (ApiKey.Issue(name, role, team.Id, turn.User, turn.Now))
        {
            case ApiKeyIssue.Issued issued:
                store.Add(issued.ActsAs);
                store.Add(issued.Key);
                turn.Say("apikey.created", name, role, team.Id, issued.PlainKey);
                break;
            case ApiKeyIssue.Refused { Why: ApiKeyRefusal.BadName }:
                turn.Say("apikey.badName", name);
                break;
            case ApiKeyIssue.Refused { Why: ApiKeyRefusal.BadRole }:
                turn.Say("apikey.badRole", roleText);
                break;
            default:
                turn.Say("apikey.adminOnly");
                break;
        }
    }

    private async Task RevokeApiKeyAsync(Turn turn, string name, CancellationToken ct)
    {
        var key = (await store.ListApiKeysAsync(ct)).FirstOrDefault(k => k.IsActive && k.Name == name);
        if (key is null || key.Revoke(turn.User, turn.Now) is not null)
        {
            turn.Say("apikey.unknown", name);
            return;
        }

        turn.Say("apikey.revoked", name);
    }

    private async Task ListApiKeysAsync(Turn turn, CancellationToken ct)
    {
        var keys = await store.ListApiKeysAsync(ct);
        if (keys.Count == 0)
        {
            turn.Say("apikey.list.empty");
            return;
        }

        var lines = keys.OrderByDescending(k => k.IsActive).ThenBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.CreatedAt).Select(k => turn.T(
            "apikey.list.line",
            k.Name,
            k.Role,
            k.TeamId,
            k.Display,
            k.RevokedAt is { } revoked ? turn.T("apikey.status.revoked", Messages.Day(turn.Locale, revoked, turn.Zone)) : turn.T("apikey.status.active"),
            Messages.Day(turn.Locale, k.CreatedAt, turn.Zone))).ToList();
        turn.Show(new Card
        {
            Title = turn.T("apikey.list.title", keys.Count(k => k.IsActive).ToString(CultureInfo.InvariantCulture)),
            Sections = [new CardSection(null, lines)],
        });
    }

    private static Role? ParseRole(string text) => text.Trim().ToLowerInvariant() switch
    {
        "rep" or "sales" or "销售" or "代表" => Role.Rep,
        "manager" or "mgr" or "经理" or "主管" => Role.Manager,
        _ => null,
    };
}
