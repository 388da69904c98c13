using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Pipeline;

/// <summary>
/// One log line per provider call for the operator: provider, model, outcome, timings, tokens and cost; for a failure
/// its kind and HTTP status. Never a message's text, the provider's error text or a key — at any level (the adapters
/// log the scrubbed provider error at Warning where it happens). Stands in for <c>UseLogging()</c>, which writes
/// messages and options at Trace.
/// </summary>
internal sealed partial class RedactedLoggingChatClient(IChatClient inner, string provider, string model, TimeProvider time, ILogger logger)
    : ObservingChatClient(inner, provider, model, time)
{
    protected override void OnStarted(ObservedCall call) => LogStarted(logger, call.Provider, call.Model);

    protected override void OnEnded(ObservedCall call)
    {
        var usage = call.Usage;
        var firstToken = call.TimeToFirstToken is { } t ? ((long)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms" : "none";
        var cost = usage?.CostUsd is { } c ? c.ToString("0.######", CultureInfo.InvariantCulture) : "unknown";
        if (call.Failure is { } failure)
        {
            LogFailed(logger, call.Provider, call.Model, failure.Kind.ToString(), failure.StatusCode, (long)call.Duration.TotalMilliseconds);
            return;
        }

        LogEnded(logger, call.Provider, call.Model, call.Outcome ?? TurnOutcomes.Cancelled, (long)call.Duration.TotalMilliseconds, firstToken,
            usage?.InputTokens ?? 0, usage?.OutputTokens ?? 0, usage?.ThinkingTokens ?? 0, cost);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider} call to {Model} started")]
    private static partial void LogStarted(ILogger logger, string provider, string model);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Provider} call to {Model} {Status} in {DurationMs} ms (first token {FirstToken}), tokens {InputTokens} in, {OutputTokens} out, {ThinkingTokens} thinking, cost {CostUsd} USD")]
    private static partial void LogEnded(ILogger logger, string provider, string model, string status, long durationMs, string firstToken,
        long inputTokens, long outputTokens, long thinkingTokens, string costUsd);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} call to {Model} failed ({FailureKind}, HTTP {StatusCode}) after {DurationMs} ms")]
    private static partial void LogFailed(ILogger logger, string provider, string model, string failureKind, int? statusCode, long durationMs);
}
