namespace Grimoire.OpenRouterStandIn.Chat;

/// <summary>
/// The stand-in's token counts: about four characters a token, like the usual rule of thumb. Providers count with
/// their own tokenizers; these only need to be plausible and deterministic.
/// </summary>
internal static class Tokens
{
    public const int CharsPerToken = 4;

    private const int PerMessage = 4;
    private const int PerImage = 85;
    private const int PerFile = 250;

    public static long Of(string text) => (text.Length + CharsPerToken - 1) / CharsPerToken;

    public static long OfPrompt(IEnumerable<ChatRequestMessage> messages) =>
        3 + messages.Sum(m => PerMessage + Of(m.Text) + (m.Images * PerImage) + (m.Files * PerFile));
}
