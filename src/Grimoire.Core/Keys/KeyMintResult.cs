namespace Grimoire.Core.Keys;

public enum KeyMintOutcome
{
    Minted,
    AlreadyHadKey,
    Failed,
}

/// <summary>What happened for one student when minting; <see cref="Reason"/> is safe to show.</summary>
public sealed record KeyMintResult(Guid StudentId, string Email, KeyMintOutcome Outcome, string? Reason = null, Guid? KeyId = null);
