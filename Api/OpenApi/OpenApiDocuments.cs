using System.Text.Json.Nodes;
using EventOrch.Api.Discovery;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.OpenApi;

/// <summary>The OpenAPI documents of what the route mapping registered: v3 as an index of group-versions
/// (/openapi/v3) and one document per group-version, and v2 as one document of everything (/openapi/v2). Each is
/// generated once and kept until the registry changes.</summary>
public sealed class OpenApiDocuments(ApiResourceRegistry registry)
{
    private readonly DocumentCache _cache = new(registry);

    private static readonly string Version = Endpoints.SystemEndpoints.GitVersion;

    /// <summary>The v3 path of a group-version: api/v1, apis/apps/v1, ...</summary>
    public static string V3Path(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    /// <summary>/openapi/v3: where each group-version's document is, its URL carrying the document's hash.</summary>
    public ServedDocument V3Index() => _cache.Get("v3", () =>
    {
        var paths = new JsonObject();
        foreach (var path in registry.Resources.Select(r => V3Path(r.Kind.Group, r.Kind.Version)).Distinct())
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={V3(path)!.Hash}" };
        return ServedDocument.Json(new JsonObject { ["paths"] = paths });
    })!;

    /// <summary>The v3 document of one group-version (api/v1, apis/apps/v1); null when it is not served.</summary>
    public ServedDocument? V3(string path) => _cache.Get($"v3/{path}", () =>
    {
        var served = registry.Resources.Where(r => V3Path(r.Kind.Group, r.Kind.Version) == path).ToList();
        if (served.Count == 0) return null;
        var schemas = new ModelSchemas(Names(), v3: true);
        var paths = new JsonObject();
        new OpenApiPaths(schemas, v3: true).Add(paths, served);
        AddMetaSchemas(schemas);
        return ServedDocument.Json(new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = Info(),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Build(),
                ["securitySchemes"] = new JsonObject { ["BearerToken"] = BearerToken() },
            },
            ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
        });
    });

    /// <summary>/openapi/v2: every served path and definition in one Swagger 2.0 document.</summary>
    public ServedDocument V2() => _cache.Get("v2", () =>
    {
        var schemas = new ModelSchemas(Names(), v3: false);
        var paths = new JsonObject();
        new OpenApiPaths(schemas, v3: false).Add(paths, registry.Resources);
        AddMetaSchemas(schemas);
        return ServedDocument.Json(new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = Info(),
            ["paths"] = paths,
            ["definitions"] = schemas.Build(),
            ["securityDefinitions"] = new JsonObject { ["BearerToken"] = BearerToken() },
            ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
        });
    })!;

    // Over every served kind, core first, so a type shared by groups (PodTemplateSpec) takes the core package.
    private SchemaNames Names()
    {
        var roots = new List<(Type, GroupVersionKind)>();
        foreach (var served in registry.Resources.OrderBy(r => r.Kind.Group.Length == 0 ? 0 : 1))
        {
            if (served.Body is not { } body) continue;
            roots.Add((body, served.ResponseKind));
            if (served.Subresource is null && served.Verb(Verbs.List) is not null && typeof(IKubeObject).IsAssignableFrom(body))
                roots.Add((typeof(ObjectList<>).MakeGenericType(body), served.ResponseKind with { Kind = served.ResponseKind.Kind + "List" }));
        }
        return new SchemaNames(roots);
    }

    private static void AddMetaSchemas(ModelSchemas schemas)
    {
        schemas.AddNamed(OpenApiPaths.PatchSchema, new JsonObject
        {
            ["description"] = "The body of a PATCH: a JSON merge patch of the object, in one of the media types the operation lists.",
            ["type"] = "object",
        });
        schemas.AddNamed(OpenApiPaths.DeleteOptionsSchema, new JsonObject
        {
            ["description"] = "What a delete may carry: preconditions, a grace period, and what becomes of the object's dependents.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["type"] = "string" },
                ["kind"] = new JsonObject { ["type"] = "string" },
                ["gracePeriodSeconds"] = new JsonObject { ["type"] = "integer", ["format"] = "int64",
                    ["description"] = "How long the object may take to go; 0 deletes at once." },
                ["orphanDependents"] = new JsonObject { ["type"] = "boolean",
                    ["description"] = "The older form of propagationPolicy: true orphans the dependents." },
                ["propagationPolicy"] = new JsonObject { ["type"] = "string",
                    ["description"] = "What happens to the object's dependents: Orphan, Background or Foreground." },
                ["preconditions"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "The delete happens only if the object still has this uid and resourceVersion.",
                    ["properties"] = new JsonObject
                    {
                        ["resourceVersion"] = new JsonObject { ["type"] = "string" },
                        ["uid"] = new JsonObject { ["type"] = "string" },
                    },
                },
            },
        });
    }

    private static JsonObject Info() => new() { ["title"] = "EventOrch", ["version"] = Version };

    private static JsonObject BearerToken() => new()
    {
        ["type"] = "apiKey",
        ["in"] = "header",
        ["name"] = "authorization",
        ["description"] = "Bearer token authentication",
    };
}
