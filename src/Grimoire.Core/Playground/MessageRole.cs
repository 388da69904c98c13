namespace Grimoire.Core.Playground;

public enum MessageRole
{
    User = 0,
    Assistant = 1,
}
