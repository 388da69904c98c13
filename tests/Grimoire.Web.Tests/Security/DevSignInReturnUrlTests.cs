using System.Net;
using Grimoire.Web.Tests.Infrastructure;

namespace Grimoire.Web.Tests.Security;

/// <summary>
/// The development sign-in's return address (issue 17 item 5): every trick in <see cref="RedirectTricks"/> lands on the
/// playground, local addresses are kept, and no form, however malformed, makes the endpoint answer 500.
/// </summary>
public sealed class DevSignInReturnUrlTests(DevSignInReturnUrlTests.Host host) : IClassFixture<DevSignInReturnUrlTests.Host>
{
    [Theory]
    [MemberData(nameof(RedirectTricks.All), MemberType = typeof(RedirectTricks))]
    public async Task Return_addresses_never_leave_the_site_and_never_fail_the_sign_in(string returnUrl)
    {
        using var client = SignedInClient.Anonymous(host.Factory);
        using var response = await SignedInClient.PostSignInAsync(client, "alex@demo.grimoire.test", returnUrl);

        if (returnUrl.Contains('\0', StringComparison.Ordinal))
        {
            // ASP.NET Core refuses to read a form holding a NUL: the form is unreadable, the person is told so.
            await AssertUnreadableFormAsync(response);
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/playground", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/courses")]
    [InlineData("/conversations?search=prompt%20design&page=2")]
    [InlineData("/playground/0192f1c2-7a4b-7c3d-8e9f-0a1b2c3d4e5f")]
    [InlineData("/admin#courses")]
    public async Task Local_return_addresses_are_kept(string returnUrl)
    {
        using var client = SignedInClient.Anonymous(host.Factory);
        using var response = await SignedInClient.PostSignInAsync(client, "alex@demo.grimoire.test", returnUrl);

        Assert.Equal(returnUrl, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("alex@demo.grimoire.test\r\nSet-Cookie: x=y")]
    public async Task A_malformed_development_sign_in_is_a_message_never_an_error_page(string email)
    {
        using var client = SignedInClient.Anonymous(host.Factory);
        using var response = await SignedInClient.PostSignInAsync(client, email, "/\t/evil.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?error=unknown-user", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unreadable_development_sign_in_form_is_a_message_never_an_error_page()
    {
        using var client = SignedInClient.Anonymous(host.Factory);
        using var nul = await SignedInClient.PostSignInAsync(client, "\u0000", null);
        await AssertUnreadableFormAsync(nul);

        using var json = new StringContent("{\"email\":\"alex@demo.grimoire.test\"}", System.Text.Encoding.UTF8, "application/json");
        using var notAForm = await client.PostAsync("/account/dev-signin", json);
        await AssertUnreadableFormAsync(notAForm);
    }

    [Fact]
    public async Task Repeated_or_overlong_return_addresses_fall_back_to_the_playground()
    {
        using var client = SignedInClient.Anonymous(host.Factory);
        var page = await client.GetStringAsync("/account/signin");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(
        [
            new("email", "alex@demo.grimoire.test"), new("__RequestVerificationToken", token),
            new("returnUrl", "/courses"), new("returnUrl", "//evil.example"),
        ]);
        using var repeated = await client.PostAsync("/account/dev-signin", content);
        Assert.Equal("/playground", repeated.Headers.Location!.OriginalString);

        using var overlong = await SignedInClient.PostSignInAsync(client, "alex@demo.grimoire.test", "/" + new string('a', 5000));
        Assert.Equal("/playground", overlong.Headers.Location!.OriginalString);
    }

    private static async Task AssertUnreadableFormAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reload the page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>One demo host for the whole corpus: each row is one sign-in, not one start-up.</summary>
    public sealed class Host : IDisposable
    {
        public GrimoireAppFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }
}
