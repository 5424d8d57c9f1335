using System.Globalization;
using System.Text.Json.Nodes;
using EventOrch.Api.Discovery;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.OpenApi;

/// <summary>The paths and operations of served resources, laid out as Kubernetes lays out its own: each operation
/// with its operationId, the query parameters its route honours (fieldValidation on writes, which kubectl looks for
/// before it leaves validation to the server), its request and response bodies, x-kubernetes-action and
/// x-kubernetes-group-version-kind.</summary>
public sealed class OpenApiPaths(ModelSchemas schemas, bool v3)
{
    public const string PatchSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    public const string DeleteOptionsSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
    private static readonly string[] Produces = ["application/json"];

    /// <summary>Adds the paths of <paramref name="resources"/> to <paramref name="paths"/>.</summary>
    public void Add(JsonObject paths, IEnumerable<ServedResource> resources)
    {
        foreach (var served in resources)
        {
            var kind = served.Kind;
            var collection = kind.Namespaced ? $"{kind.PathPrefix}/namespaces/{{namespace}}/{kind.Plural}" : $"{kind.PathPrefix}/{kind.Plural}";
            var item = $"{collection}/{{name}}";
            if (served.Subresource is { } sub)
            {
                var path = $"{item}/{sub}";
                foreach (var (verb, method) in new[] { (Verbs.Get, "get"), (Verbs.Create, "post"), (Verbs.Update, "put"), (Verbs.Patch, "patch") })
                    if (served.Verb(verb) is { } served1) Operation(paths, path, method, served, served1, PathScope.Item);
                continue;
            }
            if (served.Verb(Verbs.List) is { } list)
            {
                Operation(paths, collection, "get", served, list, PathScope.Collection);
                if (kind.Namespaced) Operation(paths, $"{kind.PathPrefix}/{kind.Plural}", "get", served, list, PathScope.AllNamespaces);
            }
            if (served.Verb(Verbs.Create) is { } create) Operation(paths, collection, "post", served, create, PathScope.Collection);
            foreach (var (verb, method) in new[] { (Verbs.Get, "get"), (Verbs.Update, "put"), (Verbs.Patch, "patch"), (Verbs.Delete, "delete") })
                if (served.Verb(verb) is { } served2) Operation(paths, item, method, served, served2, PathScope.Item);
        }
    }

    private enum PathScope { Collection, Item, AllNamespaces }

    private void Operation(JsonObject paths, string path, string method, ServedResource served, ServedVerb verb, PathScope scope)
    {
        if (paths[path] is not JsonObject pathItem)
        {
            pathItem = new JsonObject();
            var parameters = new JsonArray();
            if (scope == PathScope.Item) parameters.Add(PathParameter("name", $"name of the {served.Kind.Kind}"));
            if (served.Kind.Namespaced && scope != PathScope.AllNamespaces)
                parameters.Add(PathParameter("namespace", "object name and auth scope, such as for teams and projects"));
            if (parameters.Count > 0) pathItem["parameters"] = parameters;
            paths[path] = pathItem;
        }
        var kind = served.Kind;
        var operation = new JsonObject
        {
            ["tags"] = new JsonArray((JsonNode)Tag(kind.Group, kind.Version)),
            ["description"] = Description(verb.Name, served, scope),
            ["operationId"] = OperationId(verb.Name, served, scope),
        };
        if (!v3)
        {
            operation["consumes"] = Strings(ConsumedBy(verb.Name));
            operation["produces"] = Strings(served.Body is null ? ["text/plain"] : Produces);
            operation["schemes"] = Strings(["https"]);
        }
        var parameters2 = new JsonArray(verb.Parameters.Select(QueryParameter).ToArray<JsonNode?>());
        if (BodyOf(verb.Name, served) is { } body)
        {
            if (v3) operation["requestBody"] = new JsonObject { ["content"] = Content(ConsumedBy(verb.Name), body), ["required"] = verb.Name != Verbs.Delete };
            else parameters2.Add(new JsonObject { ["name"] = "body", ["in"] = "body", ["required"] = verb.Name != Verbs.Delete, ["schema"] = body });
        }
        if (parameters2.Count > 0) operation["parameters"] = parameters2;
        operation["responses"] = Responses(verb.Name, served);
        operation["x-kubernetes-action"] = verb.Name switch
        {
            Verbs.Create => "post",
            Verbs.Update => "put",
            _ => verb.Name,
        };
        operation["x-kubernetes-group-version-kind"] = new JsonObject
        {
            ["group"] = served.ResponseKind.Group,
            ["kind"] = served.ResponseKind.Kind,
            ["version"] = served.ResponseKind.Version,
        };
        pathItem[method] = operation;
    }

    private static IReadOnlyList<string> ConsumedBy(string verb) => verb switch
    {
        Verbs.Patch => Requests.Patching.PatchBody.MediaTypes,
        Verbs.Create or Verbs.Update or Verbs.Delete => Requests.RequestBody.ObjectMediaTypes,
        _ => ["*/*"],
    };

    private JsonObject? BodyOf(string verb, ServedResource served) => verb switch
    {
        Verbs.Create or Verbs.Update when served.Body is { } body => schemas.Reference(body),
        Verbs.Patch => schemas.RefTo(PatchSchema),
        Verbs.Delete => schemas.RefTo(DeleteOptionsSchema),
        _ => null,
    };

    private JsonObject Responses(string verb, ServedResource served)
    {
        var responses = new JsonObject();
        JsonObject Response(string description, JsonObject schema, IReadOnlyList<string> mediaTypes) => v3
            ? new JsonObject { ["description"] = description, ["content"] = Content(mediaTypes, schema) }
            : new JsonObject { ["description"] = description, ["schema"] = schema };
        if (served.Body is null)
            responses["200"] = Response("OK", new JsonObject { ["type"] = "string" }, ["text/plain"]);
        else if (verb == Verbs.List)
            responses["200"] = Response("OK", schemas.Reference(typeof(ObjectList<>).MakeGenericType(served.Body)), Produces);
        else
        {
            var answer = served.Answer ?? served.Body;
            if (verb != Verbs.Create || served.Answer is null) responses["200"] = Response("OK", schemas.Reference(answer), Produces);
            if (verb == Verbs.Create) responses["201"] = Response("Created", schemas.Reference(answer), Produces);
        }
        responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
        return responses;
    }

    private JsonObject Content(IReadOnlyList<string> mediaTypes, JsonObject schema)
    {
        var content = new JsonObject();
        foreach (var mediaType in mediaTypes) content[mediaType] = new JsonObject { ["schema"] = schema.DeepClone() };
        return content;
    }

    private JsonObject QueryParameter(QueryParameter parameter) => v3
        ? new JsonObject
        {
            ["name"] = parameter.Name,
            ["in"] = "query",
            ["description"] = parameter.Description,
            ["schema"] = new JsonObject { ["type"] = parameter.Type, ["uniqueItems"] = true },
        }
        : new JsonObject
        {
            ["name"] = parameter.Name,
            ["in"] = "query",
            ["description"] = parameter.Description,
            ["type"] = parameter.Type,
            ["uniqueItems"] = true,
        };

    private JsonObject PathParameter(string name, string description) => v3
        ? new JsonObject
        {
            ["name"] = name,
            ["in"] = "path",
            ["description"] = description,
            ["required"] = true,
            ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
        }
        : new JsonObject { ["name"] = name, ["in"] = "path", ["description"] = description, ["required"] = true, ["type"] = "string", ["uniqueItems"] = true };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    /// <summary>core_v1, apps_v1, networking_v1, ... as Kubernetes tags its operations.</summary>
    public static string Tag(string group, string version) => $"{GroupVersionKind.ShortGroup(group)}_{version}";

    private static string Description(string verb, ServedResource served, PathScope scope)
    {
        var kind = served.Kind.Kind;
        var of = served.Subresource is { } sub ? $"{sub} of " : "";
        return verb switch
        {
            Verbs.List => scope == PathScope.AllNamespaces ? $"list objects of kind {kind} in every namespace" : $"list objects of kind {kind}",
            Verbs.Get => $"read {of}the specified {kind}",
            Verbs.Create => served.Subresource is null ? $"create a {kind}" : $"create {of}a {kind}",
            Verbs.Update => $"replace {of}the specified {kind}",
            Verbs.Patch => $"partially update {of}the specified {kind}",
            Verbs.Delete => $"delete a {kind}",
            _ => $"{verb} {of}{kind}",
        };
    }

    /// <summary>listCoreV1NamespacedPod, readAppsV1NamespacedDeploymentScale, listCoreV1PodForAllNamespaces, ...</summary>
    private static string OperationId(string verb, ServedResource served, PathScope scope)
    {
        var kind = served.Kind;
        var action = verb switch
        {
            Verbs.Get => "read",
            Verbs.Update => "replace",
            _ => verb,
        };
        var group = Pascal(GroupVersionKind.ShortGroup(kind.Group));
        var scoped = kind.Namespaced && scope != PathScope.AllNamespaces ? "Namespaced" : "";
        var sub = served.Subresource is { } s ? Pascal(s) : "";
        var all = scope == PathScope.AllNamespaces ? "ForAllNamespaces" : "";
        return $"{action}{group}{Pascal(kind.Version)}{scoped}{kind.Kind}{sub}{all}";
    }

    private static string Pascal(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];
}
