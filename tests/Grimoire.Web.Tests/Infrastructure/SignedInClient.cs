using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Grimoire.Web.Tests.Infrastructure;

/// <summary>An HTTP client that signs in through the real development sign-in form, antiforgery token and all.</summary>
public static partial class SignedInClient
{
    public static HttpClient Anonymous(GrimoireAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> SignInAsync(GrimoireAppFactory factory, string email, string? returnUrl = null)
    {
        var client = Anonymous(factory);
        var response = await PostSignInAsync(client, email, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return client;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string? returnUrl)
    {
        var page = await client.GetStringAsync("/account/signin");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The sign-in page carries no antiforgery token.");
        var form = new Dictionary<string, string> { ["email"] = email, ["__RequestVerificationToken"] = token };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync("/account/dev-signin", content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
