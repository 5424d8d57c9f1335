using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.Resources;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Audit;

namespace EventOrch.Api.Audit;

/// <summary>The <c>history</c> and <c>why</c> subresources of every kind: GET <c>.../{plural}/{name}/history</c> (every
/// event of the object, with who, when, the request, the cause and the fields changed) and GET
/// <c>.../{plural}/{name}/why</c> (the chain of causes of one of its events). Both serve objects deleted since.</summary>
public static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapHistory<T>(this IEndpointRouteBuilder app) where T : class, IKubeObject
    {
        var kind = app.ServiceProvider.GetRequiredService<ResourceDefinition<T>>().Kind;
        var item = kind.Namespaced
            ? $"{kind.PathPrefix}/namespaces/{{namespace}}/{kind.Plural}/{{name}}"
            : $"{kind.PathPrefix}/{kind.Plural}/{{name}}";
        var group = app.MapGroup("").RequireAuthorization().WithTags(kind.Plural);
        group.MapGet($"{item}/history", History<T>);
        group.MapGet($"{item}/why", Why<T>);
        app.ServedResources()
            .Subresource<ObjectHistory>(kind, "history", AuditResourceKinds.ObjectHistory, Verbs.Get)
            .Subresource<CausalChain>(kind, "why", AuditResourceKinds.CausalChain, Verbs.Get);
        return app;
    }

    private static async Task<IResult> History<T>(HttpContext http, ResourceDefinition<T> definition, HistoryReader reader, string? @namespace,
        string name, string? uid) where T : class, IKubeObject
    {
        @namespace = definition.Kind.Namespaced ? @namespace ?? "" : "";
        if (await http.AuthorizeAsync("get", definition.Kind, @namespace, name, "history") is { } denied) return KubeResults.Error(denied);
        var result = await reader.ReadAsync(definition, @namespace, name, uid, http.RequestAborted);
        return result.IsSuccess ? KubeResults.Object(result.Value!) : KubeResults.Error(result.Error!);
    }

    private static async Task<IResult> Why<T>(HttpContext http, ResourceDefinition<T> definition, CausalityReader reader, string? @namespace,
        string name, string? uid, string? resourceVersion) where T : class, IKubeObject
    {
        @namespace = definition.Kind.Namespaced ? @namespace ?? "" : "";
        if (await http.AuthorizeAsync("get", definition.Kind, @namespace, name, "why") is { } denied) return KubeResults.Error(denied);
        var result = await reader.ExplainAsync(definition.Kind, @namespace, name, uid, resourceVersion, http.RequestAborted);
        return result.IsSuccess ? KubeResults.Object(result.Value!) : KubeResults.Error(result.Error!);
    }
}
