using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Discovery;
using EventOrch.Cli.Manifests;
using EventOrch.Cli.Resources;

namespace EventOrch.Cli.Apply;

public enum ApplyOutcome
{
    Created,
    Configured,
    Unchanged,
}

/// <summary>What applying one manifest did, and the object as the server left it.</summary>
public sealed record ApplyResult(ApiResource Resource, string? Namespace, string Name, ApplyOutcome Outcome, JsonObject Object, string? Warning);

/// <summary>Client-side apply: create the object with the last-applied annotation, or merge the file three ways into the
/// live object (<see cref="ThreeWayMerge"/>) and write the result back with PUT, the live resourceVersion making the
/// write a compare-and-swap; a write that loses a race with another writer is recomputed from the new live object.</summary>
public sealed class Applier(KubeApiClient api, KindCatalog kinds, string defaultNamespace, string? namespaceFlag)
{
    private const int Attempts = 5;

    public async Task<ApplyResult> ApplyAsync(Manifest manifest, CancellationToken cancellationToken)
    {
        var resource = kinds.ForKind(manifest.ApiVersion, manifest.Kind);
        var @namespace = NamespaceOf(resource, manifest);
        var applied = (JsonObject)manifest.Object.DeepClone();
        var metadata = (JsonObject)applied["metadata"]!;
        if (@namespace is null) metadata.Remove("namespace");
        else metadata["namespace"] = @namespace;
        var modified = LastAppliedConfiguration.Annotate(applied);

        for (var attempt = 1; ; attempt++)
        {
            var live = await api.GetObjectAsync(resource, @namespace, manifest.Name, cancellationToken);
            try
            {
                if (live is null)
                {
                    var created = await api.CreateObjectAsync(resource, @namespace, modified, cancellationToken);
                    return new ApplyResult(resource, @namespace, manifest.Name, ApplyOutcome.Created, created, null);
                }
                var original = LastAppliedConfiguration.Read(live);
                var warning = original is null
                    ? $"resource {resource.PluralAndGroup()}/{manifest.Name} is missing the {LastAppliedConfiguration.Annotation} annotation which is "
                      + "required by apply. apply should only be used on resources created declaratively by either create --save-config or apply. "
                      + "The missing annotation will be patched automatically."
                    : null;
                var merged = ThreeWayMerge.Merge(original, modified, live, KindSchemas.For(resource));
                if (JsonNode.DeepEquals(Normalized(merged), Normalized(live)))
                    return new ApplyResult(resource, @namespace, manifest.Name, ApplyOutcome.Unchanged, live, null);
                var written = await api.ReplaceObjectAsync(resource, @namespace, manifest.Name, merged, cancellationToken);
                return new ApplyResult(resource, @namespace, manifest.Name, ApplyOutcome.Configured, written, warning);
            }
            catch (ApiException ex) when (ex.IsConflict && attempt < Attempts)
            {
                // Someone wrote in between (409 on the PUT), or created it first (409 AlreadyExists): read it again.
            }
        }
    }

    /// <summary>The manifest's namespace, else -n, else the context's; none for a cluster-scoped kind. A manifest naming
    /// another namespace than an explicit -n is refused, as kubectl refuses it.</summary>
    public string? NamespaceOf(ApiResource resource, Manifest manifest)
    {
        if (!resource.Namespaced) return null;
        if (manifest.Namespace is { } own)
        {
            if (namespaceFlag is not null && namespaceFlag != own)
                throw new CliException($"the namespace from the provided object \"{own}\" does not match the namespace \"{namespaceFlag}\". "
                    + "You must pass '--namespace=" + own + "' to perform this operation.");
            return own;
        }
        return namespaceFlag ?? defaultNamespace;
    }

    // One representation for comparing: numbers and strings as the JSON text reads them back.
    private static JsonNode? Normalized(JsonNode node) => JsonNode.Parse(node.ToJsonString());
}
