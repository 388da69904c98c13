using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Pipeline;

/// <summary>
/// A middleware that watches a call without changing it: every update passes through as it came, exceptions are
/// rethrown, and <see cref="OnEnded"/> runs once however the call ends. A non-streaming call is served by streaming,
/// as the adapters do, so it is observed too.
/// </summary>
internal abstract class ObservingChatClient(IChatClient inner, string provider, string model, TimeProvider time) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = new ObservedCall(provider, options?.ModelId ?? model, time);
        OnStarted(call);
        try
        {
            await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        call.Completed();
                        break;
                    }
                }
                catch (Exception ex)
                {
                    call.Threw(ex, cancellationToken);
                    throw;
                }

                call.Observe(updates.Current);
                yield return updates.Current;
            }
        }
        finally
        {
            call.Abandoned(); // no-op when the call already ended
            OnEnded(call);
        }
    }

    protected abstract void OnStarted(ObservedCall call);

    protected abstract void OnEnded(ObservedCall call);
}
