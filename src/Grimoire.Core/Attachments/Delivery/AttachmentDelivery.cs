using Grimoire.Core.Courses;
using Grimoire.Llm;

namespace Grimoire.Core.Attachments.Delivery;

/// <summary>
/// How a model takes attached files (AC7.4), from the course model's capability snapshot: images as base64 parts
/// when it has vision; PDFs as the file itself when it takes files and its provider has a native part for them
/// (OpenRouter <c>file</c> parts, Anthropic <c>document</c> blocks), else as their extracted text. OpenAI-compatible
/// servers (vLLM, Ollama, …) and the simulated provider get the text.
/// </summary>
public readonly record struct AttachmentDelivery(bool Images, bool NativePdf)
{
    public static AttachmentDelivery TextOnly => new(false, false);

    public static AttachmentDelivery For(CourseModelConfig model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.SupportsVision, model.SupportsFiles && TakesNativePdf(model.Provider));
    }

    /// <summary>True for the providers whose wire has a part for a whole PDF.</summary>
    public static bool TakesNativePdf(string provider) =>
        provider is ProviderKinds.OpenRouter or ProviderKinds.Anthropic;
}
