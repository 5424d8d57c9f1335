using EventOrch.Api.Discovery;
using EventOrch.Api.Requests;
using EventOrch.Api.Requests.Patching;
using EventOrch.Api.Resources;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Api.Endpoints;

/// <summary>The <c>scale</c> subresource (autoscaling/v1 Scale) of a scalable kind: GET, PUT and PATCH (JSON, merge and
/// strategic merge patches).
/// A write changes the workload's <c>spec.replicas</c> and nothing else: one spec-changed event.</summary>
public static class ScaleEndpoints
{
    public static IEndpointRouteBuilder MapScale<T>(this IEndpointRouteBuilder app) where T : class, IKubeObject
    {
        var kind = app.ServiceProvider.GetRequiredService<ResourceDefinition<T>>().Kind;
        var path = $"{kind.PathPrefix}/namespaces/{{namespace}}/{kind.Plural}/{{name}}/scale";
        var group = app.MapGroup("").RequireAuthorization().WithTags(kind.Plural);
        group.MapGet(path, Get<T>);
        group.MapPut(path, Replace<T>);
        group.MapPatch(path, Patch<T>);
        app.ServedResources().Subresource<Scale>(kind, "scale", ResourceKind.Scale,
            Verbs.Get, new(Verbs.Update, QueryParameters.Write), new(Verbs.Patch, QueryParameters.Write));
        return app;
    }

    private static async Task<IResult> Get<T>(HttpContext http, ResourceDefinition<T> definition, ObjectQueries<T> queries, string @namespace, string name)
        where T : class, IKubeObject
    {
        if (await http.AuthorizeAsync("get", definition.Kind, @namespace, name, "scale") is { } denied) return KubeResults.Error(denied);
        var result = await queries.GetAsync(@namespace, name, http.RequestAborted);
        return result.IsSuccess ? KubeResults.Object(ToScale(definition, result.Value!)) : KubeResults.Error(result.Error!);
    }

    private static async Task<IResult> Replace<T>(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store, string @namespace, string name,
        string? fieldValidation) where T : class, IKubeObject
    {
        if (await http.AuthorizeAsync("update", definition.Kind, @namespace, name, "scale") is { } denied) return KubeResults.Error(denied);
        var scale = await RequestBody.ReadObjectAsync<Scale>(http.Request, ResourceKind.Scale, fieldValidation, null, http.RequestAborted);
        if (!scale.IsSuccess) return KubeResults.Error(scale.Error!);
        return await WriteAsync(http, definition, store, @namespace, name, _ => scale);
    }

    private static async Task<IResult> Patch<T>(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store, string @namespace, string name,
        string? fieldValidation) where T : class, IKubeObject
    {
        if (await http.AuthorizeAsync("patch", definition.Kind, @namespace, name, "scale") is { } denied) return KubeResults.Error(denied);
        var validation = RequestBody.ParseFieldValidation(fieldValidation);
        if (!validation.IsSuccess) return KubeResults.Error(validation.Error!);
        var patch = await PatchBody.ReadAsync(http.Request, http.RequestAborted);
        if (!patch.IsSuccess) return KubeResults.Error(patch.Error!);
        return await WriteAsync(http, definition, store, @namespace, name,
            current => ObjectPatch.Apply<Scale>(current, patch.Value!, ResourceKind.Scale, validation.Value));
    }

    // The proposed Scale is made from the stored workload; its resourceVersion, when given, is a precondition.
    private static async Task<IResult> WriteAsync<T>(HttpContext http, ResourceDefinition<T> definition, ObjectStore<T> store, string @namespace,
        string name, Func<Scale, ApiResult<Scale>> propose) where T : class, IKubeObject
    {
        var scalable = (IScalable<T>)definition;
        var result = await store.UpdateAsync(@namespace, name, http.WriteContext(), current =>
        {
            var proposed = propose(ToScale(definition, current));
            if (!proposed.IsSuccess) return proposed.Error!;
            var scale = proposed.Value!;
            if (scale.Spec.Replicas is not { } replicas)
                return ApiErrors.Invalid(ResourceKind.Scale, name, [FieldError.Required("spec.replicas")]);
            if (replicas < 0)
                return ApiErrors.Invalid(ResourceKind.Scale, name, [FieldError.Invalid("spec.replicas", replicas, ObjectMetaValidation.NegativeNumber)]);
            var updated = scalable.WithDesiredReplicas(current, replicas);
            return new ApiResult<T>(definition.WithMetadata(updated, current.Metadata with { ResourceVersion = scale.Metadata.ResourceVersion }), null, proposed.Warnings);
        }, statusOnly: false, http.RequestAborted);
        return result.IsSuccess
            ? KubeResults.From(http, new ApiResult<Scale>(ToScale(definition, result.Value!), null, result.Warnings))
            : KubeResults.Error(result.Error!);
    }

    private static Scale ToScale<T>(ResourceDefinition<T> definition, T obj) where T : class, IKubeObject
    {
        var scalable = (IScalable<T>)definition;
        return new Scale
        {
            Metadata = new ObjectMeta
            {
                Name = obj.Metadata.Name,
                Namespace = obj.Metadata.Namespace,
                Uid = obj.Metadata.Uid,
                ResourceVersion = obj.Metadata.ResourceVersion,
                CreationTimestamp = obj.Metadata.CreationTimestamp,
            },
            Spec = new ScaleSpec { Replicas = scalable.DesiredReplicas(obj) },
            Status = new ScaleStatus { Replicas = scalable.CurrentReplicas(obj), Selector = scalable.Selector(obj) },
        };
    }
}
