using System.Diagnostics;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Grimoire.Web.Tests.Hosting;

/// <summary>
/// Bad configuration stops the real process before it serves anything: exit code 1, one line per reason naming
/// the setting, no stack trace. Run as an operator would, with environment variables.
/// </summary>
public sealed class StartupRefusalTests
{
    private const string GoodKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public static TheoryData<string, string[], string> Cases => new()
    {
        { "Production", ["Grimoire__Auth__DevSignIn=true", $"Grimoire__Secrets__EncryptionKey={GoodKey}"],
            "Grimoire:Auth:DevSignIn is only allowed in the Development or Demo environment, not in 'Production'." },
        { "Production", ["Grimoire__Auth__Oidc__Authority=https://login.uni.test", "Grimoire__Auth__Oidc__ClientId=grimoire"],
            "Grimoire:Secrets:EncryptionKey is required outside the demo setting" },
        { "Production", [$"Grimoire__Secrets__EncryptionKey={GoodKey}"],
            "No sign-in method: set Grimoire:Auth:Oidc:Authority" },
        { "Demo", ["Grimoire__Database__Provider=Postgres", "Grimoire__Database__ConnectionString=Hots=db;Password=hunter2"],
            "Grimoire:Database:ConnectionString is not a valid Postgres connection string" },
        { "Demo", ["Grimoire__Database__Provider=Postgres", "Grimoire__Database__ConnectionString=Host=127.0.0.1;Port=1;Password=hunter2;Timeout=3"],
            "the database in Grimoire:Database:ConnectionString could not be used" },
        { "Demo", ["Grimoire__Telemetry__OtlpEndpoint=collector:4317"],
            "Grimoire:Telemetry:OtlpEndpoint must be an absolute http(s) URL" }, // issue 16 item 4
        { "Demo", ["OTEL_EXPORTER_OTLP_ENDPOINT=collector"],
            "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_configuration_fails_fast_with_one_line_reasons_and_no_stack_trace(
        string environment, string[] settings, string expected)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Grimoire.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Grimoire__DataDirectory"] = Path.Combine(Path.GetTempPath(), "grimoire-web-tests", Guid.NewGuid().ToString("N"));
        foreach (var setting in settings)
        {
            var (key, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var errorLines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var everything = await stdout + string.Join('\n', errorLines);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains(errorLines, line => line.StartsWith("Grimoire cannot start: " + expected, StringComparison.Ordinal));
        Assert.All(errorLines, line => Assert.StartsWith("Grimoire cannot start: ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complete_production_configuration_with_oidc_is_accepted()
    {
        using var factory = new GrimoireAppFactory("Production", new Dictionary<string, string?>
        {
            ["Grimoire:SeedDemoData"] = "false",
            ["Grimoire:Auth:Oidc:Authority"] = "https://login.uni.test/realms/uni",
            ["Grimoire:Auth:Oidc:ClientId"] = "grimoire",
            ["Grimoire:Auth:Oidc:ClientSecret"] = "s3cret",
            ["Grimoire:Secrets:EncryptionKey"] = GoodKey,
        });

        // Outside the demo setting plain http is redirected to https (issue 17 item 3).
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/account/signin");

        Assert.Contains("University sign-in", page, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-users", page, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", page, StringComparison.Ordinal);
    }
}
