using Grimoire.Core.Audit;
using Grimoire.Llm;
using Microsoft.Extensions.AI;

namespace Grimoire.Core.Playground.Turns;

/// <summary>
/// Everything one provider call needs, resolved. Holds the plain key only for the call's lifetime. <see cref="Ids"/>
/// (student, course, workspace, conversation, answer, course model) go into the call's archive record.
/// <see cref="Slot"/> is the student's place among their answers in flight, given back when the call ends.
/// </summary>
public sealed record TurnCall(
    ProviderEndpoint Endpoint, string ModelId, IReadOnlyList<ChatMessage> History, ChatOptions? Options, AuditIds Ids, AnswerSlot? Slot = null);
