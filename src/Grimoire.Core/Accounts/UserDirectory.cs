using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Accounts;

/// <summary>Maps a signed-in identity (an e-mail the sign-in provider vouches for) to a <see cref="User"/>.</summary>
public sealed class UserDirectory(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    IOptions<AccountOptions> options,
    TimeProvider time)
{
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// Finds the user with this e-mail, or creates one, and records the sign-in. Names from the provider fill
    /// only what is missing: an instructor's edits to a display name are not overwritten on every sign-in.
    /// </summary>
    public async Task<User> RecordSignInAsync(string email, string? displayName, string? firstName, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        if (normalized.Length == 0 || !normalized.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("The sign-in provider gave no usable e-mail address.", nameof(email));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null)
        {
            var name = string.IsNullOrWhiteSpace(displayName) ? normalized[..normalized.IndexOf('@', StringComparison.Ordinal)] : displayName.Trim();
            user = new User { Email = normalized, DisplayName = name, FirstName = FirstNameOf(firstName, name) };
            db.Users.Add(user);
        }

        if (options.Value.SiteAdminEmails.Any(e => NormalizeEmail(e) == normalized))
        {
            user.IsSiteAdmin = true;
        }

        user.LastLoginAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
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

    /// <summary>Everyone, site admins first, then by name: the development sign-in page's list.</summary>
    public async Task<IReadOnlyList<User>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .OrderByDescending(u => u.IsSiteAdmin).ThenBy(u => u.DisplayName)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    private static string FirstNameOf(string? firstName, string displayName) =>
        !string.IsNullOrWhiteSpace(firstName) ? firstName.Trim() : displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
