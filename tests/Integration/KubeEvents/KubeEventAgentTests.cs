using EventOrch.Contracts.KubeEvents;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Integration.NodeAgent;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.KubeEvents;

/// <summary>The node agent's Events, from what a real agent on the real Docker Engine reports through the Api.</summary>
public sealed class KubeEventAgentTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Image = "eventorch/busybox:latest";
    private HttpClient Client => cluster.Client;

    private static Pod NewPod(string name, Container container, string restartPolicy = "Always") => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new PodSpec { Containers = [container], TerminationGracePeriodSeconds = 1, RestartPolicy = restartPolicy },
    };

    [Fact]
    public async Task A_pod_run_by_the_agent_is_Scheduled_Created_Started_and_Killed()
    {
        var pod = await Client.CreatePodAsync(NewPod("sleeper", new Container { Name = "main", Image = Image, Command = ["sleep", "3600"] }));
        await cluster.WaitForPodAsync("sleeper", p => p.Status?.Phase == PodPhases.Running, "sleeper Running");
        await Client.DeletePodAsync("sleeper");

        var events = await Client.WaitForReasonsAsync(pod, EventReasons.Scheduled, EventReasons.Created, EventReasons.Started, EventReasons.Killing);

        Assert.Equal($"Successfully assigned default/sleeper to {cluster.NodeName}", events.Items[0].Message);
        Assert.All(events.Items.Skip(1), e => Assert.Equal(("kubelet", cluster.NodeName, "spec.containers{main}"), (e.Source!.Component, e.Source.Host, e.InvolvedObject.FieldPath)));
    }

    [Fact]
    public async Task A_crashing_container_backs_off_and_an_image_that_is_not_there_fails()
    {
        var crashing = await Client.CreatePodAsync(NewPod("crasher", new Container { Name = "main", Image = Image, Command = ["sh", "-c", "exit 3"] }));
        var missing = await Client.CreatePodAsync(NewPod("missing", new Container { Name = "main", Image = "eventorch/not-here:1.0" }));

        var backOff = await Client.WaitForReasonsAsync(crashing, EventReasons.Started, EventReasons.BackOff);
        var failed = await Client.WaitForReasonsAsync(missing, EventReasons.Failed, EventReasons.Failed);

        Assert.Equal($"Back-off restarting failed container main in pod crasher_default({crashing.Metadata.Uid})",
            backOff.Items.First(e => e.Reason == EventReasons.BackOff).Message);
        Assert.Equal(EventTypes.Warning, backOff.Items.First(e => e.Reason == EventReasons.BackOff).Type);
        Assert.StartsWith("Failed to pull image \"eventorch/not-here:1.0\": ", failed.Items.First(e => e.Reason == EventReasons.Failed).Message);
        Assert.Contains(failed.Items, e => e.Message == "Error: ErrImagePull");
    }
}
