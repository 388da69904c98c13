namespace Grimoire.Web.Features.Playground.Messages;

/// <summary>What the student chose in the regenerate dialog.</summary>
/// <param name="UseOriginalSettings">The model and settings the answer was made with, rather than the current ones.</param>
/// <param name="Branch">Regenerate in a new branch ending at this answer, leaving this conversation as it is.</param>
public sealed record RegenerateChoice(bool UseOriginalSettings, bool Branch);
