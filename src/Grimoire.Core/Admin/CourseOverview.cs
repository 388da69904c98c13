namespace Grimoire.Core.Admin;

public sealed record CourseOverview(
    Guid Id, string Code, string Name, string Term, bool IsArchived, int Students, int Staff, int EnabledModels);
