using Grimoire.Core.Playground.Live;

namespace Grimoire.Core.Tests.Playground;

/// <summary>The local handle of a turn this (test) node runs: what the node that owns a turn holds, for tests to await.</summary>
internal static class LiveTurnHubTestExtensions
{
    public static LiveTurn? LocalTurn(this ILiveTurnHub hub, Guid conversationId) =>
        hub.Running.SingleOrDefault(t => t.ConversationId == conversationId);
}
