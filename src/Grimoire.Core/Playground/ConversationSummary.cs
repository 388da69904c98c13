namespace Grimoire.Core.Playground;

public sealed record ConversationSummary(Guid Id, Guid CourseId, string CourseCode, string Title, DateTime UpdatedAt, int MessageCount);
