using Grimoire.Web.Features.Admin;
using Microsoft.AspNetCore.Components;

namespace Grimoire.Web.Features.Courses;

/// <summary>Base of the course admin tabs: the course context on top of <see cref="AdminComponentBase"/>.</summary>
public abstract class CourseTab : AdminComponentBase
{
    /// <summary>The course, the person and whether they may change things.</summary>
    [Parameter, EditorRequired]
    public CourseAdminContext Context { get; set; } = default!;
}
