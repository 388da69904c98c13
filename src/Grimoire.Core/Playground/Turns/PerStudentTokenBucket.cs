using System.Threading.RateLimiting;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// A token bucket per student: <c>perMinute</c> tokens a minute on average, at most <c>burst</c> at once. A limit of 0
/// per minute turns it off. The buckets are the state, so the owner is a singleton.
/// </summary>
internal sealed class PerStudentTokenBucket(int perMinute, int burst) : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> limiter = PartitionedRateLimiter.Create<Guid, Guid>(
        userId => perMinute <= 0
            ? RateLimitPartition.GetNoLimiter(userId)
            : RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, burst),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / perMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Null when the student may go ahead now; otherwise " Try again in N s." (or "" when the wait is unknown).</summary>
    public string? TryAcquire(Guid userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? $" Try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s."
            : "";
    }

    public void Dispose() => limiter.Dispose();
}
