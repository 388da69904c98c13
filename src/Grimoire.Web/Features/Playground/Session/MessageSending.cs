using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Web.Refusals;
using Microsoft.AspNetCore.Components.Forms;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>
/// What the composer sends: the message (starting the conversation first when there is none yet, keeping the
/// prompt and settings tuned before it existed) and the files that go with it (issue 10), uploaded into the open
/// conversation's workspace. Refusals come back as the notice's sentence; the composer keeps what was typed.
/// </summary>
public sealed class MessageSending(
    CourseContext course,
    ComposerState composer,
    ConversationListState conversations,
    OpenConversation conversation,
    RefusalNotice notice,
    ConversationStore store,
    TurnRunner runner,
    PendingAttachments attachments)
{
    /// <summary>Sends the message; null when the turn started, otherwise why not (the composer keeps the text).</summary>
    public async Task<string?> SendAsync(string text, CancellationToken cancellationToken)
    {
        notice.Clear();
        // A prompt over the limit never reached the server: never send with an older one instead.
        if (composer.SystemPromptProblem is { } promptTooLong)
        {
            return notice.Show(promptTooLong);
        }

        if (course.Course is null || composer.SelectedModel is null)
        {
            return notice.Show("Pick a model first.");
        }

        if (attachments.AnyUploading)
        {
            return notice.Show("Wait for the files to finish uploading.");
        }

        if (!await EnsureConversationAsync(cancellationToken))
        {
            return notice.Text;
        }

        var conversationId = conversation.Id!.Value;
        if (await notice.RunAsync(() => runner.StartAsync(
            course.UserId, conversationId, text, composer.SystemPrompt, composer.TurnSettings(), attachments.StoredIds, cancellationToken)) is { } refused)
        {
            return refused;
        }

        attachments.Clear();
        await conversation.ReloadAsync(cancellationToken);
        await conversations.RefreshAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Files dropped, pasted or picked in the composer (AC7.1): they go into the open conversation's workspace, which
    /// is created first when there is none yet (as sending would).
    /// </summary>
    public async Task AttachAsync(IReadOnlyList<IBrowserFile> files, CancellationToken cancellationToken)
    {
        notice.Clear();
        if (AttachProblem is { } problem)
        {
            attachments.RefuseAll(files, problem);
            return;
        }

        if (!await EnsureConversationAsync(cancellationToken))
        {
            return;
        }

        await attachments.AddAsync(course.UserId, conversation.Detail!.Conversation.WorkspaceId, files, cancellationToken);
    }

    /// <summary>Why the selected model takes no files (AC7.5), or null.</summary>
    public string? AttachProblem => composer.SelectedModel switch
    {
        null => "Pick a model first.",
        { SupportsVision: false, SupportsFiles: false } => Core.Attachments.TurnAttachments.ModelTakesNone,
        _ => null,
    };

    private async Task<bool> EnsureConversationAsync(CancellationToken cancellationToken)
    {
        if (conversation.Id is null)
        {
            // The student may have tuned the prompt and the controls before the conversation existed: they stay
            // (AC1.1, AC1.4), instead of being replaced by the new conversation's course defaults.
            var created = await CreateConversationAsync(cancellationToken);
            if (!await conversation.OpenAsync(created.Id, cancellationToken, keepComposer: true))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A new conversation in the course. Throws a <see cref="Core.Refusals.RefusalException"/> when the person may not (no
    /// longer enrolled) or starts them too fast; the page's handler shows it (<see cref="RefusalNotice.RunAsync(Func{Task})"/>).
    /// </summary>
    internal Task<PlaygroundConversation> CreateConversationAsync(CancellationToken cancellationToken) =>
        store.CreateAsync(course.UserId, course.Course!.Id, cancellationToken);

}
