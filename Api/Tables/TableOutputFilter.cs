using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables;

/// <summary>Content negotiation for get and list routes: when the request prefers a Table, a successful answer (one
/// object, or a list) goes out as one. Any other answer (a Status, a watch stream) passes through unchanged.</summary>
public sealed class TableOutputFilter(ResourceKind kind) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tables = context.HttpContext.RequestServices.GetRequiredService<TableConvertor>();
        var negotiated = tables.Negotiate(context.HttpContext.Request);
        if (!negotiated.IsSuccess) return KubeResults.Error(negotiated.Error!);
        var result = await next(context);
        if (negotiated.Value is not { } options || result is not IValueHttpResult { Value: { } value }) return result;
        if (result is IStatusCodeHttpResult { StatusCode: not (null or 200) }) return result;
        return value switch
        {
            IKubeList list => KubeResults.Object(tables.Convert(kind, [.. list.Objects], options, list.Metadata)),
            IKubeObject obj => KubeResults.Object(tables.Convert(kind, [obj], options)),
            _ => result,
        };
    }
}

/// <summary>Puts <see cref="TableOutputFilter"/> on a route.</summary>
public static class TableOutputExtensions
{
    public static RouteHandlerBuilder WithTableOutput(this RouteHandlerBuilder route, ResourceKind kind) =>
        route.AddEndpointFilter(new TableOutputFilter(kind));
}
