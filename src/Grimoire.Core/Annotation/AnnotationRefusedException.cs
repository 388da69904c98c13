using Grimoire.Core.Refusals;

namespace Grimoire.Core.Annotation;

/// <summary>An annotation action refused: no access, not found (the two look alike), or invalid. Safe to show.</summary>
public sealed class AnnotationRefusedException : RefusalException
{
    public const string GoneMessage = "This document does not exist or you don't have access to it.";

    public AnnotationRefusedException(RefusalKind kind, string message)
        : base(kind, message)
    {
    }

    public AnnotationRefusedException()
        : base(RefusalKind.Forbidden, "You may not do this here.")
    {
    }

    public AnnotationRefusedException(string message)
        : base(RefusalKind.Forbidden, message)
    {
    }

    public AnnotationRefusedException(string message, Exception innerException)
        : base(RefusalKind.Forbidden, message, innerException)
    {
    }

    public static AnnotationRefusedException Gone() => new(RefusalKind.NotFound, GoneMessage);

    public static AnnotationRefusedException Forbidden(string message) => new(RefusalKind.Forbidden, message);

    public static AnnotationRefusedException Invalid(string message) => new(RefusalKind.Invalid, message);
}
