using System.Net;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Support;

/// <summary>ReplicaSets, Deployments and namespaces created straight through the Api, for tests of the controllers and of deletion.</summary>
public static class TestReplicaSets
{
    public static string Path(string @namespace = "default") => $"/apis/apps/v1/namespaces/{@namespace}/replicasets";

    /// <summary>A ReplicaSet selecting app=NAME, whose template runs one busybox container.</summary>
    public static ReplicaSet New(string name, int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "eventorch/busybox:latest" }] },
            },
        },
    };

    /// <summary>A Deployment selecting app=NAME, whose template runs one busybox container.</summary>
    public static Deployment NewDeployment(string name, int replicas) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = name } },
            Template = New(name, replicas).Spec.Template,
        },
    };

    public static async Task<ReplicaSet> CreateReplicaSetAsync(this HttpClient client, ReplicaSet rs, string @namespace = "default")
    {
        var (code, created, response) = await client.SendAsync<ReplicaSet>(HttpMethod.Post, Path(@namespace), rs);
        if (code != HttpStatusCode.Created) throw new InvalidOperationException($"create failed: {code} {await response.Content.ReadAsStringAsync()}");
        return created!;
    }

    /// <summary>A new namespace with a unique name starting with <paramref name="prefix"/>.</summary>
    public static async Task<string> CreateNamespaceAsync(this HttpClient client, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..12];
        var (code, _, response) = await client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = name } });
        if (code != HttpStatusCode.Created) throw new InvalidOperationException($"create failed: {code} {await response.Content.ReadAsStringAsync()}");
        return name;
    }
}
