using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Grimoire.Llm.Pipeline;

/// <summary>
/// Wraps an adapter in the provider pipeline with <see cref="ChatClientBuilder"/>, outermost first:
/// course policy (<see cref="PolicyChatClient"/>: everything below sees only what will be sent), OpenTelemetry
/// (<c>gen_ai.*</c> spans and metrics on <see cref="SourceName"/>, no message content), usage and cost capture
/// (<see cref="UsageCaptureChatClient"/>) and redacted logging (<see cref="RedactedLoggingChatClient"/>). The adapter
/// serialises the body once and records those bytes (AC1.4); no middleware touches a request after that.
/// </summary>
internal static class ProviderPipeline
{
    /// <summary>The activity source and meter of <c>UseOpenTelemetry()</c> (the <c>gen_ai.*</c> conventions).</summary>
    public const string SourceName = "Grimoire.Llm";

    public static IChatClient Build(IChatClient adapter, string provider, string model, TimeProvider time, ProviderMetrics metrics, ILoggerFactory loggers) =>
        new ChatClientBuilder(adapter)
            .Use(inner => new PolicyChatClient(inner))
            .UseOpenTelemetry(sourceName: SourceName) // no logger: its log events are message content
            .Use(inner => new UsageCaptureChatClient(inner, provider, model, time, metrics))
            .Use(inner => new RedactedLoggingChatClient(inner, provider, model, time, loggers.CreateLogger("Grimoire.Llm.Calls")))
            .Build();
}
