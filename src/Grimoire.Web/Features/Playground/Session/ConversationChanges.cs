using Grimoire.Core.Playground.Editing;
using Grimoire.Core.Playground.Forking;
using Grimoire.Core.Playground.Turns;
using Grimoire.Web.Features.Playground.Messages;
using Grimoire.Web.Refusals;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>Changing what was said in the open conversation: editing in place (AC6.1, AC6.2), regenerating (AC6.3) and branching (X2).</summary>
public sealed class ConversationChanges(
    MessageEditor editor,
    ConversationForks forks,
    TurnRunner runner,
    CourseContext course,
    ComposerState composer,
    ConversationListState list,
    OpenConversation conversation,
    RefusalNotice notice)
{
    /// <summary>Saves an edit of one message; null when saved, otherwise why not (the editor keeps the draft).</summary>
    public async Task<string?> EditAsync(MessageEditRequest edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (await notice.ExplainAsync(() => editor.EditAsync(course.UserId, edit.MessageId, edit.Content, edit.BasedOn, cancellationToken), "editor") is { } refused)
        {
            return refused;
        }

        await conversation.ReloadAsync(cancellationToken);
        return null;
    }

    /// <summary>What the regenerate dialog says about an answer: later messages, current and original settings.</summary>
    public RegenerateQuestion AskRegenerate(Guid messageId) =>
        composer.AskRegenerate(
            conversation.Detail?.Messages.FirstOrDefault(m => m.Id == messageId)?.ParametersJson,
            conversation.Detail?.CountMessagesAfter(messageId) ?? 0);

    /// <summary>
    /// Regenerates an answer here, or in a new branch ending at it (the source stays as it was). Null when the new
    /// answer started, otherwise why not.
    /// </summary>
    public async Task<string?> RegenerateAsync(Guid messageId, RegenerateChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        notice.Clear();
        if (conversation.Detail is not { } current)
        {
            return null;
        }

        // Checked before branching, so a refusal never leaves a branch behind.
        if (composer.Problem(choice.UseOriginalSettings) is { } problem)
        {
            return notice.Show(problem);
        }

        var settings = composer.TurnSettings();
        var conversationId = current.Conversation.Id;
        var answerId = messageId;
        if (choice.Branch)
        {
            var position = current.Messages.FirstOrDefault(m => m.Id == messageId)?.Sequence;
            if (await BranchCoreAsync(messageId, cancellationToken) is { } refused)
            {
                return refused;
            }

            conversationId = conversation.Id!.Value;
            answerId = conversation.Detail!.Messages.FirstOrDefault(m => m.Sequence == position)?.Id ?? Guid.Empty;
        }

        var with = choice.UseOriginalSettings ? RegenerateWith.OriginalSettings : RegenerateWith.CurrentSettings;
        if (await notice.RunAsync(() => runner.RegenerateAsync(course.UserId, conversationId, answerId, with, settings, composer.SystemPrompt, cancellationToken))
            is { } notStarted)
        {
            return notStarted;
        }

        await conversation.ReloadAsync(cancellationToken);
        await list.RefreshAsync(cancellationToken);
        return null;
    }

    /// <summary>Branches a new conversation from a message and opens it; null when done, otherwise why not.</summary>
    public Task<string?> BranchAsync(Guid messageId, CancellationToken cancellationToken)
    {
        notice.Clear();
        return BranchCoreAsync(messageId, cancellationToken);
    }

    private async Task<string?> BranchCoreAsync(Guid messageId, CancellationToken cancellationToken)
    {
        ConversationFork? fork = null;
        if (await notice.RunAsync(async () => fork = await forks.ForkAsync(course.UserId, messageId, cancellationToken)) is { } refused)
        {
            return refused;
        }

        // A branch stays in its source's course (X2).
        await list.RefreshAsync(cancellationToken);
        await conversation.OpenAsync(fork!.Conversation.Id, cancellationToken);
        return null;
    }
}
