using Grimoire.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grimoire.Core.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The audit archive (seam 8): options from <c>Grimoire:Audit</c> (folder defaulting to
    /// <c>{DataDirectory}/archive</c>, node id to the machine name), validated at start-up; the archive and its exporter
    /// (<see cref="AuditVerifier"/> needs no services). A host that should recover the archive at start and drain it at stop also adds
    /// <see cref="AuditArchiveService"/>; without it the writer starts on the first append.
    /// </summary>
    public static IServiceCollection AddAuditArchive(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuditOptions>()
            .Bind(configuration.GetSection(AuditOptions.Section))
            .PostConfigure<DataDirectory>((options, data) =>
            {
                if (string.IsNullOrWhiteSpace(options.Directory))
                {
                    options.Directory = Path.Combine(data.Path, "archive");
                }
                else if (options.Directory.IndexOfAny(Path.GetInvalidPathChars()) < 0)
                {
                    options.Directory = Path.GetFullPath(options.Directory, data.Path);
                }

                if (string.IsNullOrWhiteSpace(options.NodeId))
                {
                    options.NodeId = AuditFileName.NodeIdFrom(Environment.MachineName);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton<AuditMetrics>();
        services.TryAddSingleton<AuditArchive>();
        services.TryAddSingleton<Anchors.AuditAnchorSigner>();
        services.TryAddSingleton<Anchors.AuditAnchorStore>();
        services.TryAddSingleton<Anchors.AnchoredAuditVerifier>();
        services.TryAddSingleton<Anchors.AuditAnchorCheck>();
        services.TryAddSingleton<AuditExporter>();
        return services;
    }
}
