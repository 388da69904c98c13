namespace Grimoire.Web.Hosting.DemoOpenRouter;

/// <summary>
/// On the providers' HTTP client: sends requests for <see cref="SimulatedOpenRouter.BaseUrl"/> to the stand-in's
/// loopback address (known only once it has started) and leaves every other request alone.
/// </summary>
internal sealed class StandInRoute(InProcessStandIn standIn) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri && uri.IsAbsoluteUri
            && string.Equals(uri.Host, SimulatedOpenRouter.BaseUrl.Host, StringComparison.OrdinalIgnoreCase))
        {
            Uri target;
            try
            {
                target = await standIn.AddressAsync(cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, ex.Message, ex);
            }

            request.RequestUri = new Uri(target, uri.PathAndQuery);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
