namespace Grimoire.Web.Features.Playground.Session;

public static class PlaygroundStateRegistration
{
    /// <summary>The playground's circuit state: one of each per circuit (scoped).</summary>
    public static IServiceCollection AddPlaygroundState(this IServiceCollection services)
    {
        services.AddScoped<CourseContext>();
        services.AddScoped<ComposerState>();
        services.AddScoped<PendingAttachments>();
        services.AddScoped<ConversationListState>();
        services.AddScoped<LiveFollowing>();
        services.AddScoped<OpenConversation>();
        services.AddScoped<ConversationChanges>();
        services.AddScoped<MembershipFollowing>();
        services.AddScoped<PresenceFollowing>();
        services.AddScoped<MessageSending>();
        services.AddScoped<PlaygroundSession>();
        return services;
    }
}
