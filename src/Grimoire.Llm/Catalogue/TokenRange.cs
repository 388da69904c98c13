namespace Grimoire.Llm.Catalogue;

/// <summary>An inclusive range of token counts for a slider or a validator.</summary>
public readonly record struct TokenRange(int Min, int Max)
{
    public bool Contains(int value) => value >= Min && value <= Max;

    public int Clamp(int value) => Math.Clamp(value, Min, Max);
}
