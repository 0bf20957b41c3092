using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OppBot.Bot.Jobs;
using OppBot.Bot.Tests.Support;
using OppBot.Domain;
using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scoring;
using Quartz;

namespace OppBot.Bot.Tests.Jobs;

public class JobsSetupTests
{
    [Fact]
    public async Task Start_Defaults_JobsWithTheirCronAndFireOnceAfterAMisfire()
    {
        await using var factory = new OppBotFactory();
        var scheduler = await StartedSchedulerAsync(factory);

        var sweep = await CronTriggerAsync(scheduler, FollowUpSweepJob.Key);
        var review = await CronTriggerAsync(scheduler, WeeklyReviewJob.Key);

        Assert.Equal(("0 0/15 * * * ?", CronTriggerMisfireInstruction.FireAndProceed), (sweep.CronExpressionString, sweep.MisfireInstruction));
        Assert.Equal(("0 0 * * * ?", CronTriggerMisfireInstruction.FireAndProceed), (review.CronExpressionString, review.MisfireInstruction));
        Assert.Equal(TimeZoneInfo.Utc.Id, sweep.TimeZone.Id);
    }

    [Fact]
    public async Task Start_PersistentStore_QuartzTablesAndJobsAreInTheAppDatabase()
    {
        await using var factory = new OppBotFactory();
        var scheduler = await StartedSchedulerAsync(factory);

        var meta = await scheduler.GetMetadata();
        await using var connection = new SqliteConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var tables = await ColumnAsync(connection, "SELECT lower(name) FROM sqlite_master WHERE type = 'table' AND lower(name) LIKE 'qrtz%'");
        var jobs = await ColumnAsync(connection, "SELECT job_name FROM qrtz_job_details ORDER BY job_name");
        var versions = await ColumnAsync(connection, "SELECT name FROM schema_versions ORDER BY version");

        Assert.True(meta.JobStorePersistent);
        Assert.Contains("qrtz_job_details", tables);
        Assert.Contains("qrtz_triggers", tables);
        Assert.Contains("qrtz_cron_triggers", tables);
        Assert.Contains("qrtz_fired_triggers", tables);
        Assert.Contains("qrtz_locks", tables);
        Assert.Equal(["follow-up-sweep", "weekly-review"], jobs);
        Assert.Contains("002_quartz.sql", versions);
    }

    [Fact]
    public async Task Restart_CronChangedInConfiguration_StoredTriggerReplaced()
    {
        var path = OppBotFactory.NewDatabasePath();
        try
        {
            await using (var first = new OppBotFactory(databasePath: path))
            {
                await StartedSchedulerAsync(first);
            }

            await using var second = new OppBotFactory(new Dictionary<string, string?> { ["FollowUps:SweepCron"] = "0 0/5 * * * ?" }, path);
            var scheduler = await StartedSchedulerAsync(second);

            Assert.Equal("0 0/5 * * * ?", (await CronTriggerAsync(scheduler, FollowUpSweepJob.Key)).CronExpressionString);
        }
        finally
        {
            OppBotFactory.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task SweepJob_Triggered_NudgeReachesTheRep()
    {
        await using var factory = new OppBotFactory();
        var scheduler = await StartedSchedulerAsync(factory);
        var dealNumber = await SeedOverdueDealAsync(factory);

        await scheduler.TriggerJob(FollowUpSweepJob.Key);
        await factory.Sender.WaitForDeliveredAsync(1);

        var nudge = Assert.Single(factory.Sender.Delivered);
        Assert.Equal("chat-li", nudge.Address.Key);
        Assert.Contains(nudge.Reply.Cards, c => c.Actions.Any(a => a.Verb == Verbs.Snooze && a.Data["n"] == dealNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task<IScheduler> StartedSchedulerAsync(OppBotFactory factory)
    {
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (scheduler.Status != SchedulerStatus.Running)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), "the scheduler did not start");
            await Task.Delay(50);
        }

        return scheduler;
    }

    private static async Task<ICronTrigger> CronTriggerAsync(IScheduler scheduler, JobKey job) =>
        Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(JobsSetup.TriggerOf(job)));

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    // A rep reachable on the recording channel, working around the clock, with a deal whose next step is already due.
    private static async Task<int> SeedOverdueDealAsync(OppBotFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
        var settings = scope.ServiceProvider.GetRequiredService<DomainSettings>();
        var now = TimeProvider.System.GetUtcNow();
        var rep = new SalesRep("Li Lei", Role.Rep, "sales", "zh-CN", now.AddDays(-1));
        rep.RememberAddress(new ConversationAddress(RecordingChannelSender.DefaultChannel, "chat-li"));
        rep.SetWorkingHours(new WorkingHours(TimeOnly.MinValue, TimeOnly.MaxValue, Enum.GetValues<DayOfWeek>()));
        store.Add(rep);
        var number = await store.NextOpportunityNumberAsync(CancellationToken.None);
        var draft = new LeadDraft { Account = "华为技术有限公司", Title = "ERP升级", Amount = 500_000m, Scorecard = new Scorecard(8, 9, 7, 8) };
        var deal = Opportunity.Create(draft, rep, number, settings, now.AddHours(-2), out var problems)!;
        Assert.Empty(problems);
        Assert.Null(deal.SetNextStep(rep, "给客户打电话", now.AddHours(-1), now.AddHours(-1)));
        store.Add(deal);
        await store.SaveChangesAsync(CancellationToken.None);
        return number;
    }
}
