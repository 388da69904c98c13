namespace Grimoire.OpenRouterStandIn.Chat;

/// <summary>Splits text into the pieces a stream sends: a few words each, cut only after whitespace.</summary>
internal static class Pieces
{
    public static List<string> Of(string text, int wordsPerPiece = 3)
    {
        var pieces = new List<string>();
        var start = 0;
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var endOfGap = char.IsWhiteSpace(text[i]) && (i + 1 == text.Length || !char.IsWhiteSpace(text[i + 1]));
            if (!endOfGap)
            {
                continue;
            }

            words++;
            if (words >= wordsPerPiece || text[i] == '\n')
            {
                pieces.Add(text[start..(i + 1)]);
                start = i + 1;
                words = 0;
            }
        }

        if (start < text.Length)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }
}
