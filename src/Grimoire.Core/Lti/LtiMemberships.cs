using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Grimoire.Core.Courses;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grimoire.Core.Lti;

/// <summary>One active member of an LMS course, as NRPS lists them.</summary>
public sealed record LtiMember(string UserId, string? Email, string? Name, CourseRole? Role);

/// <summary>
/// The Names and Role Provisioning Services client (X9): an access token by client credentials with the tool's signed
/// JWT assertion (RFC 7523: iss = sub = client id, aud = the token URL, short-lived, unique jti), then every page of
/// the memberships (Link: rel="next", same origin only, at most <see cref="MaxPages"/>).
/// </summary>
public sealed class LtiMemberships(IHttpClientFactory httpClientFactory, LtiToolKeys toolKeys, TimeProvider time)
{
    public const int MaxPages = 500;
    private const string MembershipMediaType = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

    /// <exception cref="LtiRosterException">The platform refused or answered something unreadable.</exception>
    public async Task<IReadOnlyList<LtiMember>> FetchAsync(LtiPlatform platform, string membershipsUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        using var client = httpClientFactory.CreateClient(LtiPlatformKeys.HttpClientName);
        try
        {
            var token = await AccessTokenAsync(client, platform, cancellationToken);
            var members = new List<LtiMember>();
            var origin = new Uri(membershipsUrl).GetLeftPart(UriPartial.Authority);
            Uri? next = new(membershipsUrl);
            for (var page = 0; next is not null; page++)
            {
                if (page == MaxPages)
                {
                    throw new LtiRosterException($"The platform's roster has more than {MaxPages} pages; nothing was changed.");
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, next);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MembershipMediaType));
                using var response = await client.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new LtiRosterException($"The platform's roster answered {(int)response.StatusCode}; nothing was changed.");
                }

                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (json.RootElement.TryGetProperty("members", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    members.AddRange(list.EnumerateArray().Select(Read).OfType<LtiMember>());
                }

                next = NextPage(response, origin);
            }

            return members;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or UriFormatException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new LtiRosterException("The platform's roster could not be fetched or read; nothing was changed.", ex);
        }
    }

    private async Task<string> AccessTokenAsync(HttpClient client, LtiPlatform platform, CancellationToken cancellationToken)
    {
        var key = await toolKeys.GetSigningKeyAsync(cancellationToken);
        var now = time.GetUtcNow();
        var assertion = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = platform.ClientId,
                ["sub"] = platform.ClientId,
                ["aud"] = platform.AuthTokenUrl,
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
                ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = LtiClaims.ScopeMemberships,
        });
        using var response = await client.PostAsync(new Uri(platform.AuthTokenUrl), form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LtiRosterException($"The platform's token endpoint refused the tool ({(int)response.StatusCode}): check the tool's public keyset URL in the LMS.");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.TryGetProperty("access_token", out var t) && t.GetString() is { Length: > 0 } value
            ? value
            : throw new LtiRosterException("The platform's token endpoint answered without an access token.");
    }

    private static LtiMember? Read(JsonElement member)
    {
        string? Text(string name) => member.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Text("user_id") is not { Length: > 0 } userId || (Text("status") is { } status && status != "Active"))
        {
            return null;
        }

        var roles = member.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        return new LtiMember(userId, Text("email"), Text("name"), LtiRoles.Map(roles));
    }

    /// <summary>The Link header's rel="next" target, when on the roster's own origin.</summary>
    private static Uri? NextPage(HttpResponseMessage response, string origin)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var part in links.SelectMany(l => l.Split(',')))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (pieces.Length > 1 && pieces[0].StartsWith('<') && pieces[0].EndsWith('>')
                && pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next")
                && Uri.TryCreate(pieces[0][1..^1], UriKind.Absolute, out var next)
                && next.GetLeftPart(UriPartial.Authority) == origin)
            {
                return next;
            }
        }

        return null;
    }
}
