using Grimoire.Core.Playground;

namespace Grimoire.Core.Courses.Admin;

/// <summary>Filters for the course's conversation list; null means "any".</summary>
/// <param name="StudentId">Only this person's conversations.</param>
/// <param name="ActiveFrom">Last active on or after this day (UTC).</param>
/// <param name="ActiveTo">Last active on or before this day (UTC).</param>
/// <param name="ModelId">Only conversations with an answer from this provider model id (kept even after the model is removed from the course).</param>
public sealed record CourseConversationFilter(Guid? StudentId = null, DateOnly? ActiveFrom = null, DateOnly? ActiveTo = null, string? ModelId = null);

/// <summary>One conversation in the instructor's list.</summary>
public sealed record CourseConversationRow(
    Guid Id, string Title, Guid OwnerId, string OwnerName, string OwnerEmail, DateTime CreatedAt, DateTime UpdatedAt, int MessageCount);

/// <summary>One page of the list, newest activity first, with the total for the pager.</summary>
public sealed record CourseConversationResults(IReadOnlyList<CourseConversationRow> Rows, int Total, int Skip, int Take);

/// <summary>
/// A student's conversation as course staff read it (AC2.6): always read-only (<see cref="ConversationDetail.Permission"/>
/// is Viewer), with the names and course models needed to render it like the playground does.
/// </summary>
public sealed record CourseConversationView(
    ConversationDetail Detail,
    string OwnerName,
    string CourseCode,
    IReadOnlyDictionary<Guid, string> AuthorNames,
    IReadOnlyList<CourseModelConfig> Models);
