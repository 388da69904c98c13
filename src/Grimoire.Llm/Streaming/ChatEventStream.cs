using System.Runtime.CompilerServices;
using Grimoire.Llm.Wire;
using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Streaming;

/// <summary>Turns any Grimoire chat client's updates into the one provider-neutral event stream.</summary>
public static class ChatEventStream
{
    /// <summary>
    /// Streams <paramref name="messages"/> as <see cref="ChatEvent"/>s. Never throws for provider failures or
    /// cancellation: the stream ends with <see cref="Failed"/> or <see cref="Finished"/> (reason Cancelled) instead.
    /// </summary>
    public static async IAsyncEnumerable<ChatEvent> StreamEventsAsync(
        this IChatClient client,
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var mapper = new ChatEventMapper();
        var pending = new List<ChatEvent>(4);
        var updates = client.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatEvent? terminal = null;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }

                    mapper.Map(updates.Current, pending);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    terminal = new Finished(FinishReason.Cancelled);
                }
                catch (ProviderException ex)
                {
                    terminal = new Failed(ex.Failure);
                }
                catch (OperationCanceledException)
                {
                    terminal = new Failed(FailureMap.Timeout());
                }

                foreach (var e in pending)
                {
                    yield return e;
                }

                pending.Clear();
                if (terminal is not null)
                {
                    yield return terminal;
                    yield break;
                }
            }
        }
        finally
        {
            await updates.DisposeAsync();
        }

        yield return new Finished(mapper.FinishReason ?? FinishReason.Stop);
    }
}
