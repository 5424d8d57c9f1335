using EventOrch.ClientRuntime.Discovery;

namespace EventOrch.Cli.Resources;

/// <summary>A kind and the names asked for (none: every object of the kind).</summary>
public sealed record ResourceSelection(ApiResource Resource, IReadOnlyList<string> Names);

/// <summary>Reads kubectl's resource arguments: <c>KIND[,KIND...] [NAME...]</c> or <c>KIND/NAME [KIND/NAME...]</c>, kinds
/// by any of their names, <c>all</c> for the kinds of that category.</summary>
public static class ResourceArguments
{
    // What "all" means when the Api's discovery names no categories (kubectl's list, as far as EventOrch serves it).
    private static readonly string[] AllFallback = ["pods", "replicationcontrollers", "services", "deployments.apps", "replicasets.apps"];

    public static IReadOnlyList<ResourceSelection> Parse(IReadOnlyList<string> arguments, KindCatalog kinds, string verb)
    {
        if (arguments.Count == 0)
            throw new CliException($"you must specify the type of resource to {verb}. Use \"eoctl get\" with a kind: pods, deployments, services, ...");
        if (arguments.Any(a => a.Contains('/')))
        {
            var selections = new List<(ApiResource Resource, List<string> Names)>();
            foreach (var argument in arguments)
            {
                var slash = argument.IndexOf('/');
                if (slash <= 0 || slash == argument.Length - 1 || argument.IndexOf('/', slash + 1) >= 0)
                    throw new CliException($"there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'eoctl {verb} resource/<resource_name>' instead of 'eoctl {verb} resource resource/<resource_name>'");
                var resource = kinds.Resolve(argument[..slash]);
                var name = argument[(slash + 1)..];
                var existing = selections.FindIndex(s => s.Resource == resource);
                if (existing >= 0) selections[existing].Names.Add(name);
                else selections.Add((resource, [name]));
            }
            return selections.Select(s => new ResourceSelection(s.Resource, s.Names)).ToList();
        }
        var names = arguments.Skip(1).ToList();
        var resources = new List<ApiResource>();
        foreach (var type in arguments[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (type == "all") resources.AddRange(All(kinds));
            else resources.Add(kinds.Resolve(type));
        }
        if (resources.Count == 0) throw new CliException($"the server doesn't have a resource type \"{arguments[0]}\"");
        return resources.Distinct().Select(r => new ResourceSelection(r, names)).ToList();
    }

    private static IReadOnlyList<ApiResource> All(KindCatalog kinds)
    {
        var inCategory = kinds.InCategory("all");
        return inCategory.Count > 0 ? inCategory : AllFallback.Select(kinds.TryResolve).OfType<ApiResource>().ToList();
    }
}
