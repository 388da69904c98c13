using Grimoire.OpenRouterStandIn.Catalogue;

namespace Grimoire.OpenRouterStandIn;

/// <summary>How to run an <see cref="OpenRouterStandIn"/>.</summary>
public sealed record OpenRouterStandInOptions
{
    /// <summary>
    /// The management (provisioning) key the key-management API accepts as <c>Authorization: Bearer …</c>; the value
    /// to configure as <c>Grimoire:Providers:OpenRouter:ManagementKey</c>. It is never accepted for chat, as at
    /// OpenRouter.
    /// </summary>
    public required string ManagementKey { get; init; }

    /// <summary>
    /// The TCP port on the loopback interface; 0 picks any free port (then the base URL uses <c>127.0.0.1</c>,
    /// otherwise <c>localhost</c>, listening on both IPv4 and IPv6 loopback).
    /// </summary>
    public int Port { get; init; }

    /// <summary>
    /// An extra key accepted for chat besides the keys this stand-in minted (no budget, never expires), e.g. for
    /// <c>grimoire chat --provider openrouter --base-url …</c>. Null accepts minted keys only.
    /// </summary>
    public string? ServerApiKey { get; init; }

    /// <summary>Delay between streamed chunks, so a person sees the answer arrive. Zero streams at once.</summary>
    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>
    /// Extra wait before the first streamed token (reasoning or content), as a real model takes to start answering.
    /// Zero (the default) starts at once.
    /// </summary>
    public TimeSpan FirstTokenDelay { get; init; }

    /// <summary>
    /// Pads every answer's content to about this many tokens with numbered filler words (<c>w1 w2 …</c>, a paragraph
    /// every 40 words), for load tests that need answers as long as a real model's. Null (the default) answers as usual.
    /// </summary>
    public int? AnswerTokens { get; init; }

    /// <summary>Words per streamed piece (3 by default; 1 streams about one token per delta, as real models do).</summary>
    public int WordsPerPiece { get; init; } = 3;

    /// <summary>
    /// For load tests: called for every streamed chat call with its request body and the <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamp at which it reached the endpoint; the callback it returns (or null) is called after each content piece
    /// is flushed, with the piece's index, its text and the timestamp. Called from concurrent requests: thread-safe.
    /// </summary>
    public Func<ReadOnlyMemory<byte>, long, Action<int, string, long>?>? StreamObserver { get; init; }

    /// <summary>
    /// The credits the management key's account has bought (USD), reported by <c>GET /api/v1/credits</c> as
    /// <c>total_credits</c>; <c>total_usage</c> is what every answered chat call cost so far.
    /// </summary>
    public decimal Credits { get; init; } = 100m;

    /// <summary>Keys per page of <c>GET /api/v1/keys</c> (OpenRouter's is 100).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>
    /// The clock for creation times, expiry and daily/weekly/monthly usage. Only "now" is read from it; the stream's
    /// <see cref="Pace"/> always runs on real time.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The models <c>GET /api/v1/models</c> lists and chat accepts.</summary>
    public IReadOnlyList<StandInModel> Models { get; init; } = StandInCatalogue.Default;

    /// <summary>
    /// Called with one line per request handled (method, path, status and a key's hash prefix; never a key), from
    /// concurrent requests at once, so it must be thread-safe. Null logs nothing.
    /// </summary>
    public Action<string>? RequestLog { get; init; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ManagementKey))
        {
            throw new ArgumentException("The stand-in needs a management key (ManagementKey).", nameof(ManagementKey));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65_535);
        ArgumentOutOfRangeException.ThrowIfLessThan(Pace, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstTokenDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(WordsPerPiece, 1);
        if (AnswerTokens is { } tokens)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1, nameof(AnswerTokens));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Credits);
        ArgumentNullException.ThrowIfNull(Time);
        ArgumentNullException.ThrowIfNull(Models);
        if (ServerApiKey is not null && string.Equals(ServerApiKey, ManagementKey, StringComparison.Ordinal))
        {
            throw new ArgumentException("ServerApiKey must differ from ManagementKey: management keys never chat.", nameof(ServerApiKey));
        }
    }
}
