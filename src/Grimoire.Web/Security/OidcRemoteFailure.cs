using Grimoire.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Grimoire.Web.Security;

/// <summary>
/// A sign-in the OpenID Connect handler itself refused (issue 15, X9): a token from the wrong issuer, an expired token,
/// a replayed state (its correlation cookie is gone) or nonce, an error the provider returned. Each is a sentence on
/// the sign-in page, a <c>grimoire.sign_ins</c> refusal and one warning line with the exception's type only (its
/// message can quote a token).
/// </summary>
internal static partial class OidcRemoteFailure
{
    public static Task HandleAsync(RemoteFailureContext context)
    {
        var code = ErrorCode(context.Failure);
        var services = context.HttpContext.RequestServices;
        services.GetRequiredService<SignInMetrics>().Record("oidc", "refused", code);
        LogRefused(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcRemoteFailure)), code, Innermost(context.Failure)?.GetType().Name ?? "none");

        // A failed sign-in is a message on the sign-in page, never an exception page.
        context.HandleResponse();
        context.Response.Redirect("/account/signin?error=" + code);
        return Task.CompletedTask;
    }

    /// <summary>The sign-in page's <c>error</c> code for a failure of the handler.</summary>
    public static string ErrorCode(Exception? failure)
    {
        for (var ex = failure; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case SecurityTokenExpiredException or SecurityTokenNotYetValidException:
                    return "token-expired";
                case SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException or SecurityTokenSignatureKeyNotFoundException
                    or SecurityTokenInvalidSignatureException:
                    return "token-untrusted";
                case OpenIdConnectProtocolInvalidNonceException:
                    return "replayed";
                case AuthenticationFailureException when ex.Message.Contains("Correlation failed", StringComparison.Ordinal)
                    || ex.Message.Contains("state", StringComparison.OrdinalIgnoreCase):
                    return "replayed";
            }
        }

        return "provider";
    }

    private static Exception? Innermost(Exception? failure)
    {
        var ex = failure;
        while (ex?.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in refused ({Reason}, {FailureType})")]
    private static partial void LogRefused(ILogger logger, string reason, string failureType);
}
