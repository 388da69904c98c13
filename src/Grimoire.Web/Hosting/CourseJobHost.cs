using Grimoire.Core.Jobs;

namespace Grimoire.Web.Hosting;

/// <summary>
/// Course jobs in the web host: at start, jobs a previous process left running are marked interrupted; on stop,
/// running jobs are interrupted and each saves its final state before the process exits.
/// </summary>
internal sealed class CourseJobHost(CourseJobRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.RecoverAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runner.ShutdownAsync(cancellationToken);
}
