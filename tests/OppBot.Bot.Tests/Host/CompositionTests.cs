using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OppBot.Bot.Tests.Support;
using OppBot.Domain;
using OppBot.Domain.Conversations;
using OppBot.Domain.Scheduling;

namespace OppBot.Bot.Tests.Host;

public class CompositionTests
{
    [Fact]
    public async Task Services_CoreAndScheduling_ResolveInAScope()
    {
        await using var factory = new OppBotFactory(new Dictionary<string, string?> { ["Review:Day"] = "Friday", ["Review:Time"] = "17:30" });
        await using var scope = factory.Services.CreateAsyncScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<OppBotConversation>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<FollowUpSweep>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<WeeklyReview>());
        Assert.Equal("sales", scope.ServiceProvider.GetRequiredService<OrganizationSettings>().DefaultTeamId);
        var scheduling = scope.ServiceProvider.GetRequiredService<SchedulingSettings>();
        Assert.Equal((DayOfWeek.Friday, new TimeOnly(17, 30)), (scheduling.ReviewDay, scheduling.ReviewTime));
        Assert.Equal(4, scope.ServiceProvider.GetRequiredService<DomainSettings>().Pipeline.Active.Count);
    }

    [Fact]
    public async Task PostMessages_ATurn_ItsReplyIsDeliveredWithoutWaitingForAPoll()
    {
        // Polling once a minute: only the poke after the turn can bring the reply out within the test's wait.
        await using var factory = new OppBotFactory(new Dictionary<string, string?> { ["Delivery:PollInterval"] = "00:01:00" });
        using var client = factory.CreateClient();
        await Task.Delay(300); // the loop's first look at the empty outbox is over; it now waits for a poke
        var activity = """
            {
              "type": "message", "id": "turn-1", "channelId": "msteams", "text": "help", "locale": "en-US",
              "serviceUrl": "http://127.0.0.1:9/", "from": { "id": "29:li", "name": "Li Lei", "aadObjectId": "00000000-0000-4000-8000-0000000000a1" },
              "conversation": { "id": "a:personal-li", "conversationType": "personal", "tenantId": "00000000-0000-4000-8000-000000000001" },
              "recipient": { "id": "28:oppbot", "name": "OppBot" }
            }
            """;

        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity, Encoding.UTF8, "application/json"));

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await factory.Sender.WaitForDeliveredAsync(1, TimeSpan.FromSeconds(15));
        Assert.Equal("teams", factory.Sender.Delivered[0].Address.Channel);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
