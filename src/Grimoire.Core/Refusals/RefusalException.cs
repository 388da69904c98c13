namespace Grimoire.Core.Refusals;

/// <summary>
/// The one way a service says "not allowed / not possible, because …" (docs/decisions/0010-one-refusal-type.md).
/// <see cref="Exception.Message"/> is a sentence for the person who asked: safe to show, never naming another
/// person's data or any secret. The web layer maps every refusal in one place (Grimoire.Web.Refusals): an HTTP status
/// for pages and endpoints, a notice beside the action in a circuit, and a boundary around interactive regions, so a
/// refusal never ends a circuit. The named subclasses (PlaygroundAccessDeniedException, CourseValidationException, …)
/// stay for callers that handle one case.
/// </summary>
public abstract class RefusalException : Exception
{
    protected RefusalException(RefusalKind kind, string message)
        : base(message) => Kind = kind;

    protected RefusalException(RefusalKind kind, string message, Exception? innerException)
        : base(message, innerException) => Kind = kind;

    public RefusalKind Kind { get; }
}
