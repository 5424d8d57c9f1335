using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Model.Rbac;

namespace EventOrch.Api.Authorization.Rbac;

/// <summary>At start, reconciles the bootstrap policy as kube-apiserver does: a default ClusterRole or ClusterRoleBinding
/// that is missing is created; one that exists and is not annotated <c>rbac.authorization.kubernetes.io/autoupdate:
/// "false"</c> gets back the rules, subjects, selectors, labels and annotations it lacks (nothing it has is taken away).
/// Written by the system identity, like the other start-up objects, in system:masters as kube-apiserver's loopback
/// identity is: RBAC's escalation check lets it write what no one holds yet.</summary>
public sealed partial class PolicyBootstrap(ObjectStore<ClusterRole> roles, ObjectQueries<ClusterRole> roleQueries,
    ObjectStore<ClusterRoleBinding> bindings, ObjectQueries<ClusterRoleBinding> bindingQueries, ILogger<PolicyBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var role in BootstrapPolicy.ClusterRoles)
            await ReconcileAsync(roles, roleQueries, role, Reconciled, cancellationToken);
        foreach (var binding in BootstrapPolicy.ClusterRoleBindings)
            await ReconcileAsync(bindings, bindingQueries, binding, Reconciled, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The stored role with what the default has and it lacks; null when nothing is missing.</summary>
    public static ClusterRole? Reconciled(ClusterRole stored, ClusterRole wanted)
    {
        var rules = new List<PolicyRule>(stored.Rules ?? []);
        rules.AddRange((wanted.Rules ?? []).Where(r => !rules.Contains(r, Aggregation.RuleComparer.Instance)));
        var aggregation = stored.AggregationRule;
        if (wanted.AggregationRule?.ClusterRoleSelectors is { } selectors)
        {
            var kept = new List<LabelSelectorSpec>(aggregation?.ClusterRoleSelectors ?? []);
            kept.AddRange(selectors.Where(s => !kept.Any(k => Contracts.Serialization.KubeJson.Equal(k, s))));
            aggregation = new AggregationRule { ClusterRoleSelectors = kept };
        }
        var metadata = WithMissing(stored.Metadata, wanted.Metadata);
        var changed = rules.Count != (stored.Rules?.Count ?? 0)
            || (aggregation?.ClusterRoleSelectors?.Count ?? 0) != (stored.AggregationRule?.ClusterRoleSelectors?.Count ?? 0)
            || metadata != stored.Metadata;
        return changed ? stored with { Rules = rules.Count == 0 ? null : rules, AggregationRule = aggregation, Metadata = metadata } : null;
    }

    /// <summary>The stored binding with the default's subjects it lacks; null when nothing is missing. A binding whose
    /// roleRef differs is left alone (a roleRef cannot change).</summary>
    public static ClusterRoleBinding? Reconciled(ClusterRoleBinding stored, ClusterRoleBinding wanted)
    {
        if (stored.RoleRef != wanted.RoleRef) return null;
        var subjects = new List<Subject>(stored.Subjects ?? []);
        subjects.AddRange((wanted.Subjects ?? []).Where(s => !subjects.Contains(s)));
        var metadata = WithMissing(stored.Metadata, wanted.Metadata);
        var changed = subjects.Count != (stored.Subjects?.Count ?? 0) || metadata != stored.Metadata;
        return changed ? stored with { Subjects = subjects, Metadata = metadata } : null;
    }

    private static ObjectMeta WithMissing(ObjectMeta stored, ObjectMeta wanted)
    {
        static Dictionary<string, string>? Merge(Dictionary<string, string>? have, Dictionary<string, string>? want)
        {
            if (want is null || want.All(p => have?.ContainsKey(p.Key) == true)) return have;
            var merged = new Dictionary<string, string>(have ?? []);
            foreach (var (key, value) in want) merged.TryAdd(key, value);
            return merged;
        }
        var labels = Merge(stored.Labels, wanted.Labels);
        var annotations = Merge(stored.Annotations, wanted.Annotations);
        return ReferenceEquals(labels, stored.Labels) && ReferenceEquals(annotations, stored.Annotations)
            ? stored
            : stored with { Labels = labels, Annotations = annotations };
    }

    private async Task ReconcileAsync<T>(ObjectStore<T> store, ObjectQueries<T> queries, T wanted, Func<T, T, T?> reconcile,
        CancellationToken cancellationToken) where T : class, IKubeObject
    {
        var name = wanted.Metadata.Name!;
        var context = new WriteContext(Bootstrap.ApiBootstrap.SystemUser, Guid.NewGuid().ToString(), null, Reason: "bootstrap policy",
            Groups: [RbacAuthorizer.MastersGroup]);
        var found = await queries.GetAsync("", name, cancellationToken);
        if (!found.IsSuccess)
        {
            var created = await store.CreateAsync("", wanted, context, cancellationToken);
            if (created.IsSuccess) LogCreated(wanted.Kind, name);
            else if (created.Error!.Code != 409) LogFailed(wanted.Kind, name, created.Error.Message);
            return;
        }
        var stored = found.Value!;
        if (stored.Metadata.Annotations?.GetValueOrDefault(BootstrapPolicy.AutoUpdateAnnotation) == "false") return;
        if (reconcile(stored, wanted) is null) return;
        var updated = await store.UpdateAsync("", name, context, current => reconcile(current, wanted) is { } next ? next : current,
            statusOnly: false, cancellationToken);
        if (updated.IsSuccess) LogUpdated(wanted.Kind, name);
        else LogFailed(wanted.Kind, name, updated.Error!.Message);
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "RBAC bootstrap: created {Kind} {Name}")]
    private partial void LogCreated(string kind, string name);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "RBAC bootstrap: added what {Kind} {Name} lacked")]
    private partial void LogUpdated(string kind, string name);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "RBAC bootstrap: could not reconcile {Kind} {Name}: {Message}")]
    private partial void LogFailed(string kind, string name, string? message);
}
