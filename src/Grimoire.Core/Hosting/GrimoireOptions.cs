namespace Grimoire.Core.Hosting;

/// <summary>Bound from <c>Grimoire</c>: settings that belong to no one room.</summary>
public sealed class GrimoireOptions
{
    public const string Section = "Grimoire";

    /// <summary>Folder for the embedded database, archive and files; relative paths resolve against the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seed the demo course, users and simulated models when the database has no users.</summary>
    public bool SeedDemoData { get; set; }
}
