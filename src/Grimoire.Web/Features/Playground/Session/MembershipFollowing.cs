using Grimoire.Core.Workspaces;
using Grimoire.Core.Workspaces.Sharing;
using Grimoire.Web.Refusals;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>
/// Keeps an open page true to the person's rights while others change them (AC8.1, AC8.6): when the owner invites,
/// changes or revokes them, the list is read again, and the open conversation of that workspace is reloaded through
/// the ACL — read-only for a viewer, closed with a sentence when access is gone. The signal only prompts a re-check.
/// </summary>
public sealed class MembershipFollowing(
    WorkspaceMembershipSignals signals,
    ConversationListState list,
    OpenConversation conversation,
    RefusalNotice notice,
    ILogger<MembershipFollowing> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource lifetime = new();
    private IDisposable? subscription;

    public static string Removed(string by) => $"{by} removed you from this conversation. It is no longer in your list.";

    public static string NowViewer(string by) => $"{by} made you a viewer: this conversation is read-only for you now.";

    public static string NowEditor(string by) => $"{by} made you an editor: you can write in this conversation.";

    /// <summary>Follows the rights of <paramref name="userId"/> (once per circuit).</summary>
    public void Start(Guid userId)
    {
        subscription ??= signals.Subscribe(userId, change => _ = Task.Run(() => ApplyAsync(change), CancellationToken.None));
    }

    private async Task ApplyAsync(MembershipChanged change)
    {
        try
        {
            var token = lifetime.Token;
            if (conversation.Detail?.Conversation.WorkspaceId == change.WorkspaceId)
            {
                if (change.Permission is null)
                {
                    conversation.Close();
                    notice.Show(Removed(change.ChangedByName));
                }
                else
                {
                    await conversation.ReloadAsync(token);
                    notice.Show(change.Permission == WorkspacePermission.Viewer ? NowViewer(change.ChangedByName) : NowEditor(change.ChangedByName));
                }
            }

            await list.RefreshAsync(token);
        }
        catch (OperationCanceledException)
        {
            // The circuit went away.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Applying a membership change of workspace {WorkspaceId} failed", change.WorkspaceId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await lifetime.CancelAsync();
        lifetime.Dispose();
    }
}
