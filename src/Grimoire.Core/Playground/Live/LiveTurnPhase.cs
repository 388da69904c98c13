namespace Grimoire.Core.Playground.Live;

public enum LiveTurnPhase
{
    /// <summary>Sent; no token yet (keep-alives may be arriving).</summary>
    Waiting = 0,
    Thinking = 1,
    Answering = 2,
    /// <summary>Ended; the stored message is the truth from now on.</summary>
    Finished = 3,
}
