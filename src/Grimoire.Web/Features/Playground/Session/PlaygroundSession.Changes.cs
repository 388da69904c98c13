using System.Globalization;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Web.Features.Playground.Messages;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>Changing what was said: editing in place (AC6.1, AC6.2), regenerating (AC6.3) and branching (X2).</summary>
public sealed partial class PlaygroundSession
{
    /// <summary>Saves an edit of one message; null when saved, otherwise why not (the editor keeps the draft).</summary>
    public async Task<string?> EditAsync(MessageEditRequest edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var result = await editor.EditAsync(UserId, edit.MessageId, edit.Content, cancellationToken);
        if (!result.Succeeded)
        {
            return result.Refusal;
        }

        await ReloadCurrentAsync(cancellationToken);
        RaiseChanged();
        return null;
    }

    /// <summary>What the regenerate dialog says about an answer: later messages, current and original settings.</summary>
    public RegenerateQuestion AskRegenerate(Guid messageId)
    {
        var stored = Current?.Messages.FirstOrDefault(m => m.Id == messageId);
        var original = MessageParameters.FromJson(stored?.ParametersJson);
        var originalModel = original is null ? null : Models.FirstOrDefault(m => m.Id == original.ModelConfigId);
        return new RegenerateQuestion(
            Current?.CountMessagesAfter(messageId) ?? 0,
            SelectedModel is { } model ? Describe(model.DisplayName, Settings.ToTurnSettings(model)) : "no model selected",
            original is not null && originalModel is not null
                ? Describe(original.ModelDisplayName, new TurnSettings(original.ModelConfigId, original.Temperature, original.MaxTokens,
                    original.ThinkingEnabled, original.ThinkingBudget, original.ThinkingEffort))
                : null);
    }

    /// <summary>
    /// Regenerates an answer here, or in a new branch ending at it (the source stays as it was). Null when the new
    /// answer started, otherwise why not.
    /// </summary>
    public async Task<string?> RegenerateAsync(Guid messageId, RegenerateChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        Notice = null;
        if (Current is null)
        {
            return null;
        }

        // Checked before branching, so a refusal never leaves a branch behind.
        if (SelectedModel is not { } model)
        {
            return Refuse("Pick a model first.");
        }

        if (!choice.UseOriginalSettings && SystemPromptProblem is { } promptTooLong)
        {
            return Refuse(promptTooLong);
        }

        var settings = Settings.ToTurnSettings(model);
        var conversationId = Current.Conversation.Id;
        var answerId = messageId;
        if (choice.Branch)
        {
            var position = Current.Messages.FirstOrDefault(m => m.Id == messageId)?.Sequence;
            var fork = await forks.ForkAsync(UserId, messageId, cancellationToken);
            if (!fork.Succeeded)
            {
                return Refuse(fork.Refusal!);
            }

            await RefreshConversationsAsync(cancellationToken);
            await OpenAsync(fork.Conversation!.Id, cancellationToken);
            conversationId = fork.Conversation.Id;
            answerId = Current!.Messages.FirstOrDefault(m => m.Sequence == position)?.Id ?? Guid.Empty;
        }

        var with = choice.UseOriginalSettings ? RegenerateWith.OriginalSettings : RegenerateWith.CurrentSettings;
        var start = await runner.RegenerateAsync(UserId, conversationId, answerId, with, settings, SystemPrompt, cancellationToken);
        if (!start.Started)
        {
            return Refuse(start.Refusal!);
        }

        await ReloadCurrentAsync(cancellationToken);
        await RefreshConversationsAsync(cancellationToken);
        RaiseChanged();
        return null;
    }

    /// <summary>Branches a new conversation from a message and opens it; null when done, otherwise why not.</summary>
    public async Task<string?> BranchAsync(Guid messageId, CancellationToken cancellationToken)
    {
        Notice = null;
        var fork = await forks.ForkAsync(UserId, messageId, cancellationToken);
        if (!fork.Succeeded)
        {
            return Refuse(fork.Refusal!);
        }

        await RefreshConversationsAsync(cancellationToken);
        await OpenAsync(fork.Conversation!.Id, cancellationToken);
        return null;
    }

    private string Refuse(string reason)
    {
        Notice = reason;
        RaiseChanged();
        return reason;
    }

    private static string Describe(string model, TurnSettings settings) =>
        string.Join(", ", new[]
        {
            model,
            settings.Temperature is { } t ? "temperature " + t.ToString("0.##", CultureInfo.InvariantCulture) : "default temperature",
            $"max {settings.MaxTokens:N0} tokens",
            !settings.ThinkingEnabled ? "thinking off"
                : settings.ThinkingBudget is { } budget ? $"thinking budget {budget:N0}"
                : settings.ThinkingEffort is { } effort ? $"thinking effort {effort}" : "thinking on",
        });
}

/// <summary>What the regenerate dialog needs to say.</summary>
/// <param name="OriginalDescription">Null when the settings are unknown or the model is no longer enabled.</param>
public sealed record RegenerateQuestion(int LaterMessages, string CurrentDescription, string? OriginalDescription);
