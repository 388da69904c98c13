using System.Globalization;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Llm.Tokens;
using Grimoire.Web.State;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>What the next message goes out with: the model, its parameters and the system prompt with its token count.</summary>
public sealed class ComposerState(CourseContext course, ITokenCounter tokenCounter, PlaygroundLimits limits) : ObservableState
{
    /// <summary>The controls bind to it; call <see cref="SettingsChanged"/> after they change it.</summary>
    public PlaygroundSettings Settings { get; } = new();

    public string SystemPrompt { get; private set; } = "";

    public int SystemPromptTokens { get; private set; }

    public string TokenEncoding => tokenCounter.EncodingName;

    /// <summary>The limits the inputs check before sending (issue 17 item 7); the services check them again.</summary>
    public PlaygroundLimits Limits => limits;

    /// <summary>Why the prompt in the box can't be used (too long: it never left the browser), or null.</summary>
    public string? SystemPromptProblem { get; private set; }

    public ModelChoice? SelectedModel => course.Models.FirstOrDefault(m => m.Id == Settings.ModelConfigId);

    /// <summary>Why nothing can be sent with what the composer holds, or null when it can.</summary>
    public string? Problem(bool useOriginalSettings = false) =>
        SelectedModel is null ? "Pick a model first."
        : useOriginalSettings ? null
        : SystemPromptProblem;

    /// <summary>The settings of the next call; only when <see cref="SelectedModel"/> is set.</summary>
    public TurnSettings TurnSettings() => Settings.ToTurnSettings(SelectedModel ?? throw new InvalidOperationException("No model is selected."));

    /// <summary>Updates the prompt the next message is sent with and its live token estimate (AC1.6).</summary>
    public void SetSystemPrompt(string text)
    {
        SystemPrompt = text;
        SystemPromptProblem = null;
        SystemPromptTokens = tokenCounter.CountTokens(text);
        RaiseChanged();
    }

    /// <summary>
    /// The prompt box holds text over the limit (<paramref name="length"/> characters), kept in the browser: nothing is
    /// sent with it until it fits. 0 when it fits again.
    /// </summary>
    public void SystemPromptTooLong(int length)
    {
        SystemPromptProblem = length > 0 ? PlaygroundLimits.SystemPromptTooLong(length, limits.MaxSystemPromptChars) : null;
        RaiseChanged();
    }

    public void ResetSystemPrompt() => SetSystemPrompt(course.Course?.DefaultSystemPrompt ?? "");

    public void SelectModel(Guid modelConfigId)
    {
        Settings.ModelConfigId = modelConfigId;
        Settings.FitTo(SelectedModel);
        RaiseChanged();
    }

    /// <summary>Any control changed: the numbers are fitted to the model again.</summary>
    public void SettingsChanged() => SelectModel(Settings.ModelConfigId ?? Guid.Empty);

    /// <summary>The course's defaults: its default model and system prompt.</summary>
    public void UseCourseDefaults()
    {
        Settings.ModelConfigId = course.DefaultModelId;
        Settings.FitTo(SelectedModel);
        SetSystemPrompt(course.Course?.DefaultSystemPrompt ?? "");
    }

    /// <summary>
    /// Continues an opened conversation as it was: its prompt, and the settings of its last answer when that model is
    /// still enabled.
    /// </summary>
    public void ContinueFrom(ConversationDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (detail.Messages.LastOrDefault(m => m.Role == MessageRole.Assistant) is { } last
            && MessageParameters.FromJson(last.ParametersJson) is { } parameters
            && course.Models.Any(m => m.Id == parameters.ModelConfigId))
        {
            Settings.RestoreFrom(parameters);
            Settings.FitTo(SelectedModel);
        }

        SetSystemPrompt(detail.Conversation.SystemPrompt);
    }

    /// <summary>What the regenerate dialog says about an answer: the current settings, and the ones it was made with.</summary>
    public RegenerateQuestion AskRegenerate(string? parametersJson, int laterMessages)
    {
        var original = MessageParameters.FromJson(parametersJson);
        var originalModel = original is null ? null : course.Models.FirstOrDefault(m => m.Id == original.ModelConfigId);
        return new RegenerateQuestion(
            laterMessages,
            SelectedModel is { } model ? Describe(model.DisplayName, Settings.ToTurnSettings(model)) : "no model selected",
            original is not null && originalModel is not null
                ? Describe(original.ModelDisplayName, new TurnSettings(original.ModelConfigId, original.Temperature, original.MaxTokens,
                    original.ThinkingEnabled, original.ThinkingBudget, original.ThinkingEffort))
                : null);
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
