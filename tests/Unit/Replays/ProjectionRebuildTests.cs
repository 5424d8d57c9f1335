using System.Text.Json;
using EventOrch.Api.Audit;
using EventOrch.Api.KubeEvents;
using EventOrch.Api.Replays;
using EventOrch.Api.Resources;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using JasperFx.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventOrch.Tests.Unit.Replays;

/// <summary>The folds a replay runs, fed events as the store hands them over.</summary>
public sealed class ProjectionRebuildTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-03-04T05:06:07Z");
    private long _sequence;

    private Event<T> Stored<T>(Guid stream, long version, T data, string user = "admin") where T : notnull => new(data)
    {
        Id = Guid.NewGuid(),
        StreamId = stream,
        Sequence = ++_sequence,
        Version = version,
        Timestamp = At.AddSeconds(_sequence),
        UserName = user,
    };

    private static Pod NewPod(Guid uid, string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = uid.ToString(), CreationTimestamp = At },
        Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "busybox" }] },
    };

    private static IProjectionRebuild Start<T>(IObjectEvolver<T> evolver) where T : class, IKubeObject =>
        new ObjectProjection<T>(evolver).ForReplay().Start(NullLogger.Instance);

    [Fact]
    public void A_kinds_table_holds_each_live_object_as_its_projection_folds_it_and_nothing_of_deleted_ones_or_other_kinds()
    {
        var (web, gone) = (Guid.NewGuid(), Guid.NewGuid());
        var rebuild = Start(PodEvolver.Instance);

        rebuild.Apply(Stored(web, 1, new PodCreated(NewPod(web, "web"))));
        rebuild.Apply(Stored(gone, 1, new PodCreated(NewPod(gone, "gone"))));
        rebuild.Apply(Stored(Guid.NewGuid(), 1, new ConfigMapCreated(new ConfigMap { Metadata = new ObjectMeta { Name = "c", Namespace = "default", Uid = Guid.NewGuid().ToString() } })));
        rebuild.Apply(Stored(web, 2, new PodBound(web.ToString(), "default", "web", "node-1", At)));
        rebuild.Apply(Stored(gone, 2, new PodDeleted(gone.ToString(), "default", "gone")));
        rebuild.Apply(Stored(Guid.NewGuid(), 1, "a tombstone"));

        Assert.Empty(rebuild.TakeFinished());
        var record = Assert.IsType<ObjectRecord<Pod>>(Assert.Single(rebuild.Finish()));
        Assert.Equal((web, "default/web", 4L, 2L, "node-1", "4"),
            (record.Id, record.Key, record.Sequence, record.Version, record.Object.Spec.NodeName, record.Object.Metadata.ResourceVersion));
    }

    [Fact]
    public void Kubernetes_Events_are_made_as_the_record_goes_and_handed_over_once()
    {
        var web = Guid.NewGuid();
        var node = Guid.NewGuid();
        var rebuild = KubeEventReplay.Definition.Start(NullLogger.Instance);

        rebuild.Apply(Stored(node, 1, new NodeRegistered(new Node
        {
            Metadata = new ObjectMeta { Name = "node-1", Uid = node.ToString() },
            Status = new NodeStatus { Conditions = [new NodeCondition { Type = NodeConditions.Ready, Status = ConditionStatuses.True }] },
        }), "system:serviceaccount:kube-system:node-agent"));
        rebuild.Apply(Stored(web, 1, new PodCreated(NewPod(web, "web"))));
        var first = rebuild.TakeFinished();
        rebuild.Apply(Stored(web, 2, new PodBound(web.ToString(), "default", "web", "node-1", At), "system:serviceaccount:kube-system:scheduler"));
        var second = rebuild.TakeFinished();

        Assert.Contains(first.Cast<KubeEventRecord>(), r => r.Event.Reason == EventReasons.RegisteredNode);
        var scheduled = Assert.IsType<KubeEventRecord>(Assert.Single(second));
        Assert.Equal((EventReasons.Scheduled, "web", web.ToString(), KubeEventMapper.PositionOf(3, 0)),
            (scheduled.Event.Reason, scheduled.InvolvedName, scheduled.InvolvedUid, scheduled.Id));
        Assert.Empty(rebuild.Finish());
    }

    [Fact]
    public void Node_port_claims_are_the_ports_live_services_hold_each_claimed_by_its_service()
    {
        var (front, gone) = (Guid.NewGuid(), Guid.NewGuid());
        Service NodePorts(Guid uid, string name, params int[] ports) => new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = uid.ToString() },
            Spec = new ServiceSpec { Type = ServiceTypes.NodePort, Ports = [.. ports.Select((p, i) => new ServicePort { Port = 80 + i, NodePort = p })] },
        };
        var rebuild = NodePortClaimsReplay.Definition.Start(NullLogger.Instance);

        rebuild.Apply(Stored(front, 1, new ServiceCreated(NodePorts(front, "front", 30001, 30002))));
        rebuild.Apply(Stored(gone, 1, new ServiceCreated(NodePorts(gone, "gone", 30003))));
        rebuild.Apply(Stored(front, 2, new ServiceSpecChanged(front.ToString(), "default", "front", NodePorts(front, "front", 30002).Spec)));
        rebuild.Apply(Stored(gone, 2, new ServiceDeleted(gone.ToString(), "default", "gone")));

        var claim = Assert.IsType<NodePortClaim>(Assert.Single(rebuild.Finish()));
        Assert.Equal((30002, front.ToString()), (claim.Id, claim.ServiceUid));
    }

    [Fact]
    public void The_audit_index_gets_one_row_per_objects_event_as_the_inline_projection_makes_it_and_none_for_a_tombstone()
    {
        var web = Guid.NewGuid();
        var rebuild = AuditIndexReplay.Definition.Start(NullLogger.Instance);

        var created = Stored(web, 1, new PodCreated(NewPod(web, "web")));
        rebuild.Apply(created);
        rebuild.Apply(Stored(Guid.NewGuid(), 1, "a tombstone"));
        var first = rebuild.TakeFinished();
        rebuild.Apply(Stored(web, 2, new PodDeleted(web.ToString(), "default", "web"), "system:serviceaccount:kube-system:gc"));

        Assert.Equal(AuditIndexProjection.Entry(created), Assert.Single(first));
        var deleted = Assert.IsType<AuditEntry>(Assert.Single(rebuild.TakeFinished()));
        Assert.Equal((3L, web, 2L, "Pod", "default", "web", "PodDeleted", "system:serviceaccount:kube-system:gc"),
            (deleted.Sequence, deleted.Uid, deleted.Version, deleted.Kind, deleted.Namespace, deleted.Name, deleted.EventType, deleted.User));
        Assert.Empty(rebuild.Finish());
    }

    [Fact]
    public void A_row_is_named_from_its_json_even_when_fields_are_missing()
    {
        var pods = new ObjectProjection<Pod>(PodEvolver.Instance).ForReplay();
        using var pod = JsonDocument.Parse("""{"id":"7d0c4f55-8a62-4b8e-9d6f-0a1b2c3d4e5f","namespace":"shop","name":"web","object":{}}""");
        using var node = JsonDocument.Parse("""{"id":"7d0c4f55-8a62-4b8e-9d6f-0a1b2c3d4e5f","namespace":"","name":"node-1"}""");
        using var broken = JsonDocument.Parse("""{"name":42,"namespace":{}}""");

        Assert.Equal(new RowSubject("shop", "web", "7d0c4f55-8a62-4b8e-9d6f-0a1b2c3d4e5f"), pods.Describe(pod.RootElement));
        Assert.Equal(new RowSubject(null, "node-1", "7d0c4f55-8a62-4b8e-9d6f-0a1b2c3d4e5f"), pods.Describe(node.RootElement));
        Assert.Equal(new RowSubject(null, "42", null), pods.Describe(broken.RootElement));
    }
}
