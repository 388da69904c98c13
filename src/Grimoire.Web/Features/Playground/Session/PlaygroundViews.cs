using Grimoire.Core.Courses;

namespace Grimoire.Web.Features.Playground.Session;

/// <summary>The course the playground is in, as the page shows it (built from the entity in <see cref="CourseContext"/>).</summary>
public sealed record CourseView(Guid Id, string Code, string Name, string DefaultSystemPrompt, bool IsArchived, Guid? DefaultModelConfigId)
{
    public static CourseView From(Course course)
    {
        ArgumentNullException.ThrowIfNull(course);
        return new(course.Id, course.Code, course.Name, course.DefaultSystemPrompt, course.IsArchived, course.DefaultModelConfigId);
    }
}

/// <summary>One enabled model of the course, as the model controls show it (AC1.5, AC3.4, AC3.6).</summary>
public sealed record ModelChoice(
    Guid Id,
    string Provider,
    string ModelId,
    string DisplayName,
    CostTier CostTier,
    string HostingRegion,
    string PrivacyNotes,
    bool SupportsThinking,
    ThinkingControl ThinkingControl,
    bool AllowsTemperatureWithThinking,
    bool SupportsVision,
    bool SupportsFiles,
    int? MaxOutputTokens)
{
    public static ModelChoice From(CourseModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.Id, model.Provider, model.ModelId, model.DisplayName, model.CostTier, model.HostingRegion, model.PrivacyNotes,
            model.SupportsThinking, model.ThinkingControl, model.AllowsTemperatureWithThinking, model.SupportsVision, model.SupportsFiles,
            model.MaxOutputTokens);
    }
}
