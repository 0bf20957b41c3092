using OppBot.Bot.Tests.Support;

namespace OppBot.Bot.Tests.Host;

public class StartupTests
{
    [Fact]
    public async Task Start_BadPipelineConfig_StopsNamingTheKey()
    {
        await using var factory = new OppBotFactory(new Dictionary<string, string?>
        {
            ["Pipeline:Stages:1:SlaDays"] = "0",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Pipeline:Stages:1:SlaDays must be between 1 and 365 (was 0)", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SeveralProblems_ListsEveryOneWithItsKey()
    {
        await using var factory = new OppBotFactory(new Dictionary<string, string?>
        {
            ["Pipeline:Stages:0:Probability"] = "lots",
            ["Pipeline:Stages:2:ExitCriteria:0"] = "Luck",
            ["Scoring:Weights:Urgency"] = "90",
            ["Pool:AfterInactiveDays"] = "0",
            ["Review:Day"] = "Funday",
        });

        var messages = Messages(Assert.ThrowsAny<Exception>(() => factory.CreateClient()));

        Assert.Contains("Pipeline:Stages:0:Probability must be a number (was 'lots')", messages, StringComparison.Ordinal);
        Assert.Contains("Pipeline:Stages:2:ExitCriteria:0 must be one of", messages, StringComparison.Ordinal);
        Assert.Contains("Scoring:Weights must sum to 100", messages, StringComparison.Ordinal);
        Assert.Contains("Pool:AfterInactiveDays must be between 1 and 3650 (was 0)", messages, StringComparison.Ordinal);
        Assert.Contains("Review:Day must be a day of the week", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadSweepCron_StopsNamingTheKey()
    {
        await using var factory = new OppBotFactory(new Dictionary<string, string?> { ["FollowUps:SweepCron"] = "every now and then" });

        var messages = Messages(Assert.ThrowsAny<Exception>(() => factory.CreateClient()));

        Assert.Contains("FollowUps:SweepCron must be a Quartz cron expression", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadDeliveryOption_StopsNamingTheKey()
    {
        await using var factory = new OppBotFactory(new Dictionary<string, string?> { ["Delivery:BatchSize"] = "0" });

        var messages = Messages(Assert.ThrowsAny<Exception>(() => factory.CreateClient()));

        Assert.Contains("BatchSize", messages, StringComparison.Ordinal);
    }

    // Start-up errors may arrive wrapped (host start, aggregate); the key must be in the chain somewhere.
    private static string Messages(Exception error)
    {
        var all = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            all.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                all.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
            }
        }

        return string.Join("\n", all);
    }
}
