using Grimoire.Core.Playground.Turns;

namespace Grimoire.Web.Hosting;

/// <summary>On shutdown, marks every streaming answer interrupted (with what arrived) before the process exits.</summary>
internal sealed class TurnShutdown(TurnExecution execution) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => execution.ShutdownAsync(cancellationToken);
}
