using System.Diagnostics.Metrics;
using Grimoire.Core.Playground;
using Grimoire.Core.Refusals;

namespace Grimoire.Web.Refusals;

/// <summary>
/// Counts the refusals the web layer showed, as <c>grimoire.web.refusals</c> on the <c>Grimoire</c> meter tagged with
/// the kind and where it was shown (http, notice, boundary), and logs the kind and type for the operator (never the
/// sentence's inputs or who asked). Singleton.
/// </summary>
public sealed class RefusalMetrics
{
    private readonly Counter<long> shown;
    private readonly ILogger<RefusalMetrics> logger;

    public RefusalMetrics(IMeterFactory meterFactory, ILogger<RefusalMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.logger = logger;
        shown = meterFactory.Create(PlaygroundRefusals.MeterName).CreateCounter<long>("grimoire.web.refusals", "{refusal}",
            "Refusals shown to a person, by kind and where (http, notice, boundary).");
    }

    public void Record(RefusalException refusal, string where)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        shown.Add(1, new KeyValuePair<string, object?>("kind", refusal.Kind.ToString()), new KeyValuePair<string, object?>("where", where));
        logger.LogInformation("Refusal {Kind} ({Type}) shown as {Where}", refusal.Kind, refusal.GetType().Name, where);
    }
}
