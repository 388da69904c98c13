namespace Grimoire.Core.Workspaces;

public static class DocumentSourceTypes
{
    /// <summary>A playground conversation exported for annotation.</summary>
    public const string Playground = "playground";
}
