namespace Grimoire.Core.Playground.Live;

/// <summary>
/// What a watcher learns at one read of its <see cref="LiveSubscription"/>: every message since the previous read,
/// coalesced.
/// </summary>
/// <param name="Running">The latest snapshot of the answer running now, or null when none runs (it finished, or none began).</param>
/// <param name="StoredStateChanged">A turn finished or the conversation changed since the last read: reload the stored messages.</param>
public sealed record LiveUpdate(LiveTurnSnapshot? Running, bool StoredStateChanged);
