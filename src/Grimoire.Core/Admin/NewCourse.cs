namespace Grimoire.Core.Admin;

/// <summary>A course a site admin creates; its instructors add models and people afterwards.</summary>
public sealed record NewCourse(string Code, string Name, string Term, DateOnly? StartsOn, DateOnly? EndsOn);
