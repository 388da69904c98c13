using System.Diagnostics.Metrics;

namespace Grimoire.Llm.Pipeline;

/// <summary>
/// The provider calls on the <c>Grimoire</c> meter, recorded by the pipeline's usage middleware. Labels are the
/// provider kind, the model id and (when finished) the outcome — never a person, a conversation or a key. A "turn" is
/// one provider call: an answer or a regeneration (a retry inside the adapter is not another one). Singleton.
/// </summary>
public sealed class ProviderMetrics
{
    public const string MeterName = "Grimoire";
    public const string TurnsStarted = "grimoire.llm.turns.started";
    public const string TurnsFinished = "grimoire.llm.turns.finished";
    public const string StreamsInFlight = "grimoire.llm.streams_in_flight";
    public const string TimeToFirstToken = "grimoire.llm.time_to_first_token";
    public const string TurnDuration = "grimoire.llm.turn.duration";
    public const string InputTokens = "grimoire.llm.tokens.input";
    public const string OutputTokens = "grimoire.llm.tokens.output";
    public const string ThinkingTokens = "grimoire.llm.tokens.thinking";
    public const string CostUsd = "grimoire.llm.cost_usd";

    private readonly Counter<long> started;
    private readonly Counter<long> finished;
    private readonly UpDownCounter<long> inFlight;
    private readonly Histogram<double> firstToken;
    private readonly Histogram<double> duration;
    private readonly Counter<long> input;
    private readonly Counter<long> output;
    private readonly Counter<long> thinking;
    private readonly Counter<double> cost;

    public ProviderMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        this.started = meter.CreateCounter<long>(TurnsStarted, "{turn}", "Provider calls started, by provider and model.");
        this.finished = meter.CreateCounter<long>(TurnsFinished, "{turn}", "Provider calls ended, by provider, model and status.");
        inFlight = meter.CreateUpDownCounter<long>(StreamsInFlight, "{stream}", "Provider streams open now, by provider and model.");
        firstToken = meter.CreateHistogram(TimeToFirstToken, "s", "From sending the request to the first text or thinking, by provider and model.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60] });
        duration = meter.CreateHistogram(TurnDuration, "s", "Provider calls from start to end, by provider, model and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600] });
        input = meter.CreateCounter<long>(InputTokens, "{token}", "Input tokens the provider reported, by provider and model.");
        output = meter.CreateCounter<long>(OutputTokens, "{token}", "Output tokens (thinking included where billed so), by provider and model.");
        this.thinking = meter.CreateCounter<long>(ThinkingTokens, "{token}", "Thinking tokens the provider reported, by provider and model.");
        this.cost = meter.CreateCounter<double>(CostUsd, "{USD}", "Cost in US dollars (reported by the provider or from its price list), by provider and model.");
    }

    internal void Started(ObservedCall call)
    {
        this.started.Add(1, Provider(call), Model(call));
        inFlight.Add(1, Provider(call), Model(call));
    }

    internal void Ended(ObservedCall call)
    {
        var status = new KeyValuePair<string, object?>("status", call.Outcome);
        inFlight.Add(-1, Provider(call), Model(call));
        this.finished.Add(1, Provider(call), Model(call), status);
        duration.Record(call.Duration.TotalSeconds, Provider(call), Model(call), status);
        if (call.TimeToFirstToken is { } first)
        {
            firstToken.Record(first.TotalSeconds, Provider(call), Model(call));
        }

        if (call.Usage is { } usage)
        {
            input.Add(usage.InputTokens, Provider(call), Model(call));
            output.Add(usage.OutputTokens, Provider(call), Model(call));
            if (usage.ThinkingTokens is { } thinking)
            {
                this.thinking.Add(thinking, Provider(call), Model(call));
            }

            if (usage.CostUsd is { } cost)
            {
                this.cost.Add((double)cost, Provider(call), Model(call));
            }
        }
    }

    private static KeyValuePair<string, object?> Provider(ObservedCall call) => new("provider", call.Provider);

    private static KeyValuePair<string, object?> Model(ObservedCall call) => new("model", call.Model);
}
