using Grimoire.Core.Data;
using Grimoire.Core.Keys;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Audit.Anchors;

/// <summary>
/// `verify` as the operator runs it (issue 17 item 9): every chain in the archive folder, checked against the
/// anchors the database holds, each anchor's signature checked with the installation's key. Singleton.
/// </summary>
public sealed class AnchoredAuditVerifier(IDbContextFactory<GrimoireDbContext> contextFactory, AuditAnchorSigner signer)
{
    /// <summary>
    /// Verifies <paramref name="directory"/> against the database's anchors. Throws the database's own exception when
    /// the anchors cannot be read, and <see cref="DirectoryNotFoundException"/> when there is neither a folder nor an anchor.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(string directory, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var anchors = await AuditAnchorStore.ListAsync(db, cancellationToken);
        return await AuditVerifier.VerifyAsync(directory, [.. anchors.Select(View)], cancellationToken);
    }

    private AuditAnchorView View(AuditAnchor anchor)
    {
        string? problem;
        try
        {
            problem = signer.Problem(anchor);
        }
        catch (KeyVaultException ex)
        {
            problem = "its signature cannot be checked here: " + ex.Message;
        }

        return new AuditAnchorView(anchor.NodeId, anchor.Sequence, anchor.Hash, problem);
    }
}
