using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Grimoire.Llm.Wire;

/// <summary>Reads SSE items and turns transport faults into failures: a dropped connection is Interrupted.</summary>
internal static class SseStreamReading
{
    public static async ValueTask<bool> MoveNextAsync<T>(IAsyncEnumerator<SseItem<T>> items, CancellationToken cancellationToken)
    {
        try
        {
            return await items.MoveNextAsync();
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(FailureMap.Interrupted());
        }
        catch (IOException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (JsonException)
        {
            throw new ProviderException(FailureMap.MidStream("the provider sent malformed data", null));
        }
    }
}
