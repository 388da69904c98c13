using Grimoire.Core.Accounts;
using Grimoire.Core.Courses;

namespace Grimoire.Core.Keys;

/// <summary>A planned "mint for the class": the course, the budget new keys get, and its students in order.</summary>
internal sealed record ClassMintRun(Course Course, KeyBudget Budget, IReadOnlyList<User> Students);
