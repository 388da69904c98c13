using System.Net;
using Grimoire.Core.Lti;
using Grimoire.LtiFakePlatform;
using static Grimoire.Web.Tests.Security.Lti.LtiLaunchTests;

namespace Grimoire.Web.Tests.Security.Lti;

/// <summary>
/// Every check of an LTI launch refuses with a page that names it, and signs nobody in (issue 15, X9): signature,
/// key id, issuer, audience, expiry, nonce, state, deployment, message type and version.
/// </summary>
public sealed class LtiLaunchRefusalTests(LtiHost host) : IClassFixture<LtiHost>
{
    private const string LearnerSub = "fake-learner-1";

    public static TheoryData<string, LtiRefusal> TokenFaults => new()
    {
        { "bad-signature", LtiRefusal.BadSignature },
        { "unpublished-kid", LtiRefusal.UnknownKey },
        { "wrong-iss", LtiRefusal.WrongIssuer },
        { "wrong-aud", LtiRefusal.WrongAudience },
        { "wrong-azp", LtiRefusal.WrongAudience },
        { "expired", LtiRefusal.Expired },
        { "unknown-deployment", LtiRefusal.UnknownDeployment },
        { "deep-linking", LtiRefusal.WrongMessageType },
        { "lti-1.1", LtiRefusal.WrongVersion },
        { "no-nonce", LtiRefusal.NonceMismatch },
        { "not-a-jwt", LtiRefusal.MalformedToken },
    };

    [Theory]
    [MemberData(nameof(TokenFaults))]
    public async Task X9_a_launch_whose_id_token_fails_a_check_is_refused_with_a_page_naming_it(string fault, LtiRefusal expected)
    {
        using var client = host.CreateClient();
        var request = await host.BeginLoginAsync(client, LearnerSub);
        var authorization = host.Platform.Authorize(request, Fault(fault));
        if (fault == "not-a-jwt")
        {
            authorization = authorization with { IdToken = "not.a.token" };
        }

        using var launch = await LtiHost.PostLaunchAsync(client, authorization);

        await AssertRefusedAsync(launch, expected);
        using var playground = await client.GetAsync("/playground");
        Assert.Equal(HttpStatusCode.Redirect, playground.StatusCode); // still anonymous: to the sign-in page
    }

    [Fact]
    public async Task X9_a_replayed_launch_is_refused_because_its_state_was_used()
    {
        using var client = host.CreateClient();
        var request = await host.BeginLoginAsync(client, "fake-instructor-1");
        var authorization = host.Platform.Authorize(request);
        using (var first = await LtiHost.PostLaunchAsync(client, authorization))
        {
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        }

        using var replay = await LtiHost.PostLaunchAsync(client, authorization);
        await AssertRefusedAsync(replay, LtiRefusal.UnknownState);
    }

    [Fact]
    public async Task X9_an_id_token_replayed_under_a_fresh_login_is_refused_because_its_nonce_belongs_to_another()
    {
        using var client = host.CreateClient();
        var first = host.Platform.Authorize(await host.BeginLoginAsync(client, LearnerSub));
        var second = await host.BeginLoginAsync(client, LearnerSub);

        using var launch = await LtiHost.PostLaunchAsync(client, first with { State = second["state"] });
        await AssertRefusedAsync(launch, LtiRefusal.NonceMismatch);
    }

    [Fact]
    public async Task X9_a_launch_posted_into_another_browser_is_refused_because_the_state_cookie_is_missing()
    {
        using var attacker = host.CreateClient();
        var authorization = host.Platform.Authorize(await host.BeginLoginAsync(attacker, LearnerSub));

        using var victim = host.CreateClient();
        using var launch = await LtiHost.PostLaunchAsync(victim, authorization);
        await AssertRefusedAsync(launch, LtiRefusal.StateCookieMissing);
    }

    [Fact]
    public async Task X9_a_launch_with_an_unknown_state_is_refused()
    {
        using var client = host.CreateClient();
        var authorization = host.Platform.Authorize(await host.BeginLoginAsync(client, LearnerSub));

        using var launch = await LtiHost.PostLaunchAsync(client, authorization with { State = "made-up" });
        await AssertRefusedAsync(launch, LtiRefusal.UnknownState);
    }

    [Fact]
    public async Task X9_a_login_initiation_from_an_unregistered_issuer_or_for_another_site_is_refused()
    {
        using var client = host.CreateClient();
        using (var unknown = await client.GetAsync("/lti/login?iss=https%3A%2F%2Fevil.test&login_hint=x&target_link_uri=https%3A%2F%2Flocalhost%2F"))
        {
            await AssertRefusedAsync(unknown, LtiRefusal.UnknownPlatform);
        }

        var elsewhere = $"/lti/login?iss={Uri.EscapeDataString(host.Platform.Issuer)}&login_hint=x&target_link_uri=https%3A%2F%2Fevil.test%2F";
        using var target = await client.GetAsync(elsewhere);
        await AssertRefusedAsync(target, LtiRefusal.BadTarget);
    }

    [Fact]
    public async Task X9_a_login_initiation_may_be_posted_and_a_platform_error_answer_is_a_page()
    {
        using var client = host.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["iss"] = host.Platform.Issuer,
            ["login_hint"] = LearnerSub,
            ["target_link_uri"] = LtiHost.BaseAddress.ToString(),
            ["client_id"] = host.Platform.ClientId,
        });
        using var login = await client.PostAsync("/lti/login", form);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(login.Headers.Location!.Query)["state"].ToString();

        using var error = new FormUrlEncodedContent(new Dictionary<string, string> { ["error"] = "login_required", ["state"] = state });
        using var launch = await client.PostAsync("/lti/launch", error);
        await AssertRefusedAsync(launch, LtiRefusal.PlatformError);
    }

    private FakeLaunchTweaks Fault(string fault) => fault switch
    {
        "bad-signature" => new FakeLaunchTweaks { SignWithStrangerKeyUnderPublishedKid = true },
        "unpublished-kid" => new FakeLaunchTweaks { SignWithUnpublishedKid = true },
        "wrong-iss" => Tweak("iss", "https://other-lms.test"),
        "wrong-aud" => new FakeLaunchTweaks { Claims = new Dictionary<string, object?> { ["aud"] = "another-tool", ["azp"] = null } },
        "wrong-azp" => new FakeLaunchTweaks { Claims = new Dictionary<string, object?> { ["aud"] = new[] { host.Platform.ClientId, "another-tool" }, ["azp"] = "another-tool" } },
        "expired" => new FakeLaunchTweaks
        {
            Claims = new Dictionary<string, object?>
            {
                ["exp"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds(),
                ["iat"] = DateTimeOffset.UtcNow.AddMinutes(-15).ToUnixTimeSeconds(),
            },
        },
        "unknown-deployment" => Tweak(LtiClaims.DeploymentId, "someone-elses-deployment"),
        "deep-linking" => Tweak(LtiClaims.MessageType, "LtiDeepLinkingRequest"),
        "lti-1.1" => Tweak(LtiClaims.Version, "1.1"),
        "no-nonce" => Tweak("nonce", null),
        _ => new FakeLaunchTweaks(),
    };
}
