using Grimoire.Core.Admin;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grimoire.Core.Courses.Admin;

public static class CourseAdminServiceCollectionExtensions
{
    /// <summary>
    /// Course administration (seam 11) and the site admin's services. Stateless over the context factory, so
    /// singletons. <see cref="IStudentUnenrolled"/> gets a do-nothing default with TryAdd: key provisioning
    /// registers its own (AddSingleton) to revoke keys on unenrollment.
    /// </summary>
    public static IServiceCollection AddCourseAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<CourseAdminAccess>();
        services.TryAddSingleton<CourseSettings>();
        services.TryAddSingleton<CatalogueBrowser>();
        services.TryAddSingleton<CourseModelAllowlist>();
        services.TryAddSingleton<CourseEnrollment>();
        services.TryAddSingleton<CourseConversations>();
        services.TryAddSingleton<IStudentUnenrolled, NothingToRevokeOnUnenroll>();
        services.TryAddSingleton<SiteCourses>();
        services.TryAddSingleton<SiteUsers>();
        services.TryAddSingleton(sp => new ProviderCredentialStatus(configuration, sp.GetRequiredService<CourseAdminAccess>()));
        return services;
    }
}
