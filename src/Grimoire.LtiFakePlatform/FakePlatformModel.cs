namespace Grimoire.LtiFakePlatform;

/// <summary>A person in the fake LMS course.</summary>
/// <param name="Subject">The platform's stable id (<c>sub</c>).</param>
/// <param name="Email">The e-mail the platform shares with the tool.</param>
/// <param name="Name">Full name.</param>
/// <param name="GivenName">First name.</param>
/// <param name="Roles">LIS role URIs, e.g. <see cref="FakePlatform.Learner"/>.</param>
public sealed record FakePlatformPerson(string Subject, string Email, string Name, string GivenName, IReadOnlyList<string> Roles);

/// <summary>How one launch's id_token departs from a correct one (the tests' validation failures).</summary>
public sealed record FakeLaunchTweaks
{
    /// <summary>Changes to the id_token's claims before signing (set a value, or null to remove the claim).</summary>
    public IReadOnlyDictionary<string, object?> Claims { get; init; } = new Dictionary<string, object?>();

    /// <summary>Sign with a key the platform does not publish, under the published key id (a bad signature).</summary>
    public bool SignWithStrangerKeyUnderPublishedKid { get; init; }

    /// <summary>Sign with a key the platform does not publish, under an unpublished key id.</summary>
    public bool SignWithUnpublishedKid { get; init; }
}

/// <summary>What the authorize endpoint answers: the form it posts to the tool.</summary>
public sealed record FakeAuthorization(Uri RedirectUri, string IdToken, string State);

/// <summary>Settings of the fake platform.</summary>
public sealed class FakePlatformOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    public string ClientId { get; set; } = "grimoire-tool";

    public string DeploymentId { get; set; } = "fake-deployment-1";

    /// <summary>The tool's site root, e.g. http://localhost:5000/ (login initiation, launch URL, tool JWKS).</summary>
    public Uri? ToolUrl { get; set; }

    public string ContextId { get; set; } = "fake-course-101";

    public string ContextLabel { get; set; } = "LTI-101";

    public string ContextTitle { get; set; } = "Language Models 101";

    /// <summary>
    /// Where the token endpoint reads the tool's public key set to check its client assertion; null fetches
    /// <c>{ToolUrl}lti/jwks</c> over HTTP (tests whose tool is not on the network supply it).
    /// </summary>
    public Func<CancellationToken, Task<string>>? ToolJwksSource { get; set; }

    /// <summary>Members per NRPS page (small, so paging is exercised).</summary>
    public int MembershipPageSize { get; set; } = 2;

    /// <summary>The course's people; defaults to an instructor, a teaching assistant and two learners.</summary>
    public IList<FakePlatformPerson> People { get; } =
    [
        new("fake-instructor-1", "ada.instructor@uni.test", "Ada Lovelace", "Ada", [FakePlatform.Instructor]),
        new("fake-ta-1", "cy.ta@uni.test", "Cy Young", "Cy", [FakePlatform.TeachingAssistant]),
        new("fake-learner-1", "ben.learner@uni.test", "Ben Okri", "Ben", [FakePlatform.Learner]),
        new("fake-learner-2", "dee.learner@uni.test", "Dee Dee", "Dee", [FakePlatform.Learner]),
    ];
}
