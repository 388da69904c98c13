using System.Net;
using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Security.Oidc;

/// <summary>
/// OpenID Connect sign-in through the real handler against <see cref="FakeOidcProvider"/> (issue 17 items 4 and 5, X9):
/// where the browser lands afterwards, and which account (if any) the provider's claims reach.
/// </summary>
public sealed class OidcSignInTests(OidcHost host) : IClassFixture<OidcHost>
{
    [Theory]
    [MemberData(nameof(RedirectTricks.All), MemberType = typeof(RedirectTricks))]
    public async Task After_an_oidc_sign_in_every_redirect_trick_lands_on_the_playground(string returnUrl)
    {
        using var client = host.CreateClient();
        var person = Guid.NewGuid().ToString("N");
        using var response = await host.SignInAsync(client, returnUrl, Claims("sub-" + person, person + "@uni.test", true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/playground", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_local_return_address_is_kept_through_the_providers_round_trip()
    {
        using var client = host.CreateClient();
        using var response = await host.SignInAsync(client, "/conversations?search=prompt%20design", Claims("sub-kept", "kept@uni.test", true));

        Assert.Equal("/conversations?search=prompt%20design", response.Headers.Location!.OriginalString);
        using var page = await client.GetAsync("/conversations");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_first_verified_sign_in_binds_the_enrolled_account_and_later_ones_find_it_by_subject()
    {
        using (var first = host.CreateClient())
        {
            using var response = await host.SignInAsync(first, null, Claims("sub-priya", "PRIYA@demo.grimoire.test", true));
            Assert.Equal("/playground", response.Headers.Location!.OriginalString);
            Assert.Contains("Priya Sharma", await first.GetStringAsync("/playground"), StringComparison.Ordinal);
        }

        using var again = host.CreateClient();
        using var second = await host.SignInAsync(again, null, Claims("sub-priya", "priya.sharma@uni.test", true));
        Assert.Equal("/playground", second.Headers.Location!.OriginalString);
        Assert.Contains("Priya Sharma", await again.GetStringAsync("/playground"), StringComparison.Ordinal);

        await using var db = await host.Factory.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var login = await db.ExternalLogins.Include(l => l.User).SingleAsync(l => l.Subject == "sub-priya");
        Assert.Equal((FakeOidcProvider.Issuer, "priya@demo.grimoire.test"), (login.Issuer, login.User!.Email));
    }

    [Fact]
    public async Task Another_identity_with_a_bound_accounts_address_is_refused_with_a_message()
    {
        using (var owner = host.CreateClient())
        {
            using var bound = await host.SignInAsync(owner, null, Claims("sub-sam", "sam@demo.grimoire.test", true));
            Assert.Equal("/playground", bound.Headers.Location!.OriginalString);
        }

        using var client = host.CreateClient();
        using var impostor = await host.SignInAsync(client, "/courses", Claims("sub-mallory", "sam@demo.grimoire.test", true));

        await AssertRefusedAsync(client, impostor, "account-bound", "linked to a different sign-in");
    }

    [Fact]
    public async Task An_unverified_address_never_reaches_the_instructors_account()
    {
        using var client = host.CreateClient();
        using var response = await host.SignInAsync(client, null, Claims("sub-mallory-2", "instructor@demo.grimoire.test", false));

        await AssertRefusedAsync(client, response, "email-unverified", "has not verified your e-mail address");
    }

    [Fact]
    public async Task An_id_token_without_email_verified_is_refused_by_default()
    {
        using var client = host.CreateClient();
        var claims = new Dictionary<string, object> { ["sub"] = "sub-unstated", ["email"] = "unstated@uni.test" };
        using var response = await host.SignInAsync(client, null, claims);

        await AssertRefusedAsync(client, response, "email-unverified", "has not verified your e-mail address");
    }

    [Fact]
    public async Task A_verification_sent_only_in_userinfo_counts()
    {
        using var client = host.CreateClient();
        var idToken = new Dictionary<string, object> { ["sub"] = "sub-userinfo", ["email"] = "userinfo@uni.test" };
        using var response = await host.SignInAsync(client, null, idToken, new Dictionary<string, object> { ["email_verified"] = true, ["name"] = "Uma Info" });

        Assert.Equal("/playground", response.Headers.Location!.OriginalString);
        Assert.Contains("Uma Info", await client.GetStringAsync("/playground"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_outside_the_allowed_domains_is_refused()
    {
        using var client = host.CreateClient();
        using var response = await host.SignInAsync(client, null, Claims("sub-outsider", "someone@gmail.test", true));

        await AssertRefusedAsync(client, response, "email-domain", "accepts only addresses of its institution");
    }

    [Fact]
    public async Task The_configured_site_admin_address_bootstraps_a_site_admin_only_once_verified()
    {
        using (var unverified = host.CreateClient())
        {
            using var refused = await host.SignInAsync(unverified, null, Claims("sub-boss", "boss@uni.test", false));
            await AssertRefusedAsync(unverified, refused, "email-unverified", "has not verified");
        }

        using var client = host.CreateClient();
        using var response = await host.SignInAsync(client, "/admin", Claims("sub-boss", "boss@uni.test", true));
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
        using var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    private static Dictionary<string, object> Claims(string subject, string email, bool verified) => new()
    {
        ["sub"] = subject,
        ["email"] = email,
        ["email_verified"] = verified,
    };

    /// <summary>Sent back to the sign-in page with the sentence for this refusal, and not signed in.</summary>
    private static async Task AssertRefusedAsync(HttpClient client, HttpResponseMessage response, string error, string sentence)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?error=" + error, response.Headers.Location!.OriginalString);
        Assert.Contains(sentence, await client.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        using var playground = await client.GetAsync("/playground");
        Assert.Equal(HttpStatusCode.Redirect, playground.StatusCode);
        Assert.StartsWith("/account/signin", playground.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}
