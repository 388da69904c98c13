namespace Grimoire.Core.Jobs;

/// <summary>What a course job does.</summary>
public enum CourseJobKind
{
    /// <summary>A key for every student of the course without a live one.</summary>
    MintMissingKeys,

    /// <summary>A new key in place of every key of the course that is not revoked.</summary>
    RotateKeys,

    /// <summary>Each key's spend read again from the provider and kept on the key.</summary>
    RefreshSpend,
}

/// <summary>Where a course job is. Only <see cref="Running"/> changes.</summary>
public enum CourseJobState
{
    Running,

    /// <summary>Went through everything it planned (some students may have failed).</summary>
    Completed,

    /// <summary>Stopped by someone, after the student in hand.</summary>
    Cancelled,

    /// <summary>Stopped because every further step would fail the same way (e.g. the management key was refused).</summary>
    Failed,

    /// <summary>The server stopped while it ran.</summary>
    Interrupted,
}

/// <summary>What happened for one student of a job.</summary>
public enum CourseJobItemOutcome
{
    Succeeded,
    Skipped,
    Failed,
}
