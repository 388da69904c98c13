using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Pipeline;

/// <summary>
/// Usage and cost capture as middleware: counts each call, its stream while open, time to first token, duration and
/// outcome, and the tokens and cost the provider reported, on <see cref="ProviderMetrics"/>.
/// </summary>
internal sealed class UsageCaptureChatClient(IChatClient inner, string provider, string model, TimeProvider time, ProviderMetrics metrics)
    : ObservingChatClient(inner, provider, model, time)
{
    protected override void OnStarted(ObservedCall call) => metrics.Started(call);

    protected override void OnEnded(ObservedCall call) => metrics.Ended(call);
}
