using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Audit.Anchors;

/// <summary>
/// At start-up, before anything appends, compares this node's chain on disk with the database's anchor (issue 17
/// item 9). A chain that ends before the anchored record, or holds another hash there, lost or changed records the
/// database had seen; appending on would soon move the anchor past the evidence, so the host refuses to start and
/// says how to go on (<see cref="AuditOptions.AcceptBrokenAnchor"/>). Singleton.
/// </summary>
public sealed class AuditAnchorCheck(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    AuditArchive archive,
    AuditAnchorStore anchors,
    AuditAnchorSigner signer,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditAnchorCheck> logger)
{
    /// <summary>Throws <see cref="OptionsValidationException"/> (one line, for the start-up refusal) when the chain does not match its anchor.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await archive.StartAsync(cancellationToken); // recovers the chain from the disk (a torn tail is set aside)
        var head = archive.GetStatus();
        try
        {
            _ = signer.Sign(new AuditReceipt(head.NodeId, head.LastSequence, head.LastHash)); // fail here, not in every later commit
        }
        catch (KeyVaultException ex)
        {
            throw new OptionsValidationException(KeyVaultOptions.Section, typeof(KeyVaultOptions),
                [$"the audit archive's anchors cannot be signed with the secrets key: {ex.Message}"]);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var anchor = await db.AuditAnchors.AsNoTracking().SingleOrDefaultAsync(a => a.NodeId == head.NodeId, cancellationToken);
        if (anchor is null)
        {
            if (head.LastSequence > 0)
            {
                logger.LogWarning(
                    "Audit archive: the database holds no anchor for node {Node}, whose chain has {Records} record(s); the next record anchors it. "
                    + "If this installation anchored its archive before, the anchor was deleted from the database.", head.NodeId, head.LastSequence);
            }

            return;
        }

        if (await ProblemAsync(anchor, head, cancellationToken) is not { } problem)
        {
            logger.LogInformation("Audit archive: node {Node} matches the database's anchor at record {Sequence}", head.NodeId, anchor.Sequence);
            return;
        }

        var accept = $"{head.NodeId}:{anchor.Sequence}";
        if (!string.Equals(options.Value.AcceptBrokenAnchor, accept, StringComparison.Ordinal))
        {
            logger.LogCritical("Audit archive: node {Node} does not match the database's anchor: {Problem}", head.NodeId, problem);
            throw new OptionsValidationException(AuditOptions.Section, typeof(AuditOptions),
                [$"the audit archive of node {head.NodeId} does not match the database's anchor: {problem}. Restore the missing archive files "
                 + $"from a backup and start again, or, to accept the loss and go on (recorded in the archive), start once with "
                 + $"{AuditOptions.Section}:AcceptBrokenAnchor={accept}."]);
        }

        var entry = AuditEntries.AnchorReset(time.GetUtcNow().UtcDateTime, problem, anchor.Sequence, anchor.Hash, head.LastSequence, head.LastHash);
        var receipt = await archive.AppendAsync(entry, CancellationToken.None);
        await anchors.ResetAsync(db, receipt, CancellationToken.None);
        logger.LogWarning(
            "Audit archive: node {Node} did not match the database's anchor ({Problem}); accepted by {Setting}, recorded as record {Sequence} and anchored there. Remove the setting.",
            head.NodeId, problem, $"{AuditOptions.Section}:AcceptBrokenAnchor", receipt.Sequence);
    }

    private async Task<string?> ProblemAsync(AuditAnchor anchor, AuditArchiveStatus head, CancellationToken cancellationToken)
    {
        string? forged;
        try
        {
            forged = signer.Problem(anchor);
        }
        catch (KeyVaultException ex)
        {
            forged = "its signature cannot be checked: " + ex.Message;
        }

        if (forged is not null)
        {
            return $"the anchor (record {anchor.Sequence}) cannot be trusted: {forged}";
        }

        if (anchor.Sequence > head.LastSequence)
        {
            return $"the archive ends at record {head.LastSequence}, the database saw {anchor.Sequence}";
        }

        var onDisk = anchor.Sequence == head.LastSequence
            ? head.LastHash
            : await AuditChainTailReader.FindHashAsync(head.Directory, head.NodeId, anchor.Sequence, cancellationToken);
        return string.Equals(onDisk, anchor.Hash, StringComparison.Ordinal)
            ? null
            : $"record {anchor.Sequence} in the archive does not have the hash the database anchored: it, or records before it, were rewritten";
    }
}
