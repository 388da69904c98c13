using Microsoft.Extensions.AI;

namespace Grimoire.Llm.Wire;

/// <summary>Carries the <see cref="WireRequest"/> in the first <see cref="ChatResponseUpdate"/> of every stream.</summary>
public sealed class WireRequestContent(WireRequest request) : AIContent
{
    public WireRequest Request { get; } = request ?? throw new ArgumentNullException(nameof(request));
}
