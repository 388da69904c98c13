using Grimoire.Core.Audit;

namespace Grimoire.Cli.Commands;

/// <summary>What `grimoire audit verify` prints: one line per node (intact to standard output, broken to standard error).</summary>
internal static class AuditVerifyReport
{
    public static async Task WriteAsync(AuditVerification result, bool anchored, TextWriter output, TextWriter error)
    {
        foreach (var chain in result.Chains)
        {
            if (chain.Problem is { } problem)
            {
                await error.WriteLineAsync($"grimoire: node {chain.NodeId}: chain broken ({problem.Kind}): {problem}");
            }
            else
            {
                var anchor = chain.AnchoredSequence is { } at
                    ? at == chain.LastSequence
                        ? " The database's anchor is this record."
                        : $" The database's anchor is record {at}; the {chain.LastSequence - at} record(s) after it have no committed database change (a crash or failed save right after archiving)."
                    : "";
                await output.WriteLineAsync(
                    $"Node {chain.NodeId}: {chain.Records:N0} record(s) in {chain.Files} file(s), intact. Head: record {chain.LastSequence}, hash {chain.LastHash}.{anchor}");
            }
        }

        foreach (var chain in result.Chains.Where(c => c.AcceptedBreaks.Count > 0))
        {
            await output.WriteLineAsync(
                $"Node {chain.NodeId}: an operator accepted a break in this chain at record(s) {string.Join(", ", chain.AcceptedBreaks)} "
                + $"({AuditKinds.AnchorReset}: records the database had seen were lost or changed before it; the record says what was found).");
        }

        if (!anchored)
        {
            await output.WriteLineAsync("Checked the files alone (--files-only): records cut from the end of a chain would not show.");
        }

        foreach (var aside in result.SetAsideFiles)
        {
            await output.WriteLineAsync($"Kept aside by the writer at start-up (a torn last line, not part of any chain): {aside}");
        }
    }
}
