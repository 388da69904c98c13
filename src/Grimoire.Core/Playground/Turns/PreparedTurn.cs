using Grimoire.Core.Courses;
using Grimoire.Llm;
using Microsoft.Extensions.AI;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// A turn that passed every pre-flight check: what will be sent, to whom, and what to record with the answer.
/// It holds one of the student's <see cref="Slot"/>s: whoever drops the turn before launching it disposes that.
/// </summary>
internal sealed record PreparedTurn(
    CourseModelConfig Model,
    ChatOptions Options,
    MessageParameters Parameters,
    ProviderEndpoint Endpoint,
    IReadOnlyList<ChatMessage> History,
    AnswerSlot Slot)
{
    /// <summary>What the answer records about where it was asked.</summary>
    public Messages.AnswerRequest Request => new(Model.Provider, Model.ModelId, Model.Id, Parameters.ToJson());
}
