using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Playground;

/// <summary>
/// Records a refusal made to resist abuse or overload (a limit, a rate, a right): one log line for the operator
/// (who and why, never the text) and the counter <c>grimoire.playground.refusals</c> tagged with the reason, on the
/// <c>Grimoire</c> meter. Singleton.
/// </summary>
public sealed class PlaygroundRefusals
{
    public const string MeterName = "Grimoire";

    private readonly Counter<long> refusals;
    private readonly ILogger<PlaygroundRefusals> logger;

    public PlaygroundRefusals(IMeterFactory meterFactory, ILogger<PlaygroundRefusals> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.logger = logger;
        Meter = meterFactory.Create(MeterName);
        refusals = Meter.CreateCounter<long>("grimoire.playground.refusals", "{refusal}",
            "Requests refused by a playground limit, rate or right, by reason.");
    }

    /// <summary>The shared <c>Grimoire</c> meter (the factory hands every caller the same one).</summary>
    public Meter Meter { get; }

    public void Record(string reason, Guid userId)
    {
        refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));
        logger.LogInformation("Refused {Reason} for user {UserId}", reason, userId);
    }
}

/// <summary>The <c>reason</c> tag of <c>grimoire.playground.refusals</c>.</summary>
public static class RefusalReasons
{
    public const string MessageTooLong = "message_too_long";
    public const string SystemPromptTooLong = "system_prompt_too_long";
    public const string EditTooLong = "edit_too_long";
    public const string ConversationFull = "conversation_full";
    public const string ContextTooLong = "context_too_long";
    public const string AnswersInFlight = "answers_in_flight";
    public const string TurnRate = "turn_rate";
    public const string ConversationRate = "conversation_rate";
    public const string StopNotAllowed = "stop_not_allowed";
    public const string OverBudget = "over_budget";
}
