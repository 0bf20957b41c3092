using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OppBot.Domain.Delivery;
using static OppBot.Bot.Tests.Api.ApiHost;

namespace OppBot.Bot.Tests.Api;

/// <summary>
/// The deal endpoints, one story each, through the whole host. The default pipeline and approval policy apply: leaving
/// lead needs a contact and a confirmed need, leaving qualified a decision maker and a budget, and entering proposal
/// with ¥1,000,000 or more needs the team manager's approval.
/// </summary>
public sealed class OpportunitiesApiTests : IAsyncLifetime
{
    private readonly ApiHost _host = new();

    [Fact]
    public async Task List_FiltersAndCursorPaging_WalksEveryMatchOnce()
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));
        for (var i = 1; i <= 5; i++)
        {
            var grade = i <= 2 ? new { companySize = 9, urgency = 9, decisionMakerAccess = 9, productFit = 9 } : null; // #1, #2 grade A
            await CreateAsync(client, Deal($"客户{i}有限公司", 10_000m * i, i % 2 == 0 ? "Website" : "Expo", grade is null ? null : new { scorecard = grade }));
        }

        var numbers = new List<int>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Json(await client.GetAsync(new Uri("/api/v1/opportunities?limit=2" + (cursor is null ? "" : "&cursor=" + cursor), UriKind.Relative)));
            numbers.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetInt32()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal([1, 2, 3, 4, 5], numbers);
        Assert.Equal(3, pages); // 2 + 2 + 1, the last without a cursor
        Assert.Equal([2, 4], await NumbersAsync(client, "source=website")); // case-insensitive enum
        Assert.Equal([1, 2], await NumbersAsync(client, "grade=A"));
        Assert.Equal([2], await NumbersAsync(client, "grade=A&source=Website"));
        Assert.Equal([1, 2, 3, 4, 5], await NumbersAsync(client, "status=Open&stage=lead&stalled=false&owner=me&team=east"));
        Assert.Empty(await NumbersAsync(client, "updatedSince=2026-12-01T00:00:00Z"));
        Assert.Equal([3, 4, 5], await NumbersAsync(client, "grade=C&limit=1&cursor=" + Cursor(2), all: true));
    }

    [Theory]
    [InlineData("stage=nowhere", "stage 'nowhere' is not a stage")] // unknown stage
    [InlineData("grade=D", "grade 'D' must be one of A, B, C")] // unknown grade
    [InlineData("status=1", "status '1' must be one of")] // numbers are not enum values
    [InlineData("owner=bob", "owner must be a person's id")] // not a Guid
    [InlineData("updatedSince=yesterday", "updatedSince must be an ISO 8601")] // not a date
    [InlineData("cursor=%%%", "cursor is not one this API returned")] // not ours
    [InlineData("limit=0", "limit must be between 1 and 200")] // too small
    public async Task List_BadFilter_400SaysWhich(string query, string expected)
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));

        var response = await client.GetAsync(new Uri("/api/v1/opportunities?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Json(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ThenGet_201WithLocationETagAndTheKeyAsOwner()
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));

        var created = await client.PostAsJsonAsync("/api/v1/opportunities", Deal("Acme", 120_000m, extra: new { nextStep = "Call", nextStepDue = Now.AddDays(2) }));
        var got = await client.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/opportunities/1", created.Headers.Location?.OriginalString);
        var deal = await Json(got);
        Assert.Equal(("Acme", 120_000m, "lead", "Open", "east"), (deal.GetProperty("account").GetString(), deal.GetProperty("amount").GetDecimal(), deal.GetProperty("stage").GetString(), deal.GetProperty("status").GetString(), deal.GetProperty("teamId").GetString()));
        Assert.Equal(Now.AddDays(2), deal.GetProperty("expectedClose").GetDateTimeOffset()); // its next step's due time
        Assert.Equal("\"1\"", got.Headers.ETag?.Tag);
        var owner = await _host.StoreAsync(s => s.GetUserAsync(deal.GetProperty("ownerId").GetGuid(), default));
        Assert.Equal("API erp", owner?.DisplayName);
    }

    [Fact]
    public async Task Create_SameCustomerAsAnOpenDeal_409WithTheMatchesUnlessForced()
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));
        await CreateAsync(client, Deal("华为技术有限公司", 500_000m));

        var duplicate = await client.PostAsJsonAsync("/api/v1/opportunities", Deal("华为技术股份有限公司", 300_000m));
        var forced = await client.PostAsJsonAsync("/api/v1/opportunities?force=true", Deal("华为技术股份有限公司", 300_000m));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        var match = Assert.Single((await Json(duplicate)).GetProperty("matches").EnumerateArray());
        Assert.Equal((1, "CompanyName"), (match.GetProperty("number").GetInt32(), match.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.Created, forced.StatusCode);
        Assert.Equal(2, (await Json(forced)).GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Create_InvalidValues_400WithEveryFieldAndNothingCreated()
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));

        var response = await client.PostAsJsonAsync("/api/v1/opportunities", new { account = "Acme", title = "", amount = -5, source = "Billboard", nextStep = "Call" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Equal(["nextStepDue", "source", "title"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await NumbersAsync(client, ""));

        var negative = await client.PostAsJsonAsync("/api/v1/opportunities", Deal("Acme", -5m));
        Assert.Equal("The amount can't be negative.", (await Json(negative)).GetProperty("errors").GetProperty("amount")[0].GetString());
    }

    [Fact]
    public async Task Advance_422MissingFields_Then200Moved_Then202ApprovalRequested()
    {
        await _host.SayAsync("mgr-east", "help"); // the manager talks first: the approver, reachable in chat
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));
        var number = await CreateAsync(client, Deal("Acme", 2_000_000m));
        var url = $"/api/v1/opportunities/{number}";

        var blocked = await client.PostAsync(new Uri(url + "/advance", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        var problem = await Json(blocked);
        Assert.Equal("qualified", problem.GetProperty("target").GetString());
        Assert.Equal(["Contact", "Need"], problem.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        await PatchAsync(client, url, new { contactName = "Zhang San", scorecard = new { need = true } });
        var moved = await client.PostAsJsonAsync(url + "/advance", new { });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("qualified", (await Json(moved)).GetProperty("stage").GetString());

        await PatchAsync(client, url, new { decisionMaker = "Li Si", scorecard = new { budget = true } });
        var waiting = await client.PostAsJsonAsync(url + "/advance", new { to = "proposal" });
        Assert.Equal(HttpStatusCode.Accepted, waiting.StatusCode);
        var approval = await Json(waiting);
        Assert.Equal(("Pending", "qualified", "proposal", "Amount", "mgr-east"), (approval.GetProperty("status").GetString(), approval.GetProperty("from").GetString(), approval.GetProperty("to").GetString(), approval.GetProperty("reason").GetString(), approval.GetProperty("approver").GetString()));
        var card = await _host.StoreAsync(s => s.GetApprovalAsync(approval.GetProperty("approvalId").GetGuid(), default));
        Assert.NotNull(card?.CardMessageId); // the approval card went to the manager's chat, as from chat
        Assert.Equal("chat-mgr-east", (await _host.StoreAsync(s => s.GetOutgoingAsync(card!.CardMessageId!.Value, default)))?.Address.Key);
        Assert.Equal(MessagePurpose.ApprovalRequest, (await _host.StoreAsync(s => s.GetOutgoingAsync(card!.CardMessageId!.Value, default)))?.Purpose);

        var again = await client.PostAsJsonAsync(url + "/advance", new { to = "proposal" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("approval-pending", (await Json(again)).GetProperty("code").GetString());
        Assert.Equal("qualified", (await Json(await client.GetAsync(new Uri(url, UriKind.Relative)))).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Patch_StaleIfMatch_412AndNothingChanged()
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));
        var number = await CreateAsync(client, Deal("Acme", 100_000m));
        var url = $"/api/v1/opportunities/{number}";
        await PatchAsync(client, url, new { amount = 150_000 }, "\"1\""); // now at version 2

        using var stale = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { amount = 999 }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var response = await client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(2, (await Json(response)).GetProperty("currentVersion").GetInt32());
        Assert.Equal(150_000m, (await Json(await client.GetAsync(new Uri(url, UriKind.Relative)))).GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Visibility_KeyOfAnotherTeam_404AndAbsentFromLists()
    {
        using var east = _host.Client(await _host.CreateKeyAsync("erp"));
        using var west = _host.Client(await _host.CreateKeyAsync("oa", "Manager", "west"));
        var number = await CreateAsync(east, Deal("Acme", 100_000m));
        var url = $"/api/v1/opportunities/{number}";

        Assert.Equal(HttpStatusCode.NotFound, (await west.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.PatchAsJsonAsync(url, new { title = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.PostAsync(new Uri(url + "/advance", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await west.PostAsJsonAsync(url + "/follow-ups", new { note = "hi" })).StatusCode);
        Assert.Empty(await NumbersAsync(west, ""));
        Assert.Empty(await NumbersAsync(west, "team=east"));
    }

    [Fact]
    public async Task Patch_RepKeyOnAChatRepsDeal_403ButReadable()
    {
        await _host.SayAsync("rep-east", "lead Acme CRM 100000");
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));

        var read = await client.GetAsync(new Uri("/api/v1/opportunities/1", UriKind.Relative));
        var write = await client.PatchAsJsonAsync("/api/v1/opportunities/1", new { title = "Ours" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode); // a rep reads the team's deals
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode); // and edits only its own
        Assert.Equal("not-your-deal", (await Json(write)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task FollowUp_WithNextStep_201AndBothSaved()
    {
        using var client = _host.Client(await _host.CreateKeyAsync("erp"));
        var number = await CreateAsync(client, Deal("Acme", 100_000m));

        var response = await client.PostAsJsonAsync($"/api/v1/opportunities/{number}/follow-ups", new { note = "Met the CIO", nextStep = "Send the quote", nextStepDue = Now.AddDays(3) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var deal = await Json(response);
        Assert.Equal("Met the CIO", Assert.Single(deal.GetProperty("followUps").EnumerateArray()).GetProperty("note").GetString());
        Assert.Equal("Send the quote", deal.GetProperty("nextStep").GetString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task PatchAsync(HttpClient client, string url, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        }

        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<int>> NumbersAsync(HttpClient client, string query, bool all = false)
    {
        var numbers = new List<int>();
        var url = "/api/v1/opportunities?" + query;
        while (true)
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = await Json(response);
            numbers.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetInt32()));
            if (!all || page.GetProperty("nextCursor").GetString() is not { } cursor)
            {
                return numbers;
            }

            url = "/api/v1/opportunities?" + query[..query.IndexOf("&cursor=", StringComparison.Ordinal)] + "&cursor=" + cursor;
        }
    }

    // The cursor the API hands out after deal #n (opaque to clients; tests may know it).
    private static string Cursor(int number) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("n:" + number)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
