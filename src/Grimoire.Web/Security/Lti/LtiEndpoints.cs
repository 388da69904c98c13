using Grimoire.Core.Courses;
using Grimoire.Core.Lti;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Grimoire.Web.Security.Lti;

/// <summary>
/// The LTI 1.3 tool's HTTP endpoints (X9): third-party-initiated login (<c>/lti/login</c>, GET or POST), the launch
/// the platform form-posts back (<c>/lti/launch</c>), and the tool's public keys (<c>/lti/jwks</c>). The LMS posts
/// from its own site, so these take no antiforgery token: the login state (single use, server-side) and the state
/// cookie (<see cref="LtiStateCookie"/>) do that job. Every refusal is a page with a sentence.
/// </summary>
internal static partial class LtiEndpoints
{
    public const string LoginPath = "/lti/login";
    public const string LaunchPath = "/lti/launch";
    public const string JwksPath = "/lti/jwks";

    public static IEndpointRouteBuilder MapLtiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, (HttpContext http, LtiPlatforms platforms, LtiLoginStates states, ILoggerFactory logs) =>
            LoginAsync(http, http.Request.Query, platforms, states, logs)).AllowAnonymous();
        endpoints.MapPost(LoginPath, async (HttpContext http, LtiPlatforms platforms, LtiLoginStates states, ILoggerFactory logs) =>
            await ReadFormAsync(http) is { } form ? await LoginAsync(http, form, platforms, states, logs) : LtiRefusalPage.Unreadable())
            .AllowAnonymous().DisableAntiforgery();
        endpoints.MapPost(LaunchPath, LaunchAsync).AllowAnonymous().DisableAntiforgery();
        endpoints.MapGet(JwksPath, async (LtiToolKeys keys, CancellationToken cancellationToken) =>
            Results.Text(await keys.GetJwksJsonAsync(cancellationToken), "application/json")).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http, IEnumerable<KeyValuePair<string, StringValues>> parameters, LtiPlatforms platforms, LtiLoginStates states, ILoggerFactory logs)
    {
        var values = parameters.ToDictionary(p => p.Key, p => p.Value.Count == 1 ? p.Value[0] ?? "" : "", StringComparer.Ordinal);
        var issuer = values.GetValueOrDefault("iss", "");
        var clientId = values.GetValueOrDefault("client_id");
        var loginHint = values.GetValueOrDefault("login_hint", "");
        var target = values.GetValueOrDefault("target_link_uri", "");
        var log = logs.CreateLogger(typeof(LtiEndpoints).FullName!);

        var candidates = (await platforms.ListAsync(http.RequestAborted))
            .Where(p => p.Issuer == issuer && (string.IsNullOrEmpty(clientId) || p.ClientId == clientId)).ToList();
        if (candidates.Count != 1 || loginHint.Length == 0)
        {
            // Several registrations of one issuer need the client_id to tell them apart (LTI 1.3 §4.1.1).
            return Refuse(http, log, LtiRefusal.UnknownPlatform);
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var targetUri)
            || !string.Equals(targetUri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(http, log, LtiRefusal.BadTarget);
        }

        var platform = candidates[0];
        if (LtiNewWindowPage.IsFramed(http.Request))
        {
            // Inside the LMS's frame the state cookie would be a third-party cookie: start again in a new window.
            http.RequestServices.GetRequiredService<LtiMetrics>().OpenedInNewWindow();
            LogFramedLogin(log, platform.Id);
            return LtiNewWindowPage.For(http, new Uri(platform.AuthLoginUrl), values);
        }

        var login = await states.BeginAsync(platform.Id, target, http.RequestAborted);
        LtiStateCookie.Set(http, login.State);
        var authorize = new Dictionary<string, string?>
        {
            ["scope"] = "openid",
            ["response_type"] = "id_token",
            ["response_mode"] = "form_post",
            ["prompt"] = "none",
            ["client_id"] = platform.ClientId,
            ["redirect_uri"] = $"{http.Request.Scheme}://{http.Request.Host}{LaunchPath}",
            ["login_hint"] = loginHint,
            ["state"] = login.State,
            ["nonce"] = login.Nonce,
        };
        if (values.TryGetValue("lti_message_hint", out var messageHint) && messageHint.Length > 0)
        {
            authorize["lti_message_hint"] = messageHint;
        }

        LogLoginStarted(log, platform.Id);
        return Results.Redirect(QueryHelpers.AddQueryString(platform.AuthLoginUrl, authorize));
    }

    private static async Task<IResult> LaunchAsync(
        HttpContext http, LtiLoginStates states, LtiLaunchValidator validator, LtiLaunches launches, LtiMetrics metrics, ILoggerFactory logs)
    {
        var log = logs.CreateLogger(typeof(LtiEndpoints).FullName!);
        if (await ReadFormAsync(http) is not { } form)
        {
            return LtiRefusalPage.Unreadable();
        }

        var state = form["state"].Count == 1 ? form["state"][0] : null;
        var login = await states.ConsumeAsync(state, http.RequestAborted);
        var cookieMatched = state is not null && LtiStateCookie.TakeMatches(http, state);
        if (form["error"].Count > 0)
        {
            return Refuse(http, log, LtiRefusal.PlatformError, metrics);
        }

        if (login is null)
        {
            return Refuse(http, log, LtiRefusal.UnknownState, metrics);
        }

        if (!cookieMatched)
        {
            return Refuse(http, log, LtiRefusal.StateCookieMissing, metrics);
        }

        var validation = await validator.ValidateAsync(form["id_token"].Count == 1 ? form["id_token"][0] : null, login, http.RequestAborted);
        if (validation.Launch is not { } launch)
        {
            return Refuse(http, log, validation.Refusal!.Value, metrics);
        }

        var signIn = await launches.SignInAsync(launch, http.RequestAborted);
        if (signIn.User is not { } user)
        {
            // LtiLaunches counted and logged it.
            return LtiRefusalPage.For(signIn.Refusal!.Value, signIn.AccountRefusal);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, GrimoireClaims.CreatePrincipal(user, "lti"));
        if (signIn.Role == CourseRole.Instructor)
        {
            await SyncRosterAsync(http, log, user.Id, signIn.CourseId);
        }

        // A 303 turns the platform's POST into a GET of Grimoire's page: a top-level navigation, so the Lax sign-in cookie goes with it.
        var landing = signIn.Role == CourseRole.Student ? "/playground" : $"/courses/{signIn.CourseId}";
        return new SeeOther(landing);
    }

    /// <summary>Each instructor launch brings the roster up to date; a failure is logged and the launch goes on.</summary>
    private static async Task SyncRosterAsync(HttpContext http, ILogger log, Guid instructorId, Guid courseId)
    {
        var roster = http.RequestServices.GetRequiredService<LtiRosterSync>();
        if (!await roster.IsAvailableAsync(courseId, http.RequestAborted))
        {
            return;
        }

        try
        {
            await roster.SyncAsync(instructorId, courseId, http.RequestAborted);
        }
        catch (LtiRosterException ex)
        {
            LogRosterFailed(log, courseId, ex.Message);
        }
    }

    private static IResult Refuse(HttpContext http, ILogger log, LtiRefusal refusal, LtiMetrics? metrics = null)
    {
        metrics ??= http.RequestServices.GetRequiredService<LtiMetrics>();
        metrics.Refused(refusal);
        LogRefused(log, refusal);
        return LtiRefusalPage.For(refusal, null);
    }

    /// <summary>The posted form, or null when it cannot be read (not a form, a NUL in a value): a page, never a 500.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http)
    {
        try
        {
            return http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI login started for platform {PlatformId}")]
    private static partial void LogLoginStarted(ILogger logger, Guid platformId);

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI login for platform {PlatformId} came inside a frame: answered with the new-window page")]
    private static partial void LogFramedLogin(ILogger logger, Guid platformId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LTI roster sync on an instructor launch failed for course {CourseId}: {Reason}")]
    private static partial void LogRosterFailed(ILogger logger, Guid courseId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LTI login or launch refused: {Refusal}")]
    private static partial void LogRefused(ILogger logger, LtiRefusal refusal);

    /// <summary>303 See Other: the browser follows with a GET.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
