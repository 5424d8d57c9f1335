using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.KubeEvents;

/// <summary>Reads Events the way kubectl does.</summary>
internal static class KubeEventClient
{
    public static async Task<ObjectList<KubeEvent>> EventsAsync(this HttpClient client, string? @namespace, string query = "")
    {
        var path = @namespace is null ? "/api/v1/events" : $"/api/v1/namespaces/{@namespace}/events";
        var (code, list, response) = await client.SendAsync<ObjectList<KubeEvent>>(HttpMethod.Get, path + query);
        if (code != HttpStatusCode.OK) throw new InvalidOperationException($"list failed: {code} {await response.Content.ReadAsStringAsync()}");
        return list!;
    }

    /// <summary>The field selector kubectl describe sends for an object.</summary>
    public static string DescribeSelector(IKubeObject obj) =>
        $"?fieldSelector=involvedObject.name={obj.Metadata.Name},involvedObject.namespace={obj.Metadata.Namespace},"
        + $"involvedObject.kind={obj.Kind},involvedObject.uid={obj.Metadata.Uid}&limit=500";

    /// <summary>Waits until the object's Events carry every one of <paramref name="reasons"/> (in this order among them).</summary>
    public static Task<ObjectList<KubeEvent>> WaitForReasonsAsync(this HttpClient client, IKubeObject obj, params string[] reasons) =>
        Eventually.WaitFor(() => client.EventsAsync(obj.Metadata.Namespace ?? "default", DescribeSelector(obj)),
            list => Contains(list.Items.Select(e => e.Reason!).ToList(), reasons),
            $"Events {string.Join(", ", reasons)} on {obj.Kind} {obj.Metadata.Name}");

    private static bool Contains(List<string> seen, string[] reasons)
    {
        var at = 0;
        foreach (var reason in seen)
        {
            if (at < reasons.Length && reason == reasons[at]) at++;
        }
        return at == reasons.Length;
    }
}
