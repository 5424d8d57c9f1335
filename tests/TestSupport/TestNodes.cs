using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Support;

/// <summary>Node objects registered straight through the Api, for tests of components that only read nodes.</summary>
public static class TestNodes
{
    public const string Path = "/api/v1/nodes";

    public static Node New(string name, string cpu = "2", string memory = "4Gi", Dictionary<string, string>? labels = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Status = new NodeStatus
        {
            Capacity = new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" },
            Allocatable = new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" },
            Conditions = [new NodeCondition { Type = NodeConditions.Ready, Status = ConditionStatuses.True }],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }],
        },
    };

    public static async Task<Node> RegisterAsync(this HttpClient client, Node node)
    {
        var (code, created, response) = await client.SendAsync<Node>(HttpMethod.Post, Path, node);
        if (code != System.Net.HttpStatusCode.Created) throw new InvalidOperationException($"node registration failed: {code} {await response.Content.ReadAsStringAsync()}");
        return created!;
    }
}
