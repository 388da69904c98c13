using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grimoire.LtiFakePlatform;

/// <summary>The fake platform's endpoints and the tokens it signs.</summary>
public sealed partial class FakePlatform
{
    private string HomePage()
    {
        var rows = new StringBuilder();
        foreach (var person in People)
        {
            var role = person.Roles.Select(r => r[(r.LastIndexOf('#') + 1)..]).FirstOrDefault() ?? "";
            rows.Append(CultureInfoInvariant($"<li><a data-testid=\"launch-{Html(person.Subject)}\" href=\"/launch/{Uri.EscapeDataString(person.Subject)}\">Open Grimoire as {Html(person.Name)} ({Html(role)})</a> · <a data-testid=\"embed-{Html(person.Subject)}\" href=\"/embed/{Uri.EscapeDataString(person.Subject)}\">embedded in the course page</a></li>"));
        }

        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Fake LMS: {Html(options.ContextTitle)}</title></head>
            <body><h1>{Html(options.ContextTitle)}</h1><p>A fake LTI 1.3 platform. Pick a person to launch Grimoire as:</p><ul>{rows}</ul></body></html>
            """;
    }

    /// <summary>The course page with the tool embedded in a frame, as an LMS set to "embed" shows it.</summary>
    private IResult EmbeddedLaunch(string subject) => People.Any(p => p.Subject == subject)
        ? Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Fake LMS: {Html(options.ContextTitle)} (embedded)</title></head>
            <body><h1>{Html(options.ContextTitle)}</h1>
            <iframe data-testid="tool-frame" title="Grimoire" width="800" height="400" src="{Html(LoginInitiationUrl(subject).ToString())}"></iframe>
            </body></html>
            """,
            "text/html; charset=utf-8")
        : Results.NotFound();

    private IResult StartLaunch(string subject) =>
        People.Any(p => p.Subject == subject) ? Results.Redirect(LoginInitiationUrl(subject).ToString()) : Results.NotFound();

    private IResult AuthorizePage(Dictionary<string, string> request)
    {
        FakeAuthorization authorization;
        try
        {
            authorization = Authorize(request);
        }
        catch (ArgumentException ex)
        {
            return Results.Text(ex.Message, statusCode: 400);
        }

        // What an LMS does: a page that posts the id_token to the tool's launch URL at once (a button without script).
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Launching…</title></head>
            <body onload="document.forms[0].submit()">
            <form method="post" action="{Html(authorization.RedirectUri.ToString())}">
            <input type="hidden" name="id_token" value="{Html(authorization.IdToken)}">
            <input type="hidden" name="state" value="{Html(authorization.State)}">
            <noscript><button type="submit">Continue to the tool</button></noscript>
            </form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private string JwksJson()
    {
        RSAParameters p;
        string kid;
        lock (keyLock)
        {
            p = signingKey.Rsa.ExportParameters(false);
            kid = signingKey.KeyId;
        }

        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", alg = "RS256", use = "sig", kid, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } },
        });
    }

    private string SignLaunch(FakePlatformPerson person, string nonce, FakeLaunchTweaks tweaks)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = Issuer,
            ["aud"] = options.ClientId,
            ["azp"] = options.ClientId,
            ["sub"] = person.Subject,
            ["iat"] = now,
            ["exp"] = now + 300,
            ["nonce"] = nonce,
            ["email"] = person.Email,
            ["name"] = person.Name,
            ["given_name"] = person.GivenName,
            ["https://purl.imsglobal.org/spec/lti/claim/message_type"] = "LtiResourceLinkRequest",
            ["https://purl.imsglobal.org/spec/lti/claim/version"] = "1.3.0",
            ["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = options.DeploymentId,
            ["https://purl.imsglobal.org/spec/lti/claim/target_link_uri"] = options.ToolUrl!.ToString(),
            ["https://purl.imsglobal.org/spec/lti/claim/resource_link"] = new Dictionary<string, object> { ["id"] = "fake-resource-link-1", ["title"] = "Grimoire" },
            ["https://purl.imsglobal.org/spec/lti/claim/roles"] = person.Roles.ToArray(),
            ["https://purl.imsglobal.org/spec/lti/claim/context"] = new Dictionary<string, object>
            {
                ["id"] = options.ContextId,
                ["label"] = options.ContextLabel,
                ["title"] = options.ContextTitle,
                ["type"] = new[] { "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering" },
            },
            ["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] = new Dictionary<string, object>
            {
                ["context_memberships_url"] = MembershipsUrl,
                ["service_versions"] = new[] { "2.0" },
            },
        };
        foreach (var (name, value) in tweaks.Claims)
        {
            if (value is null)
            {
                claims.Remove(name);
            }
            else
            {
                claims[name] = value;
            }
        }

        SecurityKey key;
        lock (keyLock)
        {
            key = tweaks.SignWithStrangerKeyUnderPublishedKid ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = signingKey.KeyId }
                : tweaks.SignWithUnpublishedKid ? NewKey()
                : signingKey;
        }

        return tokens.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256) });
    }

    /// <summary>Client credentials with a JWT assertion signed by the tool (checked against the tool's own JWKS).</summary>
    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["grant_type"] != "client_credentials"
            || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            || !form["scope"].ToString().Split(' ').Contains(MembershipsScope))
        {
            return Results.Json(new { error = "invalid_request" }, statusCode: 400);
        }

        string jwks;
        if (options.ToolJwksSource is { } source)
        {
            jwks = await source(http.RequestAborted);
        }
        else
        {
            using var client = http.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient();
            jwks = await client.GetStringAsync(new Uri(options.ToolUrl!, "lti/jwks"), http.RequestAborted);
        }

        var toolKeys = new JsonWebKeySet(jwks);
        var result = await tokens.ValidateTokenAsync(form["client_assertion"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = options.ClientId,
            ValidAudience = AuthTokenUrl,
            IssuerSigningKeys = toolKeys.Keys,
            RequireExpirationTime = true,
        });
        if (!result.IsValid || (result.Claims.TryGetValue("sub", out var sub) ? sub as string : null) != options.ClientId)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        accessTokens[token] = DateTimeOffset.UtcNow.AddHours(1);
        Interlocked.Increment(ref tokenRequests);
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 3600, scope = MembershipsScope });
    }

    private IResult Memberships(HttpContext http)
    {
        var auth = http.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !accessTokens.TryGetValue(auth[7..], out var expires) || expires < DateTimeOffset.UtcNow)
        {
            return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        }

        var page = int.TryParse(http.Request.Query["page"], out var n) && n > 1 ? n : 1;
        var size = Math.Max(1, options.MembershipPageSize);
        var people = People.ToList();
        var members = people.Skip((page - 1) * size).Take(size).Select(p => new
        {
            status = "Active",
            name = p.Name,
            given_name = p.GivenName,
            email = p.Email,
            user_id = p.Subject,
            roles = p.Roles,
        });
        if (page * size < people.Count)
        {
            http.Response.Headers.Link = $"<{MembershipsUrl}?page={page + 1}>; rel=\"next\"";
        }

        return Results.Json(
            new { id = MembershipsUrl, context = new { id = options.ContextId, label = options.ContextLabel, title = options.ContextTitle }, members },
            contentType: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json");
    }

    private static string Html(string value) => WebUtility.HtmlEncode(value);

    private static string CultureInfoInvariant(FormattableString value) => FormattableString.Invariant(value);
}
