namespace Grimoire.Core.Playground.Turns;

/// <summary>Which settings a regenerated answer is made with (AC6.3).</summary>
public enum RegenerateWith
{
    /// <summary>The model, parameters and system prompt the student has set now.</summary>
    CurrentSettings = 0,

    /// <summary>The model, parameters and system prompt the replaced answer was made with (its <see cref="MessageParameters"/>).</summary>
    OriginalSettings = 1,
}
