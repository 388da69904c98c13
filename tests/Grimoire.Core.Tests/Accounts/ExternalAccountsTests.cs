using Grimoire.Core.Accounts;
using Grimoire.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grimoire.Core.Tests.Accounts;

/// <summary>
/// Identity-provider sign-in (issue 17 item 4, X9): accounts are bound to (issuer, subject) on first sign-in and found
/// by that binding afterwards; an e-mail claim alone never reaches an account that is already bound; only verified
/// addresses in allowed domains sign in; site admins are bootstrapped only from a verified address.
/// </summary>
public abstract class ExternalAccountsTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    private const string Issuer = "https://login.uni.test/realms/uni";

    private ExternalAccounts Accounts => Db.Get<ExternalAccounts>();

    public override Task InitializeAsync()
    {
        // TestDatabase makes boss@uni.test a configured site admin.
        Db.Settings["Grimoire:Accounts:AllowedEmailDomains:0"] = "uni.test";
        Db.Settings["Grimoire:Accounts:AllowedEmailDomains:1"] = "Student.Uni.Test";
        return base.InitializeAsync();
    }

    [Fact]
    public async Task A_first_sign_in_creates_the_account_from_the_providers_address_and_names_and_binds_it()
    {
        var result = await Accounts.SignInAsync(Verified("sub-ana", "  Ana.Lopez@Uni.TEST ", "Ana López", "Ana"), Ct);

        var user = result.User!;
        Assert.Equal(("ana.lopez@uni.test", "Ana López", "Ana", false), (user.Email, user.DisplayName, user.FirstName, user.IsSiteAdmin));
        Assert.NotNull(user.LastLoginAt);
        await using var db = Db.CreateContext();
        var login = await db.ExternalLogins.SingleAsync(Ct);
        Assert.Equal((user.Id, Issuer, "sub-ana"), (login.UserId, login.Issuer, login.Subject));
    }

    [Fact]
    public async Task Names_fall_back_to_the_address_when_the_provider_sends_none()
    {
        var user = (await Accounts.SignInAsync(Verified("sub-kim", "kim@uni.test"), Ct)).User!;
        Assert.Equal(("kim", "kim"), (user.DisplayName, user.FirstName));
    }

    [Fact]
    public async Task A_pre_enrolled_account_is_bound_on_its_first_verified_sign_in_and_keeps_its_edited_names()
    {
        var enrolled = await AddUserAsync("ana@uni.test", "Ana L. (edited)");

        var result = await Accounts.SignInAsync(Verified("sub-ana", "ANA@uni.test", "Ana From Provider"), Ct);

        Assert.Equal(enrolled.Id, result.User!.Id);
        Assert.Equal("Ana L. (edited)", result.User.DisplayName);
        await using var db = Db.CreateContext();
        Assert.Equal(enrolled.Id, (await db.ExternalLogins.SingleAsync(Ct)).UserId);
    }

    [Fact]
    public async Task Later_sign_ins_are_found_by_issuer_and_subject_even_when_the_address_changed()
    {
        var first = (await Accounts.SignInAsync(Verified("sub-ana", "ana@uni.test"), Ct)).User!;

        var renamed = await Accounts.SignInAsync(Verified("sub-ana", "ana.lopez@student.uni.test"), Ct);

        Assert.Equal(first.Id, renamed.User!.Id);
        Assert.Equal("ana@uni.test", renamed.User.Email);
        await using var db = Db.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync(Ct));
        Assert.Equal(1, await db.ExternalLogins.CountAsync(Ct));
    }

    [Fact]
    public async Task Another_identity_claiming_a_bound_accounts_address_is_refused_and_binds_nothing()
    {
        var ana = (await Accounts.SignInAsync(Verified("sub-ana", "ana@uni.test"), Ct)).User!;

        var impostor = await Accounts.SignInAsync(Verified("sub-mallory", "ana@uni.test"), Ct);

        Assert.Equal(new ExternalSignIn(null, ExternalSignInRefusal.AccountBoundToAnotherIdentity), impostor);
        await using var db = Db.CreateContext();
        Assert.Equal([("sub-ana", ana.Id)], await db.ExternalLogins.Select(l => new ValueTuple<string, Guid>(l.Subject, l.UserId)).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_same_subject_at_another_issuer_is_another_identity()
    {
        var ana = (await Accounts.SignInAsync(Verified("sub-1", "ana@uni.test"), Ct)).User!;
        var elsewhere = await Accounts.SignInAsync(Verified("sub-1", "kim@uni.test") with { Issuer = "https://other.uni.test" }, Ct);

        Assert.NotEqual(ana.Id, elsewhere.User!.Id);
        Assert.Equal("kim@uni.test", elsewhere.User.Email);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task An_unverified_or_unstated_address_is_refused_and_never_reaches_an_existing_account(bool? verified)
    {
        var instructor = await AddUserAsync("instructor@uni.test", "Dr. Lee");

        var result = await Accounts.SignInAsync(new ExternalIdentity(Issuer, "sub-mallory", "instructor@uni.test", verified), Ct);

        Assert.Equal(ExternalSignInRefusal.EmailNotVerified, result.Refusal);
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.ExternalLogins.CountAsync(Ct));
        Assert.Null((await db.Users.SingleAsync(u => u.Id == instructor.Id, Ct)).LastLoginAt);
    }

    [Theory]
    [InlineData("mallory@evil.test")]
    [InlineData("mallory@uni.test.evil.test")]
    [InlineData("mallory@evil-uni.test")]
    [InlineData("mallory@sub.uni.test")]
    public async Task Addresses_outside_the_allowed_domains_are_refused(string email)
    {
        var result = await Accounts.SignInAsync(Verified("sub-mallory", email), Ct);

        Assert.Equal(ExternalSignInRefusal.DomainNotAllowed, result.Refusal);
        await using var db = Db.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync(Ct));
    }

    [Theory]
    [InlineData("", "sub", "a@uni.test", ExternalSignInRefusal.NoIdentity)]
    [InlineData(Issuer, "", "a@uni.test", ExternalSignInRefusal.NoIdentity)]
    [InlineData(Issuer, "sub", null, ExternalSignInRefusal.NoEmail)]
    [InlineData(Issuer, "sub", "not-an-email", ExternalSignInRefusal.NoEmail)]
    [InlineData(Issuer, "sub", "a@b@uni.test", ExternalSignInRefusal.NoEmail)]
    [InlineData(Issuer, "sub", "a@", ExternalSignInRefusal.NoEmail)]
    public async Task Identities_without_an_issuer_subject_or_address_are_refused(string issuer, string subject, string? email, ExternalSignInRefusal expected)
    {
        var result = await Accounts.SignInAsync(new ExternalIdentity(issuer, subject, email, true), Ct);
        Assert.Equal(expected, result.Refusal);
    }

    [Fact]
    public async Task A_configured_site_admin_address_bootstraps_a_site_admin_only_when_verified()
    {
        var refused = await Accounts.SignInAsync(new ExternalIdentity(Issuer, "sub-boss", "Boss@uni.test", null), Ct);
        Assert.Null(refused.User);

        var boss = await Accounts.SignInAsync(Verified("sub-boss", "Boss@uni.test", "The Boss"), Ct);
        Assert.True(boss.User!.IsSiteAdmin);
    }

    [Fact]
    public async Task A_bound_account_does_not_become_site_admin_by_claiming_the_admin_address()
    {
        // Ana's own identity now says boss@uni.test (verified): her account is ana@uni.test, not the boss's.
        await Accounts.SignInAsync(Verified("sub-ana", "ana@uni.test"), Ct);

        var ana = await Accounts.SignInAsync(Verified("sub-ana", "boss@uni.test"), Ct);

        Assert.False(ana.User!.IsSiteAdmin);
        Assert.Equal("ana@uni.test", ana.User.Email);
    }

    [Fact]
    public async Task Two_first_sign_ins_of_one_identity_at_once_make_one_account_and_one_binding()
    {
        var identity = Verified("sub-ana", "ana@uni.test");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Accounts.SignInAsync(identity, Ct))));

        Assert.Single(results.Select(r => r.User!.Id).Distinct());
        await using var db = Db.CreateContext();
        Assert.Equal((1, 1), (await db.Users.CountAsync(Ct), await db.ExternalLogins.CountAsync(Ct)));
    }

    private static ExternalIdentity Verified(string subject, string email, string? name = null, string? firstName = null) =>
        new(Issuer, subject, email, true, name, firstName);

    private async Task<User> AddUserAsync(string email, string name)
    {
        var user = new User { Email = email, DisplayName = name, FirstName = name.Split(' ')[0] };
        await using var db = Db.CreateContext();
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return user;
    }
}

/// <summary>With <c>RequireVerifiedEmail</c> off, a provider that never states verification is trusted; an explicit false never is.</summary>
public abstract class ExternalAccountsTrustingTheProviderTests<TDatabase> : DatabaseTest<TDatabase> where TDatabase : TestDatabase, new()
{
    public override Task InitializeAsync()
    {
        Db.Settings["Grimoire:Accounts:RequireVerifiedEmail"] = "false";
        return base.InitializeAsync();
    }

    [Fact]
    public async Task A_missing_email_verified_claim_is_trusted_but_an_explicit_false_is_not()
    {
        var accounts = Db.Get<ExternalAccounts>();
        const string issuer = "https://login.uni.test";

        Assert.NotNull((await accounts.SignInAsync(new ExternalIdentity(issuer, "sub-ana", "ana@anywhere.test", null), Ct)).User);
        Assert.Equal(ExternalSignInRefusal.EmailNotVerified, (await accounts.SignInAsync(new ExternalIdentity(issuer, "sub-kim", "kim@anywhere.test", false), Ct)).Refusal);
    }
}

public sealed class ExternalAccountsTestsOnSqlite : ExternalAccountsTests<SqliteTestDatabase>;

public sealed class ExternalAccountsTestsOnPostgres : ExternalAccountsTests<PostgresTestDatabase>;

public sealed class ExternalAccountsTrustingTheProviderTestsOnSqlite : ExternalAccountsTrustingTheProviderTests<SqliteTestDatabase>;

public sealed class ExternalAccountsTrustingTheProviderTestsOnPostgres : ExternalAccountsTrustingTheProviderTests<PostgresTestDatabase>;
