using Grimoire.Web.Components;
using Grimoire.Web.Features.Annotation;
using Grimoire.Web.Features.Courses.Usage;
using Grimoire.Web.Features.Attachments;
using Grimoire.Web.Hosting;
using Grimoire.Web.Hosting.Telemetry;
using Grimoire.Web.Security;
using Grimoire.Web.Security.Http;
using Grimoire.Web.Security.Lti;

var builder = WebApplication.CreateBuilder(args);

// A setting that is wrong refuses start-up with one line per reason, wherever it is first read: while services are
// added, while the pipeline is built (the security headers read the sign-in options), or when the host starts.
try
{
    builder.AddGrimoireWeb();

    var app = builder.Build();

    // Forwarded headers, HTTPS and HSTS outside the demo setting, security headers on every response.
    app.UseGrimoireHttpSecurity();

    // Never a stack trace in the browser, in any environment.
    app.UseExceptionHandler("/Error", createScopeForErrors: true);

    app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseAntiforgery();

    app.MapStaticAssets();
    app.MapHealthChecks("/healthz").AllowAnonymous();
    app.MapGrimoireMetrics(); // Prometheus text at /metrics when Grimoire:Telemetry:Prometheus is on (default: demo setting only)
    app.MapAccountEndpoints();
    app.MapUsageCsvEndpoints();
    app.MapAttachmentEndpoints();
    app.MapExportEndpoints(); // Markdown and JSON downloads of conversations and annotated documents (X8)
    app.MapLtiEndpoints();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupRefusal.Describe(ex) is { Count: > 0 } reasons)
{
    return StartupRefusal.Report(reasons, Console.Error);
}

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
