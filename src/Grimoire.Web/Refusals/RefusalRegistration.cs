namespace Grimoire.Web.Refusals;

public static class RefusalRegistration
{
    /// <summary>The one mapping of refusals in the web layer: HTTP status, the circuit's notice, the metrics.</summary>
    public static IServiceCollection AddRefusals(this IServiceCollection services)
    {
        services.AddSingleton<RefusalMetrics>();
        services.AddScoped<RefusalNotice>();
        services.AddExceptionHandler<RefusalExceptionHandler>();
        return services;
    }
}
