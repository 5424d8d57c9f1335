using EventOrch.ClientRuntime.ApiClient;
using EventOrch.ClientRuntime.Discovery;
using EventOrch.Cli.Resources;

namespace EventOrch.Cli.Commands;

/// <summary>One object a command acts on.</summary>
public sealed record TargetObject(ApiResource Resource, string? Namespace, string Name)
{
    public string Display => Resource.ObjectName(Name);
}

/// <summary>Reads the objects named by KIND/NAME or KIND NAME arguments, in the session's namespace.</summary>
public static class TargetObjects
{
    public static async Task<IReadOnlyList<TargetObject>> NamedAsync(Session session, IReadOnlyList<string> arguments, string verb,
        CancellationToken cancellationToken)
    {
        var kinds = await session.KindsAsync(cancellationToken);
        var selections = ResourceArguments.Parse(arguments, kinds, verb);
        if (selections.Any(s => s.Names.Count == 0))
            throw new CliException($"resource(s) were provided, but no name was specified: eoctl {verb} KIND/NAME or eoctl {verb} KIND NAME");
        return selections.SelectMany(s => s.Names.Select(n => new TargetObject(s.Resource, s.Resource.Namespaced ? session.Namespace : null, n))).ToList();
    }

    /// <summary>The one object a command such as scale or rollout takes.</summary>
    public static async Task<TargetObject> OneAsync(Session session, IReadOnlyList<string> arguments, string verb, CancellationToken cancellationToken)
    {
        var targets = await NamedAsync(session, arguments, verb, cancellationToken);
        if (targets.Count != 1) throw new CliException($"{verb} takes one object (KIND/NAME), not {targets.Count}");
        return targets[0];
    }
}
