using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Attachments;

/// <summary>
/// In the web host: every <see cref="AttachmentOptions.CleanupInterval"/>, deletes files uploaded but never sent
/// (<see cref="AttachmentCleanup.PendingAsync"/>). A failed sweep is logged and tried again next time.
/// </summary>
public sealed class AttachmentCleanupService(
    AttachmentCleanup cleanup, IOptions<AttachmentOptions> options, TimeProvider time, ILogger<AttachmentCleanupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await cleanup.PendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a sweep that fails (database busy, store unreachable) must not stop the host; the next one retries
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Deleting never-sent attachments failed; trying again in {Interval}", options.Value.CleanupInterval);
            }
        }
    }
}
