using System.Net;
using Grimoire.Core.Accounts;
using Grimoire.Core.Lti;

namespace Grimoire.Web.Security.Lti;

/// <summary>The page a refused LTI login or launch shows: what went wrong, in a sentence the person or their LMS administrator can act on.</summary>
internal static class LtiRefusalPage
{
    public static IResult Unreadable() => Page(StatusCodes.Status400BadRequest, "This launch could not be read. Go back to your course and open Grimoire again.");

    public static IResult For(LtiRefusal refusal, ExternalSignInRefusal? account) => Page(StatusFor(refusal), Sentence(refusal, account), refusal);

    public static string Sentence(LtiRefusal refusal, ExternalSignInRefusal? account) => refusal switch
    {
        LtiRefusal.UnknownPlatform => "This learning platform is not registered with Grimoire. Ask your Grimoire site administrator to register it (issuer and client id).",
        LtiRefusal.BadTarget => "The launch asked for an address that is not this Grimoire site. Check the tool's launch URL in the LMS.",
        LtiRefusal.UnknownState => "This launch has expired or was already used. Go back to your course and open Grimoire again.",
        LtiRefusal.StateCookieMissing => "Your browser did not keep Grimoire's sign-in cookie (it may block cookies inside embedded pages). Open Grimoire in a new window from your course.",
        LtiRefusal.MalformedToken => "The learning platform's launch message could not be read.",
        LtiRefusal.BadSignature => "The launch message's signature does not check against the learning platform's keys. Ask your LMS administrator to check the registration.",
        LtiRefusal.UnknownKey => "The launch message was signed with a key the learning platform does not publish. Ask your LMS administrator to check the public keyset URL.",
        LtiRefusal.KeySetUnavailable => "Grimoire could not fetch the learning platform's public keys. Try again in a moment; if it persists, ask your administrator.",
        LtiRefusal.WrongIssuer => "The launch message comes from another platform than the one this login started with.",
        LtiRefusal.WrongAudience => "The launch message was meant for another tool (its audience is not Grimoire's client id).",
        LtiRefusal.Expired => "The launch message has expired. Go back to your course and open Grimoire again (if it keeps happening, a clock is wrong).",
        LtiRefusal.NonceMismatch => "The launch message does not answer this login (its nonce was already used or is wrong). Open Grimoire again from your course.",
        LtiRefusal.UnknownDeployment => "This deployment of the tool is not registered with Grimoire. Ask your site administrator to add the deployment id.",
        LtiRefusal.WrongMessageType => "Grimoire only accepts resource link launches (deep linking is not supported).",
        LtiRefusal.WrongVersion => "Grimoire only accepts LTI 1.3.0 launches.",
        LtiRefusal.NoSubject => "The launch did not say who you are (anonymous launches are not supported).",
        LtiRefusal.NoContext => "Open Grimoire from inside a course: the launch carried no course.",
        LtiRefusal.NoCourseRole => "Your role in this course is not instructor, teaching assistant or learner, so Grimoire cannot tell what you may do here.",
        LtiRefusal.CourseNotSetUp => "Grimoire is not set up for this course yet: an instructor needs to open it from the course first.",
        LtiRefusal.AccountRefused => account switch
        {
            ExternalSignInRefusal.NoEmail => "The learning platform did not share your e-mail address, which Grimoire needs. Ask your LMS administrator to share it with the tool.",
            ExternalSignInRefusal.DomainNotAllowed => "Your e-mail address is not from a domain this Grimoire site accepts.",
            ExternalSignInRefusal.AccountBoundToAnotherIdentity => "Your e-mail address belongs to a Grimoire account already linked to another person at this platform. Ask your site administrator.",
            _ => "Grimoire could not sign you in with this launch.",
        },
        LtiRefusal.PlatformError => "The learning platform refused the sign-in. Go back to your course and try again.",
        _ => "Grimoire could not sign you in with this launch.",
    };

    private static int StatusFor(LtiRefusal refusal) => refusal is LtiRefusal.CourseNotSetUp or LtiRefusal.NoCourseRole or LtiRefusal.AccountRefused
        ? StatusCodes.Status403Forbidden
        : StatusCodes.Status400BadRequest;

    private static IResult Page(int status, string sentence, LtiRefusal? refusal = null)
    {
        var code = refusal is null ? "" : $" data-refusal=\"{refusal}\"";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Grimoire could not open</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body>
            <main>
            <h1>Grimoire could not open</h1>
            <p data-testid="lti-refusal"{code}>{WebUtility.HtmlEncode(sentence)}</p>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
