using System.Security.Cryptography;
using Grimoire.OpenRouterStandIn.Chat;
using Grimoire.OpenRouterStandIn.Http;
using Grimoire.OpenRouterStandIn.Keys;

namespace Grimoire.OpenRouterStandIn;

/// <summary>
/// Everything the stand-in remembers — minted keys (by hash only) with their spend, and every chat call — behind one
/// lock. One instance per stand-in; nothing static.
/// </summary>
internal sealed class StandInState(OpenRouterStandInOptions options)
{
    private readonly Lock gate = new();
    private readonly List<KeyEntry> keys = [];
    private readonly List<StandInChatCall> calls = [];
    private readonly string? serverKeyHash = options.ServerApiKey is { } k ? Bearer.Hash(k) : null;

    private DateTimeOffset Now => options.Time.GetUtcNow();

    public IReadOnlyList<StandInKey> Keys
    {
        get
        {
            lock (gate)
            {
                var now = Now;
                return [.. this.keys.Select(k => k.Snapshot(now))];
            }
        }
    }

    public IReadOnlyList<StandInChatCall> ChatCalls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>What every answered chat call cost so far (USD): the account's usage as <c>/api/v1/credits</c> reports it.</summary>
    public decimal TotalUsage
    {
        get
        {
            lock (gate)
            {
                return calls.Sum(c => c.Cost ?? 0m);
            }
        }
    }

    /// <summary>Mints a key: returns the plain key (this once) and its record. Only the hash is kept.</summary>
    public (string Key, StandInKey Info) Mint(KeyDraft draft)
    {
        var plain = "sk-or-v1-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var hash = Bearer.Hash(plain);
        lock (gate)
        {
            var now = Now;
            var entry = new KeyEntry(hash, plain[..12] + "..." + plain[^4..], now)
            {
                Name = draft.Name,
                Limit = draft.Limit,
                LimitReset = draft.LimitReset,
                IncludeByokInLimit = draft.IncludeByokInLimit,
                ExpiresAt = draft.ExpiresAt,
            };
            this.keys.Add(entry);
            return (plain, entry.Snapshot(now));
        }
    }

    /// <summary>Adds a key known only by its hash (minted by an earlier run); false when that hash is known already.</summary>
    public bool Adopt(StandInKeyAdoption key)
    {
        lock (gate)
        {
            if (Entry(key.Hash) is not null)
            {
                return false;
            }

            this.keys.Add(new KeyEntry(key.Hash, "adopted " + Bearer.Short(key.Hash), Now)
            {
                Name = key.Name,
                Limit = key.Limit,
                LimitReset = key.LimitReset,
                ExpiresAt = key.ExpiresAt,
                Disabled = key.Disabled,
            });
            return true;
        }
    }

    /// <summary>A page of live keys, newest first (as OpenRouter lists the most recent first).</summary>
    public IReadOnlyList<StandInKey> Page(int offset, bool includeDisabled)
    {
        lock (gate)
        {
            var now = Now;
            return [.. Enumerable.Reverse(this.keys)
                .Where(k => !k.Deleted && (includeDisabled || !k.Disabled))
                .Skip(offset)
                .Take(options.PageSize)
                .Select(k => k.Snapshot(now))];
        }
    }

    /// <summary>Any key ever minted with this hash, deleted ones included; null when there is none.</summary>
    public StandInKey? Find(string hash)
    {
        lock (gate)
        {
            return Entry(hash)?.Snapshot(Now);
        }
    }

    /// <summary>Applies <paramref name="patch"/> to a live key; null when there is no live key with that hash.</summary>
    public StandInKey? Update(string hash, KeyPatch patch)
    {
        lock (gate)
        {
            if (Entry(hash) is not { Deleted: false } entry)
            {
                return null;
            }

            entry.Name = patch.Name ?? entry.Name;
            entry.Disabled = patch.Disabled ?? entry.Disabled;
            entry.IncludeByokInLimit = patch.IncludeByokInLimit ?? entry.IncludeByokInLimit;
            entry.Limit = patch.SetsLimit ? patch.Limit : entry.Limit;
            entry.LimitReset = patch.SetsReset ? patch.LimitReset : entry.LimitReset;
            var now = Now;
            entry.UpdatedAt = now;
            return entry.Snapshot(now);
        }
    }

    /// <summary>Deletes a live key for good; false when there is no live key with that hash.</summary>
    public bool Delete(string hash)
    {
        lock (gate)
        {
            if (Entry(hash) is not { Deleted: false } entry)
            {
                return false;
            }

            entry.Deleted = true;
            entry.UpdatedAt = Now;
            return true;
        }
    }

    /// <summary>
    /// Decides whether <paramref name="bearer"/> may chat: the hash of the key presented, and the refusal (status and
    /// OpenRouter's message) when it may not. A live key over its limit is refused later, by <see cref="LimitRefusal"/>.
    /// </summary>
    public (string? KeyHash, int Status, string? Message) Authorize(string? bearer)
    {
        if (bearer is null)
        {
            return (null, 401, "No auth credentials found");
        }

        var hash = Bearer.Hash(bearer);
        if (Bearer.SameKey(bearer, options.ManagementKey))
        {
            return (hash, 401, "Management keys cannot be used for completions; use an API key.");
        }

        if (hash == serverKeyHash)
        {
            return (hash, 200, null);
        }

        lock (gate)
        {
            var entry = Entry(hash);
            return entry switch
            {
                null or { Deleted: true } => (hash, 401, "User not found."),
                { Disabled: true } => (hash, 401, "This API key is disabled."),
                _ when entry.IsExpired(Now) => (hash, 401, "This API key has expired."),
                _ => (hash, 200, null),
            };
        }
    }

    /// <summary>OpenRouter's 402 message when the key's limit for its period is spent; null when it may spend.</summary>
    public string? LimitRefusal(string keyHash)
    {
        lock (gate)
        {
            if (Entry(keyHash)?.Snapshot(Now) is not { LimitRemaining: { } remaining } key || remaining > 0)
            {
                return null;
            }

            return $"Key limit exceeded ({key.LimitPeriod} limit). Manage it using https://openrouter.ai/settings/keys";
        }
    }

    /// <summary>Records a call (with its sequence number) and charges its cost to the minted key it used, if any.</summary>
    public StandInChatCall Record(Func<int, DateTimeOffset, StandInChatCall> create)
    {
        lock (gate)
        {
            var now = Now;
            var call = create(calls.Count + 1, now);
            calls.Add(call);
            if (call is { Cost: { } cost, KeyHash: { } hash } && Entry(hash) is { } entry)
            {
                entry.Charge(now, cost);
            }

            return call;
        }
    }

    private KeyEntry? Entry(string hash) => this.keys.Find(k => k.Hash == hash);
}
