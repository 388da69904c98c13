using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Accounts;

/// <summary>People by id and address, for pages and the demo sign-in.</summary>
public sealed class UserDirectory(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    TimeProvider time,
    SignInMetrics metrics)
{
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// The demo sign-in (Development/Demo only): records the sign-in of the person picked from the list. Null when no
    /// one has this address; it never creates an account. Identity-provider sign-ins go through <see cref="ExternalAccounts"/>.
    /// </summary>
    public async Task<User?> RecordDemoSignInAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null)
        {
            return null;
        }

        user.LastLoginAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        metrics.Record("dev", "returning");
        return user;
    }

    public async Task<User?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
    }

    public async Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
    }

    /// <summary>Display names by id, for labelling messages.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> DisplayNamesAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>
    /// Everyone, site admins first, then by name, with the roles they hold in any course: the demo sign-in page's list,
    /// so a newcomer can tell the student from the instructor.
    /// </summary>
    public async Task<IReadOnlyList<SignInChoice>> ListForDemoSignInAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var people = await db.Users.AsNoTracking()
            .OrderByDescending(u => u.IsSiteAdmin).ThenBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Take(limit)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.IsSiteAdmin })
            .ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var roles = (await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.UserId)).Select(e => new { e.UserId, e.Role }).ToListAsync(cancellationToken))
            .ToLookup(e => e.UserId, e => e.Role);
        return [.. people.Select(p => new SignInChoice(p.Email, p.DisplayName, p.IsSiteAdmin, [.. roles[p.Id].Distinct().OrderDescending()]))];
    }

    /// <summary>The given name if there is one, else the first word of the display name.</summary>
    internal static string FirstNameOf(string? firstName, string displayName) =>
        !string.IsNullOrWhiteSpace(firstName) ? firstName.Trim() : displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
