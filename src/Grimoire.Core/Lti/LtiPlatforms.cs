using Grimoire.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Grimoire.Core.Lti;

/// <summary>What a site admin (admin page) or an operator (CLI) enters to register an LMS.</summary>
public sealed record LtiPlatformRegistration(
    string Name, string Issuer, string ClientId, string AuthLoginUrl, string AuthTokenUrl, string JwksUrl, IReadOnlyList<string> DeploymentIds);

/// <summary>A registered platform as the admin page and CLI show it.</summary>
public sealed record LtiPlatformView(
    Guid Id, string Name, string Issuer, string ClientId, string AuthLoginUrl, string AuthTokenUrl, string JwksUrl,
    IReadOnlyList<string> DeploymentIds, DateTime CreatedAt);

/// <summary>
/// The registered LTI 1.3 platforms (X9). Operator-level: the CLI calls it directly, the admin page only after its
/// own site-admin check. Endpoints must be https (http only on a loopback address, for the fake platform).
/// </summary>
public sealed partial class LtiPlatforms(IDbContextFactory<GrimoireDbContext> contextFactory, TimeProvider time, ILogger<LtiPlatforms> logger)
{
    public async Task<IReadOnlyList<LtiPlatformView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var platforms = await db.LtiPlatforms.AsNoTracking().Include(p => p.Deployments).ToListAsync(cancellationToken);
        return [.. platforms.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).Select(View)];
    }

    /// <exception cref="LtiRegistrationException">A value is invalid, or (issuer, client id) is already registered.</exception>
    public async Task<LtiPlatformView> AddAsync(LtiPlatformRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var deployments = (registration.DeploymentIds ?? []).Select(d => (d ?? "").Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var platform = new LtiPlatform
        {
            Name = (registration.Name ?? "").Trim(),
            Issuer = (registration.Issuer ?? "").Trim(),
            ClientId = (registration.ClientId ?? "").Trim(),
            AuthLoginUrl = (registration.AuthLoginUrl ?? "").Trim(),
            AuthTokenUrl = (registration.AuthTokenUrl ?? "").Trim(),
            JwksUrl = (registration.JwksUrl ?? "").Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        platform.Deployments.AddRange(deployments.Select(d => new LtiDeployment { PlatformId = platform.Id, DeploymentId = d }));
        var problems = Check(platform, deployments);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (problems.Count == 0 && await db.LtiPlatforms.AnyAsync(p => p.Issuer == platform.Issuer && p.ClientId == platform.ClientId, cancellationToken))
        {
            problems.Add($"A platform with issuer {platform.Issuer} and client id {platform.ClientId} is already registered.");
        }

        if (problems.Count > 0)
        {
            throw new LtiRegistrationException(problems);
        }

        db.LtiPlatforms.Add(platform);
        await db.SaveChangesAsync(cancellationToken);
        LogAdded(platform.Id, platform.Issuer, platform.ClientId, deployments.Count);
        return View(platform);
    }

    /// <summary>Removes a platform with its deployments, logins in flight and course links (the courses stay).</summary>
    public async Task<bool> RemoveAsync(Guid platformId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var removed = await db.LtiPlatforms.Where(p => p.Id == platformId).ExecuteDeleteAsync(cancellationToken) > 0;
        if (removed)
        {
            LogRemoved(platformId);
        }

        return removed;
    }

    private static List<string> Check(LtiPlatform platform, List<string> deployments)
    {
        var problems = new List<string>();
        if (platform.Name.Length is 0 or > 200)
        {
            problems.Add("A platform needs a name of at most 200 characters, e.g. “Moodle”.");
        }

        if (platform.Issuer.Length is 0 or > Accounts.ExternalLogin.MaxIssuerLength)
        {
            problems.Add("The issuer (the platform's iss, e.g. https://moodle.uni.example) is required.");
        }

        if (platform.ClientId.Length is 0 or > 255)
        {
            problems.Add("The client id the platform gave the tool is required.");
        }

        CheckUrl(problems, "authentication request URL", platform.AuthLoginUrl);
        CheckUrl(problems, "access token URL", platform.AuthTokenUrl);
        CheckUrl(problems, "public keyset (JWKS) URL", platform.JwksUrl);
        if (deployments.Count == 0)
        {
            problems.Add("At least one deployment id is required (the platform shows it after the tool is added).");
        }
        else if (deployments.Any(d => d.Length > LtiDeployment.MaxDeploymentIdLength))
        {
            problems.Add($"A deployment id may have at most {LtiDeployment.MaxDeploymentIdLength} characters.");
        }

        return problems;
    }

    private static void CheckUrl(List<string> problems, string what, string url)
    {
        if (!IsAllowedUrl(url))
        {
            problems.Add($"The {what} must be an https address (http only on localhost), got “{url}”.");
        }
    }

    /// <summary>https, or http on a loopback host (the fake platform, local trials).</summary>
    public static bool IsAllowedUrl(string url) =>
        url.Length <= LtiPlatform.MaxUrlLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.UserInfo);

    internal static LtiPlatformView View(LtiPlatform p) => new(
        p.Id, p.Name, p.Issuer, p.ClientId, p.AuthLoginUrl, p.AuthTokenUrl, p.JwksUrl,
        [.. p.Deployments.Select(d => d.DeploymentId).Order(StringComparer.Ordinal)], p.CreatedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI platform {PlatformId} registered: issuer {Issuer}, client id {ClientId}, {Deployments} deployment(s)")]
    private partial void LogAdded(Guid platformId, string issuer, string clientId, int deployments);

    [LoggerMessage(Level = LogLevel.Information, Message = "LTI platform {PlatformId} removed")]
    private partial void LogRemoved(Guid platformId);
}

/// <summary>A platform registration was refused; <see cref="Problems"/> says why, one sentence each.</summary>
public sealed class LtiRegistrationException : Exception
{
    public LtiRegistrationException()
        : this([])
    {
    }

    public LtiRegistrationException(string message)
        : this([message])
    {
    }

    public LtiRegistrationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public LtiRegistrationException(IReadOnlyList<string> problems)
        : base(string.Join(" ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
