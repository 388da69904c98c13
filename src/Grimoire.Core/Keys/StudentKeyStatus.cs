namespace Grimoire.Core.Keys;

/// <summary>Where a student stands with a provider key in a course.</summary>
public enum StudentKeyStatus
{
    /// <summary>No key was ever minted.</summary>
    None,

    /// <summary>Usable now.</summary>
    Active,

    /// <summary>Paused by an instructor; can be enabled again.</summary>
    Disabled,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Deleted at the provider for good.</summary>
    Revoked,
}
