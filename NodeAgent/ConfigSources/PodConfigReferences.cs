using EventOrch.Contracts.Model;

namespace EventOrch.NodeAgent.ConfigSources;

/// <summary>Which ConfigMaps and Secrets a pod refers to, through its containers' environment or its volumes.</summary>
public static class PodConfigReferences
{
    public static bool UsesConfigMap(Pod pod, string name) =>
        (pod.Spec.Volumes ?? []).Any(v => v.ConfigMap?.Name == name)
        || Containers(pod).Any(c => (c.EnvFrom ?? []).Any(e => e.ConfigMapRef?.Name == name)
            || (c.Env ?? []).Any(e => e.ValueFrom?.ConfigMapKeyRef?.Name == name));

    public static bool UsesSecret(Pod pod, string name) =>
        (pod.Spec.Volumes ?? []).Any(v => v.Secret?.SecretName == name)
        || Containers(pod).Any(c => (c.EnvFrom ?? []).Any(e => e.SecretRef?.Name == name)
            || (c.Env ?? []).Any(e => e.ValueFrom?.SecretKeyRef?.Name == name));

    private static IEnumerable<Container> Containers(Pod pod) => pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []);
}
