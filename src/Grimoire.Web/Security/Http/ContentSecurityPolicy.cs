using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Grimoire.Web.Security.Http;

/// <summary>
/// The Content-Security-Policy every response carries (issue 17 item 3). It is the policy with one addition:
/// <c>script-src</c> also allows the hash of the page's import map, the one inline script Blazor renders
/// (<c>&lt;ImportMap /&gt;</c> maps <c>./js/composer.js</c> to its fingerprinted file). A hash rather than a nonce: the
/// map is the same in every response, so a page patched by enhanced navigation still matches the first page's policy,
/// and no response needs a secret. Nothing else is inline: Blazor and MudBlazor load from this origin, their WebSocket
/// is same-origin (<c>'self'</c> covers <c>ws:</c>/<c>wss:</c> to this host), and MudBlazor's theme and popovers need
/// only inline styles, which the policy allows. With OpenID Connect configured, <c>form-action</c> also names the
/// provider's origin: the sign-out form's answer redirects there (RP-initiated logout), and Chromium checks a form's
/// redirects against <c>form-action</c> (issue 15, X9).
/// </summary>
internal sealed class ContentSecurityPolicy
{
    private const string ScriptSource = "script-src 'self'";

    private readonly ConditionalWeakTable<ImportMapDefinition, string> withImportMap = new();

    public ContentSecurityPolicy(Microsoft.Extensions.Options.IOptions<AuthOptions> auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        var provider = auth.Value.OidcEnabled && Uri.TryCreate(auth.Value.Oidc.Authority, UriKind.Absolute, out var authority)
            ? " " + authority.GetLeftPart(UriPartial.Authority)
            : "";
        Base = "default-src 'self'; " + ScriptSource + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
            $"object-src 'none'; base-uri 'self'; form-action 'self'{provider}; frame-ancestors 'none'";
    }

    /// <summary>The policy without the import map's hash.</summary>
    public string Base { get; }

    /// <summary>The policy for the response to this request: with the import map's hash when its endpoint renders one.</summary>
    public string For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var importMap = context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>();
        return importMap is null ? Base : withImportMap.GetValue(importMap, map => Base.Replace(ScriptSource, $"{ScriptSource} {HashSource(map.ToString())}", StringComparison.Ordinal));
    }

    /// <summary>A CSP hash source for an inline script's exact text.</summary>
    public static string HashSource(string scriptText) =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(scriptText)))}'";
}
