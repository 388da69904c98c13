using Grimoire.Llm.Catalogue;

namespace Grimoire.Core.Courses.Admin;

/// <summary>
/// Copies what a course must remember about a model from the catalogue: capabilities, limits and prices, and when
/// they were read, so the course keeps working while the catalogue is down.
/// </summary>
internal static class ModelSnapshot
{
    public static void Apply(CourseModelConfig target, ModelInfo model, DateTime takenAt)
    {
        target.SupportsThinking = model.Capabilities.Thinking;
        target.ThinkingControl = model.Capabilities.ThinkingControl switch
        {
            Llm.Catalogue.ThinkingControl.Budget => Courses.ThinkingControl.Budget,
            Llm.Catalogue.ThinkingControl.Effort => Courses.ThinkingControl.Effort,
            _ => Courses.ThinkingControl.None,
        };
        target.SupportsVision = model.Capabilities.Vision;
        target.SupportsFiles = model.Capabilities.Files;
        target.AllowsTemperatureWithThinking = ModelRules.TemperatureAllowedWithThinking(model);
        target.ContextLength = model.ContextLength > 0 ? model.ContextLength : null;
        target.MaxOutputTokens = model.MaxOutputTokens;
        target.InputPricePerMillion = model.Pricing.InputPerMillion;
        target.OutputPricePerMillion = model.Pricing.OutputPerMillion;
        target.CatalogueSnapshotAt = takenAt;
    }
}
