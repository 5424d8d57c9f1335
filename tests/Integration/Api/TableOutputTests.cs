using System.Net;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

public sealed class TableOutputTests(ApiServer api) : IClassFixture<ApiServer>
{
    // What kubectl get sends.
    private const string TableAccept =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private async Task<(HttpStatusCode Code, JsonNode Body)> GetAsync(string path, string accept = TableAccept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await api.Client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static List<string> ColumnNames(JsonNode table, int priority) =>
        table["columnDefinitions"]!.AsArray().Where(c => c!["priority"]!.GetValue<int>() == priority).Select(c => c!["name"]!.GetValue<string>()).ToList();

    private static List<string?> Cells(JsonNode row) => row["cells"]!.AsArray().Select(c => c?.ToString()).ToList();

    [Fact]
    public async Task Listing_pods_as_a_table_gives_kubectl_its_columns_and_one_row_per_pod_with_metadata()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("table-a", new() { ["app"] = "table" }), "default");
        await api.Client.CreatePodAsync(ObjectClient.NewPod("table-b", new() { ["app"] = "table" }), "default");

        var (code, table) = await GetAsync("/api/v1/namespaces/default/pods?labelSelector=app%3Dtable");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(("meta.k8s.io/v1", "Table"), (table["apiVersion"]!.GetValue<string>(), table["kind"]!.GetValue<string>()));
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age"], ColumnNames(table, 0));
        Assert.Equal(["IP", "Node", "Nominated Node", "Readiness Gates"], ColumnNames(table, 1));
        Assert.NotNull(table["metadata"]!["resourceVersion"]);
        var rows = table["rows"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["table-a", "0/1", "Pending", "0"], Cells(rows[0]!).Take(4));
        var partial = rows[0]!["object"]!;
        Assert.Equal(("meta.k8s.io/v1", "PartialObjectMetadata"), (partial["apiVersion"]!.GetValue<string>(), partial["kind"]!.GetValue<string>()));
        Assert.Equal(("default", "table"), (partial["metadata"]!["namespace"]!.GetValue<string>(), partial["metadata"]!["labels"]!["app"]!.GetValue<string>()));
        Assert.Null(partial["spec"]);
    }

    [Fact]
    public async Task Getting_one_object_as_a_table_gives_one_row_and_include_object_gives_the_whole_object()
    {
        await api.Client.CreatePodAsync(ObjectClient.NewPod("table-one"), "default");

        var (_, table) = await GetAsync("/api/v1/namespaces/default/pods/table-one");
        var (_, withObject) = await GetAsync("/api/v1/namespaces/default/pods/table-one?includeObject=Object");
        var (_, without) = await GetAsync("/api/v1/namespaces/default/pods/table-one?includeObject=None");

        Assert.Equal("table-one", Cells(Assert.Single(table["rows"]!.AsArray())!)[0]);
        var pod = withObject["rows"]![0]!["object"]!;
        Assert.Equal("Pod", pod["kind"]!.GetValue<string>());
        Assert.Equal("main", pod["spec"]!["containers"]![0]!["name"]!.GetValue<string>());
        Assert.Null(without["rows"]![0]!["object"]);
    }

    [Fact]
    public async Task A_paged_table_carries_the_continue_token_of_the_list()
    {
        foreach (var name in new[] { "page-1", "page-2", "page-3" })
            await api.Client.CreatePodAsync(ObjectClient.NewPod(name, new() { ["paged"] = "yes" }), "default");

        var (_, first) = await GetAsync("/api/v1/namespaces/default/pods?labelSelector=paged%3Dyes&limit=2");
        var token = first["metadata"]!["continue"]!.GetValue<string>();
        var (_, rest) = await GetAsync($"/api/v1/namespaces/default/pods?labelSelector=paged%3Dyes&limit=2&continue={Uri.EscapeDataString(token)}");

        Assert.Equal(2, first["rows"]!.AsArray().Count);
        Assert.Equal("page-3", Cells(Assert.Single(rest["rows"]!.AsArray())!)[0]);
    }

    [Fact]
    public async Task A_cordoned_node_reads_ready_and_scheduling_disabled()
    {
        await api.Client.RegisterAsync(TestNodes.New("table-node"));
        await api.Client.SendAsync<Node>(HttpMethod.Patch, "/api/v1/nodes/table-node", new { spec = new { unschedulable = true } }, "application/merge-patch+json");

        var (_, table) = await GetAsync("/api/v1/nodes/table-node");

        Assert.Equal(["Name", "Status", "Roles", "Age", "Version"], ColumnNames(table, 0));
        Assert.Equal(["table-node", "Ready,SchedulingDisabled", "<none>"], Cells(table["rows"]![0]!).Take(3));
    }

    [Fact]
    public async Task Leases_and_cluster_wide_lists_are_tables_too()
    {
        var lease = new Lease { Metadata = new ObjectMeta { Name = "table-lease" }, Spec = new LeaseSpec { HolderIdentity = "me", LeaseDurationSeconds = 10 } };
        await api.Client.SendAsync<Lease>(HttpMethod.Post, "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", lease);

        var (_, leases) = await GetAsync("/apis/coordination.k8s.io/v1/leases");
        var (_, namespaces) = await GetAsync("/api/v1/namespaces");

        Assert.Equal(["Name", "Holder", "Age"], ColumnNames(leases, 0));
        Assert.Contains(leases["rows"]!.AsArray(), r => Cells(r!)[0] == "table-lease" && Cells(r!)[1] == "me");
        Assert.Contains(namespaces["rows"]!.AsArray(), r => Cells(r!)[0] == "default" && Cells(r!)[1] == "Active");
    }

    [Fact]
    public async Task Plain_json_still_gets_the_list_and_errors_stay_statuses()
    {
        var (_, list) = await GetAsync("/api/v1/namespaces", "application/json");
        var (missing, status) = await GetAsync("/api/v1/namespaces/default/pods/nowhere");

        Assert.Equal("NamespaceList", list["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_accepting_only_unserved_conversions_is_refused_with_not_acceptable()
    {
        var (code, status) = await GetAsync("/api/v1/namespaces", "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io");
        var (badInclude, badStatus) = await GetAsync("/api/v1/namespaces?includeObject=All");

        Assert.Equal(HttpStatusCode.NotAcceptable, code);
        Assert.Equal("NotAcceptable", status["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badInclude);
        Assert.Equal("includeObject", badStatus["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }
}
