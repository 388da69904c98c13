using Grimoire.Core.Jobs.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Core.Jobs;

public static class CourseJobServiceCollectionExtensions
{
    /// <summary>
    /// Course jobs (issue 17 item 13): the service pages use, the background runner (the web host stops it on
    /// shutdown and sweeps interrupted jobs at start: <see cref="CourseJobRunner"/>), and the kinds of job.
    /// </summary>
    public static IServiceCollection AddCourseJobs(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<CourseJobMetrics>();
        services.AddSingleton<CourseJobSignals>();
        services.AddSingleton<CourseJobRunner>();
        services.AddSingleton<CourseJobs>();
        services.AddSingleton<ICourseJobKind, MintMissingKeysJob>();
        services.AddSingleton<ICourseJobKind, RotateKeysJob>();
        services.AddSingleton<ICourseJobKind, RefreshSpendJob>();
        return services;
    }
}
