using Grimoire.Core.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Security;

internal static class AuthenticationSetup
{
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>Cookie sign-in, OpenID Connect when configured, and the course/workspace policies.</summary>
    public static IHostApplicationBuilder AddGrimoireAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        // Handlers are wired from configuration now; the validator above still judges it at start-up.
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var demo = HostingModes.IsDemo(builder.Environment);

        var authentication = builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/signin";
                options.AccessDeniedPath = "/account/access-denied";
                options.Cookie.Name = "grimoire.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // The demo setting runs on plain http://localhost; anywhere else the cookie never travels without TLS.
                options.Cookie.SecurePolicy = demo ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
            });

        if (auth.OidcEnabled)
        {
            authentication.AddOpenIdConnect(OidcScheme, auth.Oidc.DisplayName, options => ConfigureOidc(options, auth.Oidc, demo));
        }

        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddScoped<IAuthorizationHandler, CourseRoleHandler>();
        builder.Services.AddScoped<IAuthorizationHandler, WorkspacePermissionHandler>();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    private static void ConfigureOidc(OpenIdConnectOptions options, OidcOptions oidc, bool demo)
    {
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = string.IsNullOrWhiteSpace(oidc.ClientSecret) ? null : oidc.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.MapInboundClaims = false;
        // Only the ID token is kept (OidcSignIn drops the rest): RP-initiated sign-out sends it as id_token_hint.
        options.SaveTokens = true;
        // The options validator allows an http authority only in the demo setting (a local test provider); the
        // handler's own https check would otherwise refuse its metadata.
        options.RequireHttpsMetadata = !demo;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" })
        {
            options.Scope.Add(scope);
        }

        options.CallbackPath = "/signin-oidc";
        // The account is bound to (iss, sub): keep the issuer claim the handler deletes by default. Userinfo may be the
        // only place a provider sends email_verified; the handler maps only a few userinfo claims by default.
        options.ClaimActions.Remove("iss");
        options.ClaimActions.MapUniqueJsonKey(oidc.EmailVerifiedClaim, oidc.EmailVerifiedClaim);
        options.Events.OnTicketReceived = context => OidcSignIn.OnTicketReceivedAsync(context, oidc);
        options.SignedOutCallbackPath = "/signout-callback-oidc";
        options.Events.OnRemoteFailure = OidcRemoteFailure.HandleAsync;
    }
}
