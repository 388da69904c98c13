using Grimoire.Core.Courses;

namespace Grimoire.Core.Tests.Infrastructure;

/// <summary>Sample rows of the LTI tables (issue 15), for the schema round trip.</summary>
public static partial class SampleData
{
    public static Core.Lti.LtiPlatform LtiPlatform() => new()
    {
        Name = "Moodle",
        Issuer = "https://moodle.uni.test",
        ClientId = "Xy12abc",
        AuthLoginUrl = "https://moodle.uni.test/mod/lti/auth.php",
        AuthTokenUrl = "https://moodle.uni.test/mod/lti/token.php",
        JwksUrl = "https://moodle.uni.test/mod/lti/certs.php",
        CreatedAt = Instant,
    };

    public static Core.Lti.LtiDeployment LtiDeployment(Core.Lti.LtiPlatform platform) => new() { PlatformId = platform.Id, DeploymentId = "7" };

    public static Core.Lti.LtiLoginState LtiLoginState(Core.Lti.LtiPlatform platform) => new()
    {
        State = "state-abc",
        Nonce = "nonce-def",
        PlatformId = platform.Id,
        TargetLinkUri = "https://grimoire.uni.test/",
        ExpiresAt = Instant.AddMinutes(10),
    };

    public static Core.Lti.LtiContextLink LtiContextLink(Core.Lti.LtiPlatform platform, Course course) => new()
    {
        PlatformId = platform.Id,
        ContextId = "course-42",
        CourseId = course.Id,
        MembershipsUrl = "https://moodle.uni.test/mod/lti/services.php/42/bindings/7/memberships",
        CreatedAt = Instant,
    };

    public static Core.Lti.LtiToolKey LtiToolKey() => new()
    {
        KeyId = "kid-1",
        PublicKey = [1, 2, 3],
        PrivateKeyCiphertext = [4, 5, 6, 7],
        EncryptionKeyId = "k1",
        CreatedAt = Instant,
        RetiredAt = Instant.AddDays(30),
    };
}
