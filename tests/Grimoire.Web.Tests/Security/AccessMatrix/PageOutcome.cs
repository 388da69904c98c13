namespace Grimoire.Web.Tests.Security.AccessMatrix;

/// <summary>What one person gets at one address.</summary>
public abstract record PageOutcome;

/// <summary>200 with the page itself: every marker is in the prerendered HTML, nothing of <see cref="Absent"/> is.</summary>
public sealed record Shows(IReadOnlyList<string> Markers, IReadOnlyList<string> Absent) : PageOutcome
{
    public override string ToString() => $"200 showing [{string.Join(", ", Markers)}]";
}

/// <summary>
/// 403 with the denial and nothing of the resources the address names. <see cref="ByPolicy"/>: the authorization
/// middleware refuses before the page runs and redirects to /account/access-denied, which answers 403.
/// <see cref="Marker"/>: how the page says no to this person, when not the page's usual way.
/// </summary>
public sealed record Forbidden(bool ByPolicy, string? Marker = null) : PageOutcome
{
    public override string ToString() => ByPolicy ? "302 to /account/access-denied, then 403" : "403";
}

/// <summary>302 to the sign-in page, with the address as the way back.</summary>
public sealed record SignIn : PageOutcome
{
    public override string ToString() => "302 to /account/signin";
}

/// <summary>302 elsewhere (the home page sends people to the playground).</summary>
public sealed record RedirectsTo(string Path) : PageOutcome
{
    public override string ToString() => $"302 to {Path}";
}

/// <summary>
/// One address of the matrix. <see cref="MustNotLeak"/> is what the address names (a course's code and name, a
/// conversation's title and text, the page's own structure): a refused person's answer contains none of it.
/// <see cref="DeniedMarker"/> is how the page says no. Roles not listed get the default: anonymous visitors are sent
/// to sign in, signed-in people are refused with 403.
/// </summary>
public sealed class PageSpec(string address, params string[] mustNotLeak)
{
    public const string AccessDenied = "data-testid=\"access-denied\"";

    private readonly Dictionary<MatrixRole, PageOutcome> outcomes = [];

    public string Address { get; } = address;

    public string DeniedMarker { get; private set; } = AccessDenied;

    public IReadOnlyList<string> MustNotLeak { get; } = mustNotLeak;

    /// <summary>The page refuses with <paramref name="marker"/> instead of the access-denied notice.</summary>
    public PageSpec DeniedWith(string marker)
    {
        DeniedMarker = marker;
        return this;
    }

    public PageOutcome OutcomeFor(MatrixRole role) =>
        outcomes.TryGetValue(role, out var outcome) ? outcome
        : role == MatrixRole.Anonymous ? new SignIn()
        : new Forbidden(ByPolicy: false);

    /// <summary>These roles get <paramref name="outcome"/>.</summary>
    public PageSpec For(PageOutcome outcome, params MatrixRole[] roles)
    {
        foreach (var role in roles)
        {
            outcomes[role] = outcome;
        }

        return this;
    }

    /// <summary>Every signed-in role gets <paramref name="outcome"/> (anonymous keeps its default unless set).</summary>
    public PageSpec ForEverySignedIn(PageOutcome outcome) =>
        For(outcome, [.. Enum.GetValues<MatrixRole>().Where(r => r != MatrixRole.Anonymous)]);
}
