namespace Grimoire.Core.Annotation;

public static class AnnotationLimits
{
    public const int MaxQuoteLength = 20_000;

    public const int MaxCommentLength = 4_000;

    public const int MaxTagNameLength = 60;
}
