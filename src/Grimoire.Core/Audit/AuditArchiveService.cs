using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Audit;

/// <summary>
/// Runs the archive's writer with the host: starts it (recovering a torn tail, reporting it) before anything
/// serves, stops it after everything that appends. Register it before the services whose stop writes records
/// (hosted services stop in reverse order), e.g. before the one that interrupts running turns.
/// </summary>
public sealed class AuditArchiveService(AuditArchive archive) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await archive.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var status = archive.GetStatus();
            throw new OptionsValidationException(AuditOptions.Section, typeof(AuditOptions),
                [$"the audit archive in {AuditOptions.Section}:Directory ({status.Directory}) cannot be written: {ex.Message}"]);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => archive.StopAsync(cancellationToken);
}
