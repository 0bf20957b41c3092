using OppBot.Domain.Scheduling;
using Quartz;

namespace OppBot.Bot.Jobs;

/// <summary>Every hour, posts the weekly review of each team whose review day and time have come (<c>Review:Day</c>, <c>Review:Time</c>).</summary>
[DisallowConcurrentExecution]
public sealed class WeeklyReviewJob(WeeklyReview review, DeliverySignal delivery, TimeProvider clock, ILogger<WeeklyReviewJob> logger) : IJob
{
    /// <summary>The job's key.</summary>
    public static readonly JobKey Key = new("weekly-review", "oppbot");

    /// <inheritdoc/>
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var r = await review.RunDueAsync(clock.GetUtcNow(), cancellationToken);
            delivery.Notify();
            Log.ReviewFinished(logger, r.TeamsChecked, r.Posted, r.MessagesQueued);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next hourly check retries: a week's review is recorded with its messages, so it is posted once.
            Log.ReviewFailed(logger, ex);
        }
    }
}
