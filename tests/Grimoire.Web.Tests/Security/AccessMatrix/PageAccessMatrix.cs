using Grimoire.Core.Demo;
using static Grimoire.Web.Tests.Security.AccessMatrix.AccessMatrixHost;
using static Grimoire.Web.Tests.Security.AccessMatrix.MatrixRole;

namespace Grimoire.Web.Tests.Security.AccessMatrix;

/// <summary>
/// Every page of the instructor track and the playground, for every role (AC2.4, AC2.6, AC3.6, AC8.6). Course A is the
/// demo course, course B the other one. Addresses name the resources with placeholders; the mismatched ones
/// (course A with a conversation of course B, and the reverse) and unknown ids are the IDOR probes. Unlisted roles get
/// the default: anonymous → sign in, signed in → 403.
/// </summary>
public static class PageAccessMatrix
{
    private const string CourseAdmin = "data-testid=\"course-admin\"";
    private const string TutorReadOnly = "data-testid=\"read-only\"";
    private const string CourseConversation = "data-testid=\"course-conversation\"";
    private const string MessageCard = "data-testid=\"message-card\"";
    private const string PlaygroundCourse = "data-testid=\"playground-course\"";
    private const string NoCourse = "data-testid=\"no-course\"";
    private const string ComposerReadOnly = "This conversation is read-only for you.";
    private const string NotYours = "That conversation does not exist or is not yours to open.";
    private const string CourseList = "data-testid=\"course-list\"";
    private const string ManageLink = "data-testid=\"manage-course\"";
    private const string AdminRoot = "data-testid=\"admin-root\"";
    private const string DemoCode = DemoData.CourseCode;

    private static readonly string[] Alex = AlexConversationText;
    private static readonly string[] Priya = PriyaConversationText;
    private static readonly string[] Oscar = OtherConversationText;
    private static readonly string[] CourseA = [DemoCode, CourseName];
    private static readonly string[] CourseB = [OtherCourseCode, OtherCourseName];

    public static IReadOnlyList<PageSpec> Pages { get; } =
    [
        new PageSpec("/").ForEverySignedIn(new RedirectsTo("/playground")),

        new PageSpec("/playground")
            .For(Show([NoCourse], [PlaygroundCourse, DemoCode, OtherCourseCode, .. Alex, .. Oscar]), SiteAdmin)
            .For(Show([PlaygroundCourse, .. CourseA], [OtherCourseCode, .. Alex, .. Priya]), Instructor, Tutor)
            .For(Show([PlaygroundCourse, .. CourseA, Alex[0]], [OtherCourseCode, .. Priya]), Student)
            .For(Show([PlaygroundCourse, .. CourseA, Priya[0]], [OtherCourseCode, .. Alex]), Classmate)
            .For(Show([PlaygroundCourse, .. CourseB], [DemoCode, .. Alex, .. Oscar]), OtherInstructor, OtherTutor)
            .For(Show([PlaygroundCourse, .. CourseB, Oscar[0]], [DemoCode, .. Alex]), OtherStudent),

        // The owner writes; the course's tutors and instructors read (AC2.6 through workspace access, AC8.6); nobody
        // else, site admins included (they read through the course pages below; enrolled nowhere, they see "no course").
        new PageSpec("/playground/{AlexConversation}", [MessageCard, .. Alex]).DeniedWith(NotYours)
            .For(Show([MessageCard, .. Alex], [ComposerReadOnly]), Student)
            .For(Show([MessageCard, ComposerReadOnly, .. Alex], []), Instructor, Tutor)
            .For(new Forbidden(ByPolicy: false, NoCourse), SiteAdmin),
        new PageSpec("/playground/{OtherConversation}", [MessageCard, .. Oscar]).DeniedWith(NotYours)
            .For(Show([MessageCard, .. Oscar], [ComposerReadOnly]), OtherStudent)
            .For(Show([MessageCard, ComposerReadOnly, .. Oscar], []), OtherInstructor, OtherTutor)
            .For(new Forbidden(ByPolicy: false, NoCourse), SiteAdmin),
        new PageSpec("/playground/{Unknown}", MessageCard).DeniedWith(NotYours)
            .For(new Forbidden(ByPolicy: false, NoCourse), SiteAdmin),

        new PageSpec("/conversations")
            .ForEverySignedIn(Show(["My conversations", "data-testid=\"no-conversations-yet\""], [.. Alex, .. Priya, .. Oscar]))
            .For(Show(["data-testid=\"conversation-list\"", Alex[0]], [Priya[0], Oscar[0]]), Student)
            .For(Show(["data-testid=\"conversation-list\"", Priya[0]], [Alex[0], Oscar[0]]), Classmate)
            .For(Show(["data-testid=\"conversation-list\"", Oscar[0]], [Alex[0], Priya[0]]), OtherStudent),

        new PageSpec("/courses")
            .For(Show(["data-testid=\"no-courses\"", "href=\"/admin\""], [DemoCode, OtherCourseCode]), SiteAdmin)
            .For(Show([CourseList, ManageLink, "href=\"/courses/{Course}\"", .. CourseA], [OtherCourseCode]), Instructor, Tutor)
            .For(Show([CourseList, .. CourseA], [ManageLink, "href=\"/courses/", OtherCourseCode]), Student, Classmate)
            .For(Show([CourseList, ManageLink, "href=\"/courses/{OtherCourse}\"", .. CourseB], [DemoCode]), OtherInstructor, OtherTutor)
            .For(Show([CourseList, .. CourseB], [ManageLink, "href=\"/courses/", DemoCode]), OtherStudent),

        // The course admin page: instructors and site admins manage, tutors read (CanManage false), the rest 403.
        new PageSpec("/courses/{Course}", [CourseAdmin, .. CourseA])
            .For(Show([CourseAdmin, .. CourseA], [TutorReadOnly, .. CourseB]), SiteAdmin, Instructor)
            .For(Show([CourseAdmin, TutorReadOnly, .. CourseA], [.. CourseB]), Tutor),
        new PageSpec("/courses/{OtherCourse}", [CourseAdmin, .. CourseB])
            .For(Show([CourseAdmin, .. CourseB], [TutorReadOnly, .. CourseA]), SiteAdmin, OtherInstructor)
            .For(Show([CourseAdmin, TutorReadOnly, .. CourseB], [.. CourseA]), OtherTutor),
        new PageSpec("/courses/{Course}?tab=keys", [CourseAdmin, .. CourseA])
            .For(Show([CourseAdmin, .. CourseA], [TutorReadOnly]), SiteAdmin, Instructor)
            .For(Show([CourseAdmin, TutorReadOnly, .. CourseA], []), Tutor),
        new PageSpec("/courses/{Unknown}", CourseAdmin, DemoCode, OtherCourseCode),

        // A student's conversation read by staff of its own course (AC2.6) — never by its owner here, never through
        // another course's address, never with a conversation of another course.
        new PageSpec("/courses/{Course}/conversations/{AlexConversation}", [CourseConversation, MessageCard, .. Alex, DemoCode])
            .For(Show([CourseConversation, MessageCard, "Alex Rivera", .. Alex], ["composer-input", .. Oscar]), SiteAdmin, Instructor, Tutor),
        new PageSpec("/courses/{OtherCourse}/conversations/{OtherConversation}", [CourseConversation, MessageCard, .. Oscar, OtherCourseCode])
            .For(Show([CourseConversation, MessageCard, "Oscar Student", .. Oscar], ["composer-input", .. Alex]), SiteAdmin, OtherInstructor, OtherTutor),
        new PageSpec("/courses/{Course}/conversations/{OtherConversation}", [CourseConversation, MessageCard, .. Oscar, DemoCode, OtherCourseCode]),
        new PageSpec("/courses/{OtherCourse}/conversations/{AlexConversation}", [CourseConversation, MessageCard, .. Alex, DemoCode, OtherCourseCode]),
        new PageSpec("/courses/{Course}/conversations/{PriyaConversation}", [CourseConversation, MessageCard, .. Priya])
            .For(Show([CourseConversation, .. Priya], [.. Alex]), SiteAdmin, Instructor, Tutor),
        new PageSpec("/courses/{Course}/conversations/{Unknown}", CourseConversation, MessageCard, DemoCode),

        new PageSpec("/admin", AdminRoot, "Site administration", DemoCode, OtherCourseCode)
            .For(Show([AdminRoot, "Site administration", DemoCode, OtherCourseCode], []), SiteAdmin)
            .For(new Forbidden(ByPolicy: true), Instructor, Tutor, Student, Classmate, OtherInstructor, OtherTutor, OtherStudent),

        new PageSpec("/account/signin").For(Show(["data-testid=\"demo-users\""], []), [.. Enum.GetValues<MatrixRole>()]),
        new PageSpec("/account/access-denied", CourseAdmin, DemoCode).For(new Forbidden(ByPolicy: false), [.. Enum.GetValues<MatrixRole>()]),
    ];

    /// <summary>Every (role, address) pair: the theory's rows.</summary>
    public static TheoryData<MatrixRole, string> Cases()
    {
        var cases = new TheoryData<MatrixRole, string>();
        foreach (var page in Pages)
        {
            foreach (var role in Enum.GetValues<MatrixRole>())
            {
                cases.Add(role, page.Address);
            }
        }

        return cases;
    }

    private static Shows Show(string[] markers, string[] absent) => new(markers, absent);
}
