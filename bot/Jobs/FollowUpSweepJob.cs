using OppBot.Domain.Scheduling;
using Quartz;

namespace OppBot.Bot.Jobs;

/// <summary>Runs the follow-up sweep (<c>FollowUps:SweepCron</c>, every 15 minutes by default).</summary>
[DisallowConcurrentExecution]
public sealed class FollowUpSweepJob(FollowUpSweep sweep, DeliverySignal delivery, TimeProvider clock, ILogger<FollowUpSweepJob> logger) : IJob
{
    /// <summary>The job's key.</summary>
    public static readonly JobKey Key = new("follow-up-sweep", "oppbot");

    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var r = await sweep.RunAsync(clock.GetUtcNow(), cancellationToken);
            delivery.Notify();
            Log.SweepFinished(logger, r.DealsScanned, r.NudgesQueued, r.Escalations, r.Skipped, r.Deferred, r.ReleasedToPool, r.Conflicts);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next trigger retries; the sweep is idempotent because each nudge records when it was sent.
            Log.SweepFailed(logger, ex);
        }
    }
}
