using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Grimoire.Core.Courses;
using Grimoire.Core.Data;
using Grimoire.Core.Playground;
using Grimoire.Core.Playground.Turns;
using Grimoire.Llm.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Usage.Spend;

/// <summary>
/// The budget check before a call (X7, X11): estimates the call's worst case (the prompt's tokens at the model's input
/// price plus max tokens at its output price, from the course's catalogue snapshot), refuses it when the known remaining
/// budget (<see cref="BudgetReader"/> minus open reservations) cannot cover that, and otherwise reserves the estimate
/// until the call ends. The reservation rides on the turn's <see cref="AnswerSlot"/>: however the turn ends — complete,
/// stopped, failed, interrupted, or dropped before launch — the slot is disposed after the final write, whose usage row
/// carries the real cost, so spend moves from reserved to settled without a moment where it counts as neither.
/// <para>
/// Parallel sends cannot overshoot: the check and the reservation run under one gate per course (budgets can span the
/// course's students), and the database read inside it is of settled rows only. Correct on one node; reservations are in
/// memory. With several nodes each node reserves only its own calls — a shared budget then needs the reservations in
/// the database under a row lock or advisory lock (docs/architecture.md). Singleton.
/// </para>
/// </summary>
public sealed class SpendControl
{
    private readonly IDbContextFactory<GrimoireDbContext> contextFactory;
    private readonly ITokenCounter tokenCounter;
    private readonly PlaygroundRefusals refusals;
    private readonly TimeProvider time;
    private readonly ILogger<SpendControl> logger;
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> gates = new();
    private readonly Lock openLock = new();
    private readonly Dictionary<long, SpendReservation> open = [];
    private readonly Counter<long> reserved;
    private long nextId;

    public SpendControl(
        IDbContextFactory<GrimoireDbContext> contextFactory, ITokenCounter tokenCounter, PlaygroundRefusals refusals, TimeProvider time, ILogger<SpendControl> logger)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        (this.contextFactory, this.tokenCounter, this.refusals, this.time, this.logger) = (contextFactory, tokenCounter, refusals, time, logger);
        reserved = refusals.Meter.CreateCounter<long>("grimoire.spend.reservations", "{reservation}",
            "Budget reservations made before provider calls (X7), by budget scope; refusals count under grimoire.playground.refusals reason over_budget.");
    }

    /// <summary>
    /// Checks and reserves the call's worst-case cost; on success the reservation is attached to <paramref name="slot"/>
    /// and null comes back. On refusal (or an exception) <paramref name="slot"/> is disposed, the refusal recorded, and the
    /// sentence for the student returned.
    /// </summary>
    public async Task<string?> ReserveAsync(SpendRequest request, AnswerSlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(slot);
        try
        {
            var (reservation, refusal) = await TryReserveAsync(request, cancellationToken);
            if (reservation is not null)
            {
                slot.Attach(reservation);
                return null;
            }

            slot.Dispose();
            refusals.Record(RefusalReasons.OverBudget, request.UserId);
            return refusal;
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    /// <summary>The check and the reservation alone: the reservation to dispose when the call has settled, or why not.</summary>
    public async Task<(SpendReservation? Reservation, string? Refusal)> TryReserveAsync(SpendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var estimate = WorstCase(request);
        var gate = gates.GetOrAdd(request.CourseId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            IReadOnlyList<BudgetStanding> standings;
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                standings = await BudgetReader.ReadAsync(db, request.UserId, request.CourseId, request.Model.Provider, now, cancellationToken);
            }

            foreach (var standing in standings)
            {
                var left = standing.Remaining - ReservedFor(standing.Scope, request.UserId, request.CourseId, request.Model.Provider);
                if (left <= 0m || estimate > left)
                {
                    logger.LogInformation(
                        "Refused a call over budget for user {UserId} in course {CourseId}: {Scope} has {Left} USD left, the call may cost {Estimate} USD",
                        request.UserId, request.CourseId, standing.Scope, left, estimate);
                    return (null, Explain(standing, left, estimate, request));
                }
            }

            var reservation = new SpendReservation(this, Interlocked.Increment(ref nextId), request.UserId, request.CourseId, request.Model.Provider, estimate);
            lock (openLock)
            {
                open.Add(reservation.Id, reservation);
            }

            reserved.Add(1, new KeyValuePair<string, object?>("scope", standings.Count == 0 ? "none" : standings[0].Scope.ToString()));
            return (reservation, null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What open reservations hold against <paramref name="scope"/>'s budget for this student, course and provider.</summary>
    public decimal ReservedFor(BudgetScope scope, Guid userId, Guid courseId, string provider)
    {
        lock (openLock)
        {
            return open.Values.Where(r => r.CourseId == courseId && scope switch
            {
                BudgetScope.StudentKey => r.UserId == userId && r.Provider == provider,
                BudgetScope.Student => r.UserId == userId && !BudgetReader.UsesStudentKey(r.Provider),
                _ => !BudgetReader.UsesStudentKey(r.Provider),
            }).Sum(r => r.Amount);
        }
    }

    /// <summary>How many reservations are open now (calls running).</summary>
    public int OpenReservations
    {
        get
        {
            lock (openLock)
            {
                return open.Count;
            }
        }
    }

    internal void Release(SpendReservation reservation)
    {
        lock (openLock)
        {
            open.Remove(reservation.Id);
        }
    }

    /// <summary>The most the call can cost: every prompt token at the input price and max tokens at the output price.</summary>
    public decimal WorstCase(SpendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var promptTokens = (long)tokenCounter.CountTokens(request.SystemPrompt) + request.History.Sum(m => (long)tokenCounter.CountTokens(m.Text));
        var outputTokens = (long)(request.MaxOutputTokens ?? request.Model.MaxOutputTokens ?? 0);
        return ((promptTokens * (request.Model.InputPricePerMillion ?? 0m)) + (outputTokens * (request.Model.OutputPricePerMillion ?? 0m))) / 1_000_000m;
    }

    private static string Explain(BudgetStanding standing, decimal left, decimal estimate, SpendRequest request)
    {
        var whose = standing.Scope == BudgetScope.Course ? "The course's budget" : "Your budget";
        var leftText = left <= 0m ? "is spent" : string.Create(CultureInfo.InvariantCulture, $"has {Usd(left)} left");
        var until = standing.ResetsAt is { } resets
            ? string.Create(CultureInfo.InvariantCulture, $" until it resets on {resets:yyyy-MM-dd} at {resets:HH:mm} UTC")
            : "";
        var fix = left <= 0m
            ? standing.ResetsAt is null ? " Ask your instructor for more." : " Ask your instructor for more, or wait for the reset."
            : " Lower max tokens, shorten the conversation or pick a cheaper model" + (standing.ResetsAt is null ? ", or ask your instructor for more." : ", or wait for the reset.");
        var cost = left <= 0m ? "" : string.Create(CultureInfo.InvariantCulture,
            $" This message with {request.Model.DisplayName} could cost up to {Usd(estimate)} (its prompt and max tokens {request.MaxOutputTokens ?? request.Model.MaxOutputTokens ?? 0:N0}).");
        return $"{whose} {leftText}{until}.{cost}{fix}";
    }

    internal static string Usd(decimal amount) => amount.ToString(amount >= 1m ? "$#,0.00" : "$0.00####", CultureInfo.InvariantCulture);
}

/// <summary>What one call will send: who asks, in which course, of which model, with what prompt and room for the answer.</summary>
public sealed record SpendRequest(
    Guid UserId, Guid CourseId, CourseModelConfig Model, string SystemPrompt, IReadOnlyList<ChatMessage> History, int? MaxOutputTokens);

/// <summary>An amount held against a budget while one call runs; disposing it (once the call's usage is saved) lets it go.</summary>
public sealed class SpendReservation : IDisposable
{
    private readonly SpendControl owner;
    private int released;

    internal SpendReservation(SpendControl owner, long id, Guid userId, Guid courseId, string provider, decimal amount) =>
        (this.owner, Id, UserId, CourseId, Provider, Amount) = (owner, id, userId, courseId, provider, amount);

    internal long Id { get; }

    public Guid UserId { get; }

    public Guid CourseId { get; }

    public string Provider { get; }

    public decimal Amount { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            owner.Release(this);
        }
    }
}
