using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Playground.Turns;

/// <summary>A token bucket per student (X7). Singleton: the buckets are the state.</summary>
public sealed class StudentRateLimiter(IOptions<PlaygroundOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> limiter = PartitionedRateLimiter.Create<Guid, Guid>(
        userId => options.Value.TurnsPerMinute <= 0
            ? RateLimitPartition.GetNoLimiter(userId)
            : RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, options.Value.TurnBurst),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / options.Value.TurnsPerMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Null when the student may send now; otherwise why not, in words.</summary>
    public string? TryAcquire(Guid userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? $" Try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s." : "";
        return "You are sending messages faster than your course allows." + wait;
    }

    public void Dispose() => limiter.Dispose();
}
