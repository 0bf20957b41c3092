using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OppBot.Adapters.Persistence;
using Quartz;

namespace OppBot.Bot.Jobs;

/// <summary>
/// Quartz.NET with its AdoJobStore in the app's own database (the tables come with the schema: 002_quartz.sql).
/// A trigger missed while OppBot was down fires once when it is back; schedules changed in configuration replace the
/// stored triggers at start. A new job is one more <c>Schedule</c> line here.
/// </summary>
public static class JobsSetup
{
    /// <summary>The follow-up sweep's default schedule: every 15 minutes.</summary>
    public const string DefaultSweepCron = "0 0/15 * * * ?";

    /// <summary>The weekly review's default check: every hour on the hour.</summary>
    public const string DefaultReviewCheckCron = "0 0 * * * ?";

    /// <summary>
    /// Registers the scheduler (persistent store on SQLite, or on PostgreSQL clustered across instances), the two jobs
    /// with their cron triggers (<c>FollowUps:SweepCron</c>, <c>Review:CheckCron</c>; Quartz format, UTC) and the
    /// hosted service, which waits for running jobs on shutdown. An invalid cron stops start-up naming its key.
    /// The optional <c>Quartz</c> section tunes the scheduler (e.g. <c>Quartz:ThreadPool:MaxConcurrency</c>).
    /// </summary>
    public static WebApplicationBuilder AddOppBotJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var sweepCron = Cron(configuration, "FollowUps:SweepCron", DefaultSweepCron);
        var reviewCron = Cron(configuration, "Review:CheckCron", DefaultReviewCheckCron);
        var postgres = string.Equals(configuration["Database:Provider"], DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase);

        builder.Services.Configure<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        builder.Services.AddQuartz(configuration.GetSection("Quartz"), q =>
        {
            // Each instance its own id in the cluster, generated at start (host name + time): a shared id would make
            // each instance take the other's firings for its own (UseClustering would also turn this on; said here so
            // nobody "fixes" it with a literal InstanceId, which Quartz 4.7 takes as the one id of every instance).
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "OppBot";
                s.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.ConfigureStore(s => s.StoreJobDataAsStrings = true);
                store.UseSystemTextJsonSerializer();
                if (postgres)
                {
                    store.UsePostgres(source => source.DataSourceFactory = services => NpgsqlDataSource.Create(ConnectionString(services)));
                    store.UseClustering(_ => { });
                }
                else
                {
                    store.UseSqlite(source => source.DataSourceFactory = services => SqliteFactory.Instance.CreateDataSource(ConnectionString(services)));
                }
            });

            Schedule<FollowUpSweepJob>(q, FollowUpSweepJob.Key, sweepCron);
            Schedule<WeeklyReviewJob>(q, WeeklyReviewJob.Key, reviewCron);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>The trigger of a job: the job's name in the same group.</summary>
    public static TriggerKey TriggerOf(JobKey job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new TriggerKey(job.Name, job.Group);
    }

    private static void Schedule<TJob>(IQuartzBuilder q, JobKey key, string cron)
        where TJob : IJob
    {
        q.AddJob<TJob>(job => job.WithIdentity(key));
        q.AddTrigger(trigger => trigger
            .ForJob(key)
            .WithIdentity(TriggerOf(key))
            .WithCronSchedule(cron, schedule => schedule
                .InTimeZone(TimeZoneInfo.Utc)
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }

    private static string Cron(IConfiguration configuration, string key, string fallback)
    {
        var cron = string.IsNullOrWhiteSpace(configuration[key]) ? fallback : configuration[key]!.Trim();
        if (!CronExpression.TryParse(cron, out _))
        {
            throw new InvalidOperationException($"OppBot cannot start: {key} must be a Quartz cron expression such as '{fallback}' (was '{cron}').");
        }

        return cron;
    }

    // The same database as the app's, as the persistence adapter resolved it (a relative SQLite path under the content root).
    private static string ConnectionString(IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<OppBotDbContext>>().CreateDbContext();
        return db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The database has no connection string.");
    }
}
