namespace Grimoire.Web.Features.Playground.Messages;

public enum LivePhase
{
    /// <summary>Not live.</summary>
    None = 0,
    /// <summary>Request sent; keep-alives may be arriving, no token yet ("waiting for provider…").</summary>
    Waiting = 1,
    Thinking = 2,
    Answering = 3,
}
