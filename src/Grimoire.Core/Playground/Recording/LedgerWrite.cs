namespace Grimoire.Core.Playground.Recording;

/// <summary>What became of a change offered to <see cref="ConversationLedger.RecordAsync"/>.</summary>
public enum LedgerWrite
{
    /// <summary>The record is in the archive and the change is visible in the database (with the archive's anchor).</summary>
    Committed = 0,

    /// <summary>The change itself declined (it found the data changed meanwhile): nothing archived, nothing changed.</summary>
    Abandoned = 1,

    /// <summary>The archive refused the record: the database change was rolled back, so nothing is visible.</summary>
    NotArchived = 2,
}
