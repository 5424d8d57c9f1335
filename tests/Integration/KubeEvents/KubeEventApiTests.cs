using System.Net;
using EventOrch.Api.KubeEvents;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventOrch.Tests.Integration.KubeEvents;

/// <summary>Events served by a real Api over the real store: projected inline from the writes, listed with kubectl's
/// selectors, in both shapes, never written.</summary>
public sealed class KubeEventApiTests(ApiServer api) : IClassFixture<ApiServer>
{
    private HttpClient Client => api.Client;

    private async Task<Node> NodeAsync(string name) => await Client.RegisterAsync(TestNodes.New(name));

    private async Task<Pod> BoundPodAsync(string ns, string name, string node)
    {
        var pod = await Client.CreatePodAsync(ObjectClient.NewPod(name), ns);
        var (code, _, response) = await Client.SendAsync<Status>(HttpMethod.Post, $"{ObjectClient.PodsPath(ns)}/{name}/binding",
            new Binding { Metadata = new ObjectMeta { Name = name }, Target = new ObjectReference { Kind = "Node", Name = node } });
        Assert.True(code == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return pod;
    }

    private async Task ReportAsync(string ns, string name, PodStatus status)
    {
        var (_, pod, _) = await Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/{name}");
        var (code, _, response) = await Client.SendAsync<Pod>(HttpMethod.Put, $"{ObjectClient.PodsPath(ns)}/{name}/status", pod! with { Status = status });
        Assert.True(code == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static PodStatus Container(ContainerState state, string? id = null, bool ready = false) => new()
    {
        Phase = state.Running is null ? PodPhases.Pending : PodPhases.Running,
        ContainerStatuses = [new ContainerStatus { Name = "main", State = state, ContainerID = id, Ready = ready, Image = "eventorch/busybox:latest" }],
    };

    [Fact]
    public async Task A_pods_life_is_told_by_its_Events_selected_as_kubectl_describe_selects_them()
    {
        var ns = await Client.CreateNamespaceAsync("ev");
        await NodeAsync("ev-node-1");
        var pod = await BoundPodAsync(ns, "web", "ev-node-1");
        await ReportAsync(ns, "web", Container(new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } }));
        await ReportAsync(ns, "web", Container(new ContainerState { Running = new ContainerStateRunning { StartedAt = DateTimeOffset.UtcNow } }, "docker://one", ready: true));
        await Client.DeletePodAsync("web", ns);

        var events = (await Client.EventsAsync(ns, KubeEventClient.DescribeSelector(pod))).Items;

        Assert.Equal(
            [
                (EventReasons.Scheduled, EventTypes.Normal, "default-scheduler", $"Successfully assigned {ns}/web to ev-node-1", (string?)null),
                (EventReasons.Created, EventTypes.Normal, "kubelet", "Created container: main", "spec.containers{main}"),
                (EventReasons.Started, EventTypes.Normal, "kubelet", "Started container main", "spec.containers{main}"),
                (EventReasons.Killing, EventTypes.Normal, "kubelet", "Stopping container main", "spec.containers{main}"),
            ],
            events.Select(e => (e.Reason, e.Type, e.Source?.Component, e.Message, e.InvolvedObject.FieldPath)));
        Assert.All(events, e => Assert.Equal((ns, "Pod", "web", pod.Metadata.Uid), (e.Metadata.Namespace, e.InvolvedObject.Kind, e.InvolvedObject.Name, e.InvolvedObject.Uid)));
        Assert.All(events.Skip(1), e => Assert.Equal("ev-node-1", e.Source!.Host));
        Assert.Equal(ApiServer.AdminUser, events[0].Metadata.Annotations![KubeEventAnnotations.CausedBy]);
        Assert.Equal("PodBound", events[0].Metadata.Annotations![KubeEventAnnotations.DomainEvent]);
        // Each Event's resourceVersion is its domain event's sequence, in the order things happened.
        var versions = events.Select(e => long.Parse(e.Metadata.ResourceVersion!)).ToList();
        Assert.Equal(versions.Order(), versions);
    }

    [Fact]
    public async Task Events_are_selected_by_reason_type_source_and_object_kind_and_name_as_kubectl_events_for_does()
    {
        var ns = await Client.CreateNamespaceAsync("ev");
        await NodeAsync("ev-node-2");
        await Client.CreatePodAsync(ObjectClient.NewPod("stuck"), ns);
        await ReportAsync(ns, "stuck", new PodStatus().WithCondition(new PodCondition
        {
            Type = PodConditions.PodScheduled, Status = ConditionStatuses.False, Reason = PodConditions.Unschedulable,
            Message = "0/1 nodes are available: 1 Insufficient cpu.",
        }));
        await BoundPodAsync(ns, "web", "ev-node-2");

        var forPod = await Client.EventsAsync(ns, "?fieldSelector=involvedObject.kind=Pod,involvedObject.name=stuck");
        var warnings = await Client.EventsAsync(ns, "?fieldSelector=type=Warning");
        var scheduled = await Client.EventsAsync(null, $"?fieldSelector=reason=Scheduled,metadata.namespace={ns}");
        var fromScheduler = await Client.EventsAsync(ns, "?fieldSelector=source=default-scheduler,reportingComponent=default-scheduler");
        var notScheduled = await Client.EventsAsync(ns, "?fieldSelector=reason!=Scheduled");

        var failed = Assert.Single(forPod.Items);
        Assert.Equal((EventReasons.FailedScheduling, EventTypes.Warning, "0/1 nodes are available: 1 Insufficient cpu."), (failed.Reason, failed.Type, failed.Message));
        Assert.Equal(failed.Metadata.Name, Assert.Single(warnings.Items).Metadata.Name);
        Assert.Equal("web", Assert.Single(scheduled.Items).InvolvedObject.Name);
        Assert.Equal(2, fromScheduler.Items.Count);
        Assert.Equal("stuck", Assert.Single(notScheduled.Items).InvolvedObject.Name);
    }

    [Fact]
    public async Task A_nodes_Events_live_in_default_and_are_found_across_namespaces_by_the_node()
    {
        var node = await NodeAsync("ev-node-3");
        var notReady = node.Status! with { Conditions = [new NodeCondition { Type = NodeConditions.Ready, Status = ConditionStatuses.False, Reason = "ContainerRuntimeUnreachable" }] };
        var (code, _, _) = await Client.SendAsync<Node>(HttpMethod.Put, "/api/v1/nodes/ev-node-3/status", node with { Status = notReady });
        Assert.Equal(HttpStatusCode.OK, code);

        // kubectl describe node lists every namespace, with an empty involvedObject.namespace.
        var events = (await Client.EventsAsync(null, KubeEventClient.DescribeSelector(node))).Items;

        Assert.Equal([EventReasons.Starting, EventReasons.RegisteredNode, EventReasons.NodeReady, EventReasons.NodeNotReady], events.Select(e => e.Reason));
        Assert.All(events, e => Assert.Equal(("default", (string?)null), (e.Metadata.Namespace, e.InvolvedObject.Namespace)));
        Assert.Equal("Node ev-node-3 status is now: NodeNotReady", events[^1].Message);
    }

    [Fact]
    public async Task The_events_k8s_io_group_serves_the_same_Events_in_its_own_shape()
    {
        var ns = await Client.CreateNamespaceAsync("ev");
        await NodeAsync("ev-node-4");
        var pod = await BoundPodAsync(ns, "web", "ev-node-4");
        var core = Assert.Single((await Client.EventsAsync(ns, KubeEventClient.DescribeSelector(pod))).Items);

        var (listCode, list, _) = await Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get,
            $"/apis/events.k8s.io/v1/namespaces/{ns}/events?fieldSelector=regarding.name=web,regarding.uid={pod.Metadata.Uid},reportingController=default-scheduler");
        var (getCode, one, _) = await Client.SendAsync<EventsV1Event>(HttpMethod.Get, $"/apis/events.k8s.io/v1/namespaces/{ns}/events/{core.Metadata.Name}");
        var (badCode, bad, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"/apis/events.k8s.io/v1/namespaces/{ns}/events?fieldSelector=involvedObject.name=web");

        Assert.Equal(HttpStatusCode.OK, listCode);
        Assert.Equal(("events.k8s.io/v1", "EventList"), (list!["apiVersion"]!.GetValue<string>(), list["kind"]!.GetValue<string>()));
        var item = Assert.Single(list["items"]!.AsArray())!.AsObject();
        Assert.Equal("events.k8s.io/v1", item["apiVersion"]!.GetValue<string>());
        Assert.Equal(core.Message, item["note"]!.GetValue<string>());
        Assert.Equal("web", item["regarding"]!["name"]!.GetValue<string>());
        Assert.Equal("default-scheduler", item["reportingController"]!.GetValue<string>());
        Assert.Equal("default-scheduler", item["deprecatedSource"]!["component"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", item["eventTime"]!.GetValue<string>());
        Assert.Null(item["involvedObject"]);
        Assert.Equal(HttpStatusCode.OK, getCode);
        Assert.Equal((core.Metadata.Name, core.Reason, core.Message), (one!.Metadata.Name, one.Reason, one.Note));
        Assert.Equal(HttpStatusCode.BadRequest, badCode);
        Assert.Equal("field label not supported: involvedObject.name", bad!.Message);
    }

    [Fact]
    public async Task An_Event_is_read_by_name_in_its_namespace_only()
    {
        var ns = await Client.CreateNamespaceAsync("ev");
        await NodeAsync("ev-node-5");
        var pod = await BoundPodAsync(ns, "web", "ev-node-5");
        var name = Assert.Single((await Client.EventsAsync(ns, KubeEventClient.DescribeSelector(pod))).Items).Metadata.Name;

        var (found, e, _) = await Client.SendAsync<KubeEvent>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/events/{name}");
        var (elsewhere, status, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"/api/v1/namespaces/default/events/{name}");
        var (unknown, _, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/events/web.not-ours");

        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Equal(("Event", "v1", EventReasons.Scheduled), (e!.Kind, e.ApiVersion, e.Reason));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere);
        Assert.Equal($"events \"{name}\" not found", status!.Message);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task A_list_pages_in_time_order_with_limit_and_continue()
    {
        var ns = await Client.CreateNamespaceAsync("ev");
        await NodeAsync("ev-node-6");
        for (var i = 0; i < 5; i++) await BoundPodAsync(ns, $"p{i}", "ev-node-6");
        var all = (await Client.EventsAsync(ns)).Items.Select(e => e.Metadata.Name!).ToList();

        var pages = new List<string>();
        string? token = null;
        var count = 0;
        do
        {
            var page = await Client.EventsAsync(ns, "?limit=2" + (token is null ? "" : $"&continue={Uri.EscapeDataString(token)}"));
            Assert.True(page.Items.Count <= 2);
            pages.AddRange(page.Items.Select(e => e.Metadata.Name!));
            token = page.Metadata.Continue;
            count++;
        } while (token is not null && count < 10);
        var (badCode, _, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/events?continue=not-a-token");

        Assert.Equal(5, all.Count);
        Assert.Equal(all, pages);
        Assert.Equal([.. Enumerable.Range(0, 5).Select(i => $"p{i}")], (await Client.EventsAsync(ns)).Items.Select(e => e.InvolvedObject.Name));
        Assert.Equal(HttpStatusCode.BadRequest, badCode);
    }

    [Fact]
    public async Task An_unsupported_field_label_is_refused_and_names_it()
    {
        var (code, status, _) = await Client.SendAsync<Status>(HttpMethod.Get, "/api/v1/events?fieldSelector=spec.nodeName=x");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("field label not supported: spec.nodeName", status!.Message);
        Assert.Equal("fieldSelector", Assert.Single(status.Details!.Causes!).Field);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("t")]
    public async Task A_watch_of_Events_is_refused_however_the_boolean_is_spelt(string watch)
    {
        var (code, status, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"/api/v1/events?watch={watch}");
        var (groupCode, _, _) = await Client.SendAsync<Status>(HttpMethod.Get, $"/apis/events.k8s.io/v1/namespaces/default/events?watch={watch}");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (code, groupCode));
        Assert.StartsWith("watch is not served for events", status!.Message);
        Assert.Equal("watch", Assert.Single(status.Details!.Causes!).Field);
    }

    [Fact]
    public async Task A_watch_parameter_that_is_not_a_boolean_is_refused_and_false_lists()
    {
        var (badCode, status, _) = await Client.SendAsync<Status>(HttpMethod.Get, "/api/v1/events?watch=yes");
        var (listCode, list, _) = await Client.SendAsync<ObjectList<KubeEvent>>(HttpMethod.Get, "/api/v1/events?watch=False");

        Assert.Equal(HttpStatusCode.BadRequest, badCode);
        Assert.Equal("watch must be a boolean (true or false), not \"yes\"", status!.Message);
        Assert.Equal((HttpStatusCode.OK, "EventList"), (listCode, list!.Kind));
    }

    public static TheoryData<string, string> Writes => new()
    {
        { "POST", "/api/v1/namespaces/default/events" },
        { "PUT", "/api/v1/namespaces/default/events/web.0000000000000100" },
        { "PATCH", "/api/v1/namespaces/default/events/web.0000000000000100" },
        { "DELETE", "/api/v1/namespaces/default/events/web.0000000000000100" },
        { "DELETE", "/api/v1/namespaces/default/events" },
        { "POST", "/apis/events.k8s.io/v1/namespaces/default/events" },
        { "PUT", "/apis/events.k8s.io/v1/namespaces/default/events/web.0000000000000100" },
        { "DELETE", "/apis/events.k8s.io/v1/namespaces/default/events/web.0000000000000100" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Every_write_is_MethodNotAllowed_because_Events_are_a_view_of_the_record(string method, string path)
    {
        var before = await api.EventCountAsync();

        var (code, status, _) = await Client.SendAsync<Status>(new HttpMethod(method), path,
            method == "DELETE" ? null : new KubeEvent { Metadata = new ObjectMeta { Name = "web.0000000000000100" }, Reason = "Made up" },
            method == "PATCH" ? "application/merge-patch+json" : "application/json");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, code);
        Assert.Equal((StatusReasons.MethodNotAllowed, 405), (status!.Reason, status.Code));
        Assert.Contains("read-only view of EventOrch's event record", status.Message);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task The_backfill_projects_events_appended_before_the_projection_into_the_same_Events()
    {
        var ns = await Client.CreateNamespaceAsync("ev");
        await NodeAsync("ev-node-7");
        var pod = await BoundPodAsync(ns, "web", "ev-node-7");
        await ReportAsync(ns, "web", Container(new ContainerState { Running = new ContainerStateRunning { StartedAt = DateTimeOffset.UtcNow } }, "docker://one"));
        var inline = (await Client.EventsAsync(null)).Items;
        await Eventually.WaitFor(async () =>
        {
            await using var query = api.Store.QuerySession();
            return await query.LoadAsync<KubeEventBackfillMarker>(KubeEventBackfillMarker.TheId);
        }, marker => marker is not null, "the backfill at start");

        // As on a database from before the projection: no Events, no marker.
        await using (var session = api.Store.LightweightSession())
        {
            session.DeleteWhere<KubeEventRecord>(x => x.Id > 0);
            session.Delete<KubeEventBackfillMarker>(KubeEventBackfillMarker.TheId);
            await session.SaveChangesAsync();
        }
        Assert.Empty((await Client.EventsAsync(null)).Items);
        var written = await api.Services.GetRequiredService<KubeEventBackfill>().RunAsync(CancellationToken.None);
        var replayed = (await Client.EventsAsync(null)).Items;

        Assert.True(written >= inline.Count);
        Assert.Equal(Json(inline), Json(replayed.Take(inline.Count)));
        Assert.Equal([EventReasons.Scheduled, EventReasons.Created, EventReasons.Started],
            (await Client.EventsAsync(ns, KubeEventClient.DescribeSelector(pod))).Items.Select(e => e.Reason));
        Assert.Equal(0, await api.Services.GetRequiredService<KubeEventBackfill>().RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_backfill_that_fails_starts_again_until_it_completes()
    {
        // A marker the replay cannot read makes its first attempt fail.
        await using (var session = api.Store.LightweightSession())
        {
            session.Store(new KubeEventBackfillMarker { MappingVersion = 0 });
            await session.SaveChangesAsync();
        }
        await SqlAsync("update {0}.mt_doc_kube_event_backfills set data = jsonb_set(data, '{{mappingVersion}}', '\"unreadable\"')");
        var time = new TimerSignal();
        var backfill = new KubeEventBackfill(api.Store, time, NullLogger<KubeEventBackfill>.Instance);

        await backfill.StartAsync(CancellationToken.None);
        var pause = await time.Created.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await SqlAsync("delete from {0}.mt_doc_kube_event_backfills");
        var marker = await Eventually.WaitFor(async () =>
        {
            await using var query = api.Store.QuerySession();
            return await query.LoadAsync<KubeEventBackfillMarker>(KubeEventBackfillMarker.TheId);
        }, m => m is not null, "the backfill to start again and complete");
        await backfill.StopAsync(CancellationToken.None);

        Assert.True(pause > TimeSpan.Zero);
        Assert.Equal(KubeEventProjection.MappingVersion, marker!.MappingVersion);
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Services.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(string.Format(sql, api.Schema.Name), connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The system clock, telling when the first timer (a pause before trying again) is set.</summary>
    private sealed class TimerSignal : TimeProvider
    {
        public TaskCompletionSource<TimeSpan> Created { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Created.TrySetResult(dueTime);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    [Fact]
    public async Task Discovery_lists_Events_in_both_groups_with_the_verbs_they_serve()
    {
        var core = await Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, "/api/v1");
        var group = await Client.SendAsync<System.Text.Json.Nodes.JsonObject>(HttpMethod.Get, "/apis/events.k8s.io/v1");

        foreach (var list in new[] { core.Body!, group.Body! })
        {
            var events = list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "events")!;
            Assert.Equal(("Event", true), (events["kind"]!.GetValue<string>(), events["namespaced"]!.GetValue<bool>()));
            Assert.Equal(["get", "list"], events["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Kubectl_get_events_gets_a_table_of_last_seen_type_reason_object_and_message()
    {
        var ns = await Client.CreateNamespaceAsync("ev");
        await NodeAsync("ev-node-8");
        await BoundPodAsync(ns, "web", "ev-node-8");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/events");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        var table = System.Text.Json.Nodes.JsonNode.Parse(await (await Client.SendAsync(request)).Content.ReadAsStringAsync())!;

        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Message"],
            table["columnDefinitions"]!.AsArray().Where(c => c!["priority"]!.GetValue<int>() == 0).Select(c => c!["name"]!.GetValue<string>()));
        var cells = Assert.Single(table["rows"]!.AsArray())!["cells"]!.AsArray().Select(c => c!.ToString()).ToList();
        Assert.Equal(["Normal", "Scheduled", "pod/web", $"Successfully assigned {ns}/web to ev-node-8"], cells.Skip(1).Take(3).Append(cells[6]));
    }

    private static List<string> Json(IEnumerable<KubeEvent> events) =>
        events.Select(e => System.Text.Json.JsonSerializer.Serialize(e, Contracts.Serialization.KubeJson.Options)).ToList();
}
