using System.Text.RegularExpressions;
using Grimoire.Core.Data;
using Grimoire.EndToEnd.Infrastructure;
using Grimoire.EndToEnd.Infrastructure.Oidc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Grimoire.EndToEnd;

/// <summary>
/// OpenID Connect sign-in in Chromium against a real OpenID provider (OpenIddict, <see cref="OpenIdProvider"/>): code
/// flow with PKCE through the real handler and Grimoire's account binding (issue 15 item 1, X9). Every refusal lands on
/// the sign-in page with its sentence: no error status, no exception text, and nobody signed in.
/// </summary>
public sealed class OidcSignInTests(OidcBrowserApp app) : IClassFixture<OidcBrowserApp>
{
    [Fact]
    public async Task X9_oidc_first_sign_in_binds_issuer_and_subject_and_a_changed_email_signs_into_the_same_account()
    {
        app.Provider.Add(new ProviderPerson("sub-noor", "noor@uni.test", true, "Noor Haddad"));
        Guid userId;
        var (firstContext, first, firstErrors) = await app.NewPageAsync();
        await using (firstContext)
        {
            await SignInAsync(first, "sub-noor");
            await Assertions.Expect(first.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Noor Haddad");
            Assert.True(firstErrors.Count == 0, string.Join("; ", firstErrors));
            userId = await UserOfAsync("sub-noor");
        }

        app.Provider.Add(app.Provider.Person("sub-noor") with { Email = "noor.haddad@uni.test" });
        var (againContext, again, againErrors) = await app.NewPageAsync();
        await using (againContext)
        {
            await SignInAsync(again, "sub-noor");
            await Assertions.Expect(again.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("Noor Haddad");
            Assert.True(againErrors.Count == 0, string.Join("; ", againErrors));
        }

        Assert.Equal(userId, await UserOfAsync("sub-noor"));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Users.CountAsync(u => u.Email == "noor.haddad@uni.test"));
    }

    [Fact]
    public async Task X9_oidc_an_unverified_email_is_refused_with_a_clear_page()
    {
        app.Provider.Add(new ProviderPerson("sub-unverified", "una@uni.test", false, "Una Verified"));
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await StartSignInAsync(page, "sub-unverified");
            await AssertRefusedAsync(page, errors, "email-unverified", "has not verified your e-mail address");
        }
    }

    [Theory]
    [InlineData(TokenTampering.Expired, "token-expired", "had expired")]
    [InlineData(TokenTampering.WrongIssuer, "token-untrusted", "did not come from this Grimoire's sign-in provider")]
    [InlineData(TokenTampering.StaleNonce, "replayed", "already used or has expired")]
    public async Task X9_oidc_a_bad_id_token_is_refused_with_a_clear_page(TokenTampering tampering, string error, string sentence)
    {
        app.Provider.Add(new ProviderPerson("sub-tampered", "tam@uni.test", true, "Tam Pered"));
        if (app.Provider.IssuedNonces.Count == 0)
        {
            // A stale nonce is an earlier sign-in's: make one.
            var (earlierContext, earlier, _) = await app.NewPageAsync();
            await using (earlierContext)
            {
                await SignInAsync(earlier, "sub-tampered");
            }
        }

        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            app.Provider.NextToken = tampering;
            await StartSignInAsync(page, "sub-tampered");
            await AssertRefusedAsync(page, errors, error, sentence);
        }

        // One warning line names the reason; no log line carries a token (a JWT starts "eyJ").
        Assert.Contains(app.Logs.Lines, line => line.Contains($"OpenID Connect sign-in refused ({error},", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("eyJ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task X9_oidc_a_replayed_state_is_refused_with_a_clear_page()
    {
        app.Provider.Add(new ProviderPerson("sub-replay", "rey@uni.test", true, "Rey Play"));
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            string? callback = null;
            page.Request += (_, request) =>
            {
                if (request.Method == "POST" && request.Url.EndsWith("/signin-oidc", StringComparison.Ordinal))
                {
                    callback = request.PostData;
                }
            };
            await SignInAsync(page, "sub-replay");
            Assert.NotNull(callback);

            // The same code and state, posted again (a captured answer, or the back button after sign-in).
            var fields = QueryHelpers.ParseQuery(callback).ToDictionary(f => f.Key, f => f.Value.ToString());
            await page.EvaluateAsync(
                """
                ([action, fields]) => {
                  const form = document.createElement('form');
                  form.method = 'post';
                  form.action = action;
                  for (const [name, value] of Object.entries(fields)) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value;
                    form.appendChild(input);
                  }
                  document.body.appendChild(form);
                  form.submit();
                }
                """,
                new object[] { app.ToolUrl + "signin-oidc", fields });
            await page.WaitForURLAsync(new Regex("/account/signin\\?error="));
            Assert.EndsWith("/account/signin?error=replayed", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToContainTextAsync("already used or has expired");
            Assert.True(errors.Count == 0, string.Join("; ", errors));
        }
    }

    [Fact]
    public async Task X9_oidc_sign_out_ends_the_session_at_grimoire_and_at_the_provider()
    {
        app.Provider.Add(new ProviderPerson("sub-leaving", "lea@uni.test", true, "Lea Ving"));
        var (context, page, errors) = await app.NewPageAsync();
        await using (context)
        {
            await SignInAsync(page, "sub-leaving");
            await page.GotoAsync(app.Provider.Issuer + "session");
            await Assertions.Expect(page.Locator("body")).ToHaveTextAsync("signed in as sub-leaving");
            var ended = app.Provider.EndedSessions;

            await page.GotoAsync(app.ToolUrl + "playground");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await page.WaitForURLAsync(app.ToolUrl + "account/signin?signedOut=true");
            Assert.Equal(ended + 1, app.Provider.EndedSessions);

            await page.GotoAsync(app.Provider.Issuer + "session");
            await Assertions.Expect(page.Locator("body")).ToHaveTextAsync("no session");
            await page.GotoAsync(app.ToolUrl + "playground");
            await page.WaitForURLAsync(new Regex("/account/signin"));

            // Signing in again asks the provider's login page: no silent sign-in from a session that should be over.
            await page.Locator("[data-testid=oidc-signin]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=provider-signin-sub-leaving]")).ToBeVisibleAsync();
            Assert.True(errors.Count == 0, string.Join("; ", errors));
        }
    }

    /// <summary>Grimoire's sign-in button, then the provider's login page as <paramref name="subject"/>.</summary>
    private async Task StartSignInAsync(IPage page, string subject)
    {
        await page.GotoAsync(app.ToolUrl + "account/signin");
        await page.Locator("[data-testid=oidc-signin]").ClickAsync();
        await page.Locator($"[data-testid=provider-signin-{subject}]").ClickAsync();
    }

    private async Task SignInAsync(IPage page, string subject)
    {
        await StartSignInAsync(page, subject);
        await page.WaitForURLAsync(app.ToolUrl + "playground");
    }

    private async Task<Guid> UserOfAsync(string subject)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<GrimoireDbContext>>().CreateDbContextAsync();
        var login = await db.ExternalLogins.SingleAsync(l => l.Subject == subject);
        Assert.Equal(app.Provider.Issuer, login.Issuer);
        return login.UserId;
    }

    private async Task AssertRefusedAsync(IPage page, List<string> errors, string error, string sentence)
    {
        await page.WaitForURLAsync(new Regex("/account/signin\\?error="));
        Assert.EndsWith("/account/signin?error=" + error, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToContainTextAsync(sentence);
        Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        await page.GotoAsync(app.ToolUrl + "playground");
        await page.WaitForURLAsync(new Regex("/account/signin"));
    }
}
