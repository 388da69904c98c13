namespace Grimoire.Llm.OpenRouter.Keys;

/// <summary>One page of <c>GET /api/v1/keys?offset=N</c>; the next page starts at <see cref="NextOffset"/>.</summary>
public sealed record OpenRouterKeyPage(IReadOnlyList<OpenRouterKeyInfo> Keys, int Offset)
{
    public int NextOffset => Offset + Keys.Count;
}
