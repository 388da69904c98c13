using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Accounts;

/// <summary>
/// Maps an identity-provider sign-in to a <see cref="User"/> (X9). An account is bound to (issuer, subject) on its
/// first sign-in and found by that binding afterwards; the e-mail claim only ever finds an account that is not yet
/// bound at that provider. Every sign-in needs a verified address in an allowed domain, and a configured site-admin
/// address makes its own account site admin only when verified.
/// </summary>
public sealed partial class ExternalAccounts(
    IDbContextFactory<GrimoireDbContext> contextFactory,
    IOptions<AccountOptions> options,
    TimeProvider time,
    SignInMetrics metrics,
    ILogger<ExternalAccounts> logger)
{
    public Task<ExternalSignIn> SignInAsync(ExternalIdentity identity, CancellationToken cancellationToken) =>
        SignInAsync(identity, "oidc", cancellationToken);

    /// <param name="identity">What the provider vouched for.</param>
    /// <param name="method">The sign-in method for the metrics: <c>oidc</c>, or <c>lti</c> for an LMS launch.</param>
    /// <param name="cancellationToken">Cancels the sign-in.</param>
    public async Task<ExternalSignIn> SignInAsync(ExternalIdentity identity, string method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (Check(identity) is { } refusal)
        {
            return Refuse(identity, refusal, null, method);
        }

        var email = UserDirectory.NormalizeEmail(identity.Email!);
        try
        {
            return await BindAsync(identity, email, method, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first sign-ins raced (two tabs, a double click): the other one bound or created the account. Once
            // more, now that its rows are there; a second failure is not a race and propagates.
            return await BindAsync(identity, email, method, cancellationToken);
        }
    }

    private ExternalSignInRefusal? Check(ExternalIdentity identity)
    {
        if (string.IsNullOrWhiteSpace(identity.Issuer) || string.IsNullOrWhiteSpace(identity.Subject)
            || identity.Issuer.Length > ExternalLogin.MaxIssuerLength || identity.Subject.Length > ExternalLogin.MaxSubjectLength)
        {
            return ExternalSignInRefusal.NoIdentity;
        }

        var email = UserDirectory.NormalizeEmail(identity.Email ?? "");
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at < 1 || at == email.Length - 1 || email.IndexOf('@', at + 1) >= 0 || email.Length > 320)
        {
            return ExternalSignInRefusal.NoEmail;
        }

        if (identity.EmailVerified == false || (identity.EmailVerified is null && options.Value.RequireVerifiedEmail))
        {
            return ExternalSignInRefusal.EmailNotVerified;
        }

        var domain = email[(at + 1)..];
        var allowed = options.Value.AllowedEmailDomains;
        return allowed.Count > 0 && !allowed.Any(d => string.Equals(d.Trim(), domain, StringComparison.OrdinalIgnoreCase))
            ? ExternalSignInRefusal.DomainNotAllowed
            : null;
    }

    private async Task<ExternalSignIn> BindAsync(ExternalIdentity identity, string email, string method, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var login = await db.ExternalLogins.Include(l => l.User)
            .SingleOrDefaultAsync(l => l.Issuer == identity.Issuer && l.Subject == identity.Subject, cancellationToken);
        var existing = login is null ? await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken) : null;
        if (existing is not null)
        {
            // The account with this address is already bound at this provider: to this identity (a sign-in that raced
            // ours committed between the two reads) or to another one, which an address claim never overrides.
            login = await db.ExternalLogins.Include(l => l.User)
                .SingleOrDefaultAsync(l => l.UserId == existing.Id && l.Issuer == identity.Issuer, cancellationToken);
            if (login is not null && login.Subject != identity.Subject)
            {
                return Refuse(identity, ExternalSignInRefusal.AccountBoundToAnotherIdentity, existing.Id, method);
            }
        }

        string outcome;
        User user;
        if (login is not null)
        {
            user = login.User!;
            login.LastSignInAt = now;
            outcome = "returning";
        }
        else
        {
            user = existing ?? NewUser(email, identity, now);
            if (existing is null)
            {
                db.Users.Add(user);
            }

            db.ExternalLogins.Add(new ExternalLogin { User = user, Issuer = identity.Issuer, Subject = identity.Subject, CreatedAt = now, LastSignInAt = now });
            outcome = existing is null ? "created" : "bound";
        }

        // Verified (Check refused anything else) and the account's own address: never someone else's account.
        if (user.Email == email && options.Value.SiteAdminEmails.Any(e => UserDirectory.NormalizeEmail(e) == email) && !user.IsSiteAdmin)
        {
            user.IsSiteAdmin = true;
            LogSiteAdminBootstrapped(user.Id, identity.Issuer);
        }

        user.LastLoginAt = now;
        await db.SaveChangesAsync(cancellationToken);
        if (outcome != "returning")
        {
            LogBound(user.Id, identity.Issuer, outcome == "created");
        }

        metrics.Record(method, outcome);
        return new ExternalSignIn(user, null);
    }

    private ExternalSignIn Refuse(ExternalIdentity identity, ExternalSignInRefusal refusal, Guid? accountId, string method)
    {
        var email = identity.Email ?? "";
        LogRefused(refusal, identity.Issuer, email.Contains('@', StringComparison.Ordinal) ? email[(email.LastIndexOf('@') + 1)..] : "(none)", accountId);
        metrics.Record(method, "refused", refusal.ToString());
        return ExternalSignIn.Refused(refusal);
    }

    private static User NewUser(string email, ExternalIdentity identity, DateTime now)
    {
        var name = string.IsNullOrWhiteSpace(identity.DisplayName) ? email[..email.IndexOf('@', StringComparison.Ordinal)] : identity.DisplayName.Trim();
        return new User { Email = email, DisplayName = name, FirstName = UserDirectory.FirstNameOf(identity.FirstName, name), CreatedAt = now };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in identity at {Issuer} bound to user {UserId} (new account: {Created})")]
    private partial void LogBound(Guid userId, string issuer, bool created);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} became site admin on a verified sign-in from {Issuer} (Grimoire:Accounts:SiteAdminEmails)")]
    private partial void LogSiteAdminBootstrapped(Guid userId, string issuer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in from {Issuer} refused: {Refusal} (address domain {Domain}, existing account {AccountId})")]
    private partial void LogRefused(ExternalSignInRefusal refusal, string issuer, string domain, Guid? accountId);
}
