using System.Collections.Concurrent;
using EventOrch.Contracts.Model;

namespace EventOrch.Controllers.Workloads;

/// <summary>A StatefulSet's revisions. EventOrch has no ControllerRevision kind: a revision is named
/// <c>{set}-{hash of the pod template}</c> (the hash is the Deployment's pod-template-hash, with the set's collisionCount),
/// and the templates of the revisions this process has seen are kept in memory, so a member below the partition is
/// recreated at the current revision. A revision whose template it has not seen (the process restarted mid-update) is
/// made from the update revision's template.</summary>
public sealed class StatefulSetRevisions
{
    private readonly ConcurrentDictionary<(string Uid, string Revision), PodTemplateSpec> _templates = new();

    // A collisionCount of 0 hashes as none: the first pass (no status yet) and the later ones (status says 0) agree.
    public static string NameOf(StatefulSet set) =>
        $"{set.Metadata.Name}-{DeploymentController.TemplateHash(set.Spec.Template ?? new PodTemplateSpec(), set.Status?.CollisionCount is > 0 and var count ? count : null)}";

    /// <summary>The update revision (the set's template now), noted with its template.</summary>
    public string Observe(StatefulSet set)
    {
        var revision = NameOf(set);
        if (set.Spec.Template is { } template) _templates[(set.Metadata.Uid!, revision)] = template;
        return revision;
    }

    /// <summary>The template of <paramref name="revision"/> if seen, else the set's template now.</summary>
    public (PodTemplateSpec Template, string Revision) TemplateOf(StatefulSet set, string revision) =>
        _templates.TryGetValue((set.Metadata.Uid!, revision), out var template) ? (template, revision) : (set.Spec.Template!, NameOf(set));

    /// <summary>Forgets a set that is gone.</summary>
    public void Forget(string uid)
    {
        foreach (var key in _templates.Keys.Where(k => k.Uid == uid).ToList()) _templates.TryRemove(key, out _);
    }
}
