using System.Text.Json.Nodes;
using EventOrch.Cli;
using EventOrch.Cli.Rollout;
using EventOrch.Cli.Waiting;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Cli;

public sealed class RolloutTests
{
    private static Deployment Deployment(int replicas, long generation, long observed, int updated, int total, int available, string? progressingReason = null) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Generation = generation },
        Spec = new DeploymentSpec { Replicas = replicas },
        Status = new DeploymentStatus
        {
            ObservedGeneration = observed,
            UpdatedReplicas = updated,
            Replicas = total,
            AvailableReplicas = available,
            Conditions = progressingReason is null ? null :
                [new DeploymentCondition { Type = DeploymentConventions.Progressing, Status = "False", Reason = progressingReason, Message = "ReplicaSet \"web-1\" has timed out progressing." }],
        },
    };

    [Theory]
    [InlineData(3, 2, 1, 0, 0, 0, ProgressState.Waiting, "Waiting for deployment spec update to be observed...")]
    [InlineData(3, 2, 2, 1, 4, 1, ProgressState.Waiting, "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...")]
    [InlineData(3, 2, 2, 3, 4, 3, ProgressState.Waiting, "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...")]
    [InlineData(3, 2, 2, 3, 3, 2, ProgressState.Waiting, "Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...")]
    [InlineData(3, 2, 2, 3, 3, 3, ProgressState.Done, "deployment \"web\" successfully rolled out")]
    public void A_deployments_status_reads_as_kubectl_rollout_status_words_it(int replicas, long generation, long observed, int updated, int total,
        int available, ProgressState state, string message)
    {
        var progress = DeploymentRollout.Judge(Deployment(replicas, generation, observed, updated, total, available));

        Assert.Equal((state, message), (progress.State, progress.Message));
    }

    [Fact]
    public void A_deployment_past_its_progress_deadline_has_failed()
    {
        var progress = DeploymentRollout.Judge(Deployment(3, 1, 1, 1, 3, 1, DeploymentConventions.ProgressDeadlineExceeded));

        Assert.Equal(ProgressState.Failed, progress.State);
        Assert.StartsWith("deployment \"web\" exceeded its progress deadline", progress.Message);
    }

    [Theory]
    [InlineData("ImagePullBackOff", "pod \"p\": container \"main\": ImagePullBackOff: Back-off pulling image \"x\"")]
    [InlineData("CreateContainerConfigError", "pod \"p\": container \"main\": CreateContainerConfigError: Back-off pulling image \"x\"")]
    [InlineData("ContainerCreating", null)]
    [InlineData("ErrImagePull", null)]
    public void A_pod_is_stuck_when_a_container_waits_for_a_reason_that_waiting_does_not_fix(string reason, string? stuck)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p" },
            Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "x" }] },
            Status = new PodStatus
            {
                Phase = PodPhases.Pending,
                ContainerStatuses = [new ContainerStatus { Name = "main", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = reason, Message = "Back-off pulling image \"x\"" } } }],
            },
        };

        Assert.Equal(stuck, PodStatusText.Stuck(pod));
        Assert.Equal(reason, PodStatusText.Status(pod));
    }

    [Fact]
    public void A_pods_status_and_line_read_as_get_pods_shows_them()
    {
        var unscheduled = new Pod
        {
            Metadata = new ObjectMeta { Name = "p" },
            Spec = new PodSpec { Containers = [new Container { Name = "main" }] },
            Status = new PodStatus
            {
                Phase = PodPhases.Pending,
                Conditions = [new PodCondition { Type = PodConditions.PodScheduled, Status = "False", Reason = PodConditions.Unschedulable, Message = "0/1 nodes are available" }],
            },
        };
        var initializing = unscheduled with
        {
            Spec = new PodSpec { InitContainers = [new Container { Name = "init" }], Containers = [new Container { Name = "main" }] },
            Status = new PodStatus
            {
                Phase = PodPhases.Pending,
                InitContainerStatuses = [new ContainerStatus { Name = "init", State = new ContainerState { Running = new ContainerStateRunning() } }],
                ContainerStatuses = [new ContainerStatus { Name = "main", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "PodInitializing" } } }],
            },
        };
        var finishedAndDeleted = unscheduled with
        {
            Metadata = new ObjectMeta { Name = "p", DeletionTimestamp = DateTimeOffset.UnixEpoch },
            Status = new PodStatus { Phase = PodPhases.Succeeded },
        };

        Assert.Equal("p: Pending, 0/1 ready (0/1 nodes are available)", PodStatusText.Line(unscheduled));
        Assert.Equal("Init:0/1", PodStatusText.Status(initializing));
        Assert.Equal("Succeeded", PodStatusText.Status(finishedAndDeleted));
    }

    private static JsonObject ReplicaSet(string name, long revision, string image, string hash, string? changeCause = null)
    {
        var annotations = new JsonObject { ["deployment.kubernetes.io/revision"] = revision.ToString() };
        if (changeCause is not null) annotations["kubernetes.io/change-cause"] = changeCause;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["annotations"] = annotations },
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = hash } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image }) },
                },
            },
        };
    }

    [Fact]
    public void Undo_goes_back_to_the_revision_before_the_newest_or_the_one_asked_for()
    {
        JsonObject[] history = [ReplicaSet("web-a", 1, "v1", "a"), ReplicaSet("web-c", 3, "v3", "c"), ReplicaSet("web-b", 2, "v2", "b")];

        Assert.Equal("web-b", RolloutUndo.FindRevision("web", history, 0)["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("web-a", RolloutUndo.FindRevision("web", history, 1)["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("unable to find specified revision 9 in history", Assert.Throws<CliException>(() => RolloutUndo.FindRevision("web", history, 9)).Message);
        Assert.Equal("no rollout history found for deployment \"web\"",
            Assert.Throws<CliException>(() => RolloutUndo.FindRevision("web", [history[0]], 0)).Message);
    }

    [Fact]
    public void Undo_restores_the_template_without_the_hash_label_and_the_revisions_annotations_but_keeps_the_deployments_own()
    {
        var deployment = (JsonObject)JsonNode.Parse("""
            {"metadata":{"name":"web","annotations":{"deployment.kubernetes.io/revision":"3","kubernetes.io/change-cause":"v3","kubectl.kubernetes.io/last-applied-configuration":"{}"}},
             "spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"main","image":"v3"}]}}}}
            """)!;

        var (template, annotations) = RolloutUndo.Restore(deployment, ReplicaSet("web-a", 1, "v1", "a", changeCause: "v1"));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"main","image":"v1"}]}}"""), template),
            template.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"deployment.kubernetes.io/revision":"3","kubectl.kubernetes.io/last-applied-configuration":"{}","kubernetes.io/change-cause":"v1"}
            """), annotations), annotations.ToJsonString());
    }

    [Fact]
    public void The_new_replica_set_is_the_one_whose_template_is_the_deployments_hash_label_aside()
    {
        var deployment = (JsonObject)JsonNode.Parse("""
            {"spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"main","image":"v2"}]}}}}
            """)!;

        var found = DeploymentRevisions.NewReplicaSet(deployment, [ReplicaSet("web-a", 1, "v1", "a"), ReplicaSet("web-b", 2, "v2", "b")]);

        Assert.Equal("web-b", found?["metadata"]?["name"]?.GetValue<string>());
    }
}
