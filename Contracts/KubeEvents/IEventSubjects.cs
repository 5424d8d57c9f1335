using EventOrch.Contracts.Model;

namespace EventOrch.Contracts.KubeEvents;

/// <summary>Other objects as they stood just before the event being mapped: a pod's owner (is it still there, or
/// being deleted?), a pod's node (is it tainted?), a ReplicaSet's Deployment, a claim's StorageClass. Null when unknown
/// or gone.</summary>
public interface IEventSubjects
{
    IKubeObject? Find(string uid);

    Node? FindNode(string name);

    StorageClass? FindStorageClass(string name);
}
