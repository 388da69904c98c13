namespace Grimoire.Core.Keys;

/// <summary>How minted keys are named at the provider: recognisable to an operator, and never holding a secret.</summary>
public static class KeyNaming
{
    public static string For(string courseCode, string studentEmail) => $"Grimoire {courseCode} {studentEmail}";
}
