using Grimoire.Core.Courses;
using Grimoire.Core.Courses.Admin;
using Grimoire.Llm.Catalogue;

namespace Grimoire.Core.Tests.CourseAdmin;

/// <summary>Reading a pasted class list, and the cost tier suggestion: pure rules, no database.</summary>
public sealed class EnrollmentListTests
{
    [Fact]
    public void A_csv_with_a_header_names_roles_and_blank_lines_is_read_line_by_line()
    {
        var lines = EnrollmentList.Parse("""
            Email,Name,Role

            Alex@Uni.Test , Alex Rivera, student
            "sam@uni.test","Okafor, Sam",TA
            # a comment
            kim@uni.test,,Instructor
            """);

        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.True(l.IsValid, l.Error));
        Assert.Equal(("alex@uni.test", "Alex Rivera", CourseRole.Student, 3), (lines[0].Email, lines[0].DisplayName, lines[0].Role, lines[0].LineNumber));
        Assert.Equal(("sam@uni.test", "Okafor, Sam", CourseRole.Tutor), (lines[1].Email, lines[1].DisplayName, lines[1].Role));
        Assert.Equal(("kim@uni.test", (string?)null, CourseRole.Instructor), (lines[2].Email, lines[2].DisplayName, lines[2].Role));
    }

    [Fact]
    public void Bad_lines_are_reported_with_their_reason_and_the_rest_still_read()
    {
        var lines = EnrollmentList.Parse("""
            alex@uni.test
            not-an-address, Someone
            bo@uni.test, Bo, professor
            alex@uni.test, Alex again
            cy@uni.test, Cy, student, extra
            nodot@localhost
            """);

        Assert.Equal(6, lines.Count);
        Assert.True(lines[0].IsValid);
        Assert.Equal("“not-an-address” is not an e-mail address.", lines[1].Error);
        Assert.Equal("Unknown role “professor”: use student, tutor or instructor.", lines[2].Error);
        Assert.Equal("Listed twice: alex@uni.test is already on line 1.", lines[3].Error);
        Assert.Equal("Too many fields: expected email, display name, role.", lines[4].Error);
        Assert.False(lines[5].IsValid);
        Assert.Equal([1, 2, 3, 4, 5, 6], lines.Select(l => l.LineNumber));
        Assert.All(lines.Skip(1), l => Assert.Null(l.Email));
    }

    [Fact]
    public void Semicolons_tabs_mail_client_addresses_and_address_lists_are_understood()
    {
        var lines = EnrollmentList.Parse(
            "ana@uni.test;Ana Lima;tutor\n" +
            "ben@uni.test\tBen Cho\n" +
            "\"Diaz, Dee\" <dee@uni.test>\n" +
            "e1@uni.test, e2@uni.test; e3@uni.test e4@uni.test\n");

        Assert.Equal(
            [("ana@uni.test", "Ana Lima", (CourseRole?)CourseRole.Tutor), ("ben@uni.test", "Ben Cho", null), ("dee@uni.test", "Diaz, Dee", null)],
            lines.Take(3).Select(l => (l.Email, l.DisplayName, l.Role)));
        Assert.Equal(["e1@uni.test", "e2@uni.test", "e3@uni.test", "e4@uni.test"], lines.Skip(3).Select(l => l.Email));
        Assert.Equal(4, lines[^1].LineNumber);
    }

    [Fact]
    public void Nothing_to_read_gives_no_lines()
    {
        Assert.Empty(EnrollmentList.Parse(null));
        Assert.Empty(EnrollmentList.Parse("\n  \n# only a comment\nemail,name,role\n"));
    }

    [Theory]
    [InlineData(0, 0, CostTier.Free)]
    [InlineData(0.1, 0.99, CostTier.Low)]
    [InlineData(0, 1, CostTier.Medium)]
    [InlineData(3, 9.99, CostTier.Medium)]
    [InlineData(3, 10, CostTier.High)]
    public void The_suggested_cost_tier_follows_the_output_price(double input, double output, CostTier expected) =>
        Assert.Equal(expected, CostTiers.Suggest(new ModelPricing((decimal)input, (decimal)output)));
}
