using System.Net;
using System.Text.Json;
using Grimoire.Core.Playground;
using Grimoire.Core.Refusals;
using Grimoire.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Grimoire.Web.Tests.Refusals;

/// <summary>
/// Issue 16 item 3, over real HTTP through the host's whole pipeline (Program.cs's exception handler included): a
/// refusal escaping an endpoint answers its kind's status with its sentence as problem details, never the error
/// page's 500, and anything else still is a 500 that shows none of its own text.
/// </summary>
public sealed class RefusalHttpTests : IClassFixture<RefusalHttpTests.Host>
{
    private readonly Host host;

    public RefusalHttpTests(Host host) => this.host = host;

    [Theory]
    [InlineData(RefusalKind.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(RefusalKind.NotFound, HttpStatusCode.NotFound)]
    [InlineData(RefusalKind.Invalid, HttpStatusCode.BadRequest)]
    [InlineData(RefusalKind.Conflict, HttpStatusCode.Conflict)]
    [InlineData(RefusalKind.Limit, HttpStatusCode.TooManyRequests)]
    public async Task A_refusal_escaping_an_endpoint_answers_its_status_and_sentence(RefusalKind kind, HttpStatusCode status)
    {
        using var client = host.Factory.CreateClient();

        using var response = await client.GetAsync($"/test-refusal/{kind}");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"Refused as {kind}, because the test said so.", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_failure_that_is_not_a_refusal_stays_a_500_without_its_text()
    {
        using var client = host.Factory.CreateClient();

        using var response = await client.GetAsync("/test-refusal/failure");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("internal detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The real host with one extra endpoint that throws what it is told to.</summary>
    public sealed class Host : IDisposable
    {
        public Host() => Factory = new GrimoireAppFactory(replaceServices: services => services.AddSingleton<IStartupFilter, RefusingEndpoint>());

        public GrimoireAppFactory Factory { get; }

        public void Dispose() => Factory.Dispose();
    }

    private sealed class RefusingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapGet("/test-refusal/{what}", (string what) =>
            {
                if (Enum.TryParse<RefusalKind>(what, out var kind))
                {
                    throw new PlaygroundRefusedException(kind, $"Refused as {kind}, because the test said so.");
                }

                throw new InvalidOperationException("internal detail");
            }).AllowAnonymous());
        };
    }
}
