using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Grimoire.LoadTest.Circuits;

/// <summary>
/// The Blazor Server hub's protocol as blazor.web.js speaks it: SignalR's MessagePack protocol under the name
/// "blazorpack" (CircuitManager.ts sets exactly that name on a MessagePackHubProtocol). Counts the bytes of every
/// hub message received, which is what the browser's WebSocket frames carry (minus the frame headers).
/// </summary>
internal sealed class BlazorPackProtocol(Action<long> received) : IHubProtocol
{
    private readonly MessagePackHubProtocol inner = new();

    public string Name => "blazorpack";

    public int Version => inner.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var before = input.Length;
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        received(before - input.Length);
        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
}
