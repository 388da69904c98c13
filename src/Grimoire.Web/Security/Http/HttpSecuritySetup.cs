using System.Net;
using Grimoire.Core.Hosting;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Grimoire.Web.Security.Http;

/// <summary>
/// Security headers on every response, and outside the demo setting HTTPS: redirection (also behind a TLS-terminating
/// proxy, whose forwarded headers are believed only from <see cref="ProxyOptions"/>), HSTS and Secure cookies
/// (issue 17 item 3). The demo setting serves plain http on localhost, so it keeps cookies SameAsRequest and no HSTS.
/// </summary>
internal static partial class HttpSecuritySetup
{
    /// <summary>Sent with every response, whatever produced it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        ["X-Frame-Options"] = "DENY",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        // Nothing here uses a device; copying an API request to the clipboard is the one browser feature it needs.
        ["Permissions-Policy"] = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), " +
            "payment=(), usb=(), clipboard-read=(), clipboard-write=(self)",
    };

    public static WebApplicationBuilder AddGrimoireHttpSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().Bind(builder.Configuration.GetSection(ProxyOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        builder.Services.AddSingleton<ContentSecurityPolicy>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies.Select(p => IPAddress.TryParse(p, out var a) ? a : null).OfType<IPAddress>())
            {
                forwarded.KnownProxies.Add(proxy);
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }
        });

        if (!HostingModes.IsDemo(builder.Environment))
        {
            builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
            // Behind a TLS-terminating proxy the server knows no https port: the public one is 443 unless HTTPS_PORT says.
            builder.Services.AddHttpsRedirection(https => https.HttpsPort = builder.Configuration.GetValue<int?>("HTTPS_PORT") ?? 443);
            builder.Services.Configure<CookiePolicyOptions>(cookies => cookies.Secure = CookieSecurePolicy.Always);
        }

        return builder;
    }

    /// <summary>First in the pipeline, so every response (errors and static files included) passes through it.</summary>
    public static WebApplication UseGrimoireHttpSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var policy = app.Services.GetRequiredService<ContentSecurityPolicy>();
        app.Use((context, next) =>
        {
            // At the moment the response starts: after an error handler cleared the headers, and for the endpoint
            // (a re-executed error page) that really rendered it.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var frameable = context.Features.Get<FrameableResponse>();
                headers.ContentSecurityPolicy = frameable?.ContentSecurityPolicy ?? policy.For(context);
                foreach (var (name, value) in Headers)
                {
                    if (frameable is null || name != "X-Frame-Options")
                    {
                        headers[name] = value;
                    }
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

        if (!HostingModes.IsDemo(app.Environment))
        {
            WarnAboutAnyHost(app);
            app.UseHsts();
            // Load balancers probe /healthz over plain http; it says only "Healthy".
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/healthz"), branch => branch.UseHttpsRedirection());
            app.UseCookiePolicy();
        }

        return app;
    }

    private static void WarnAboutAnyHost(WebApplication app)
    {
        if (app.Configuration["AllowedHosts"] is null or "*")
        {
            LogAnyHost(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpSecuritySetup).FullName!));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AllowedHosts is '*': any Host header is accepted. Set AllowedHosts to this site's host name (e.g. grimoire.uni.edu).")]
    private static partial void LogAnyHost(ILogger logger);
}
