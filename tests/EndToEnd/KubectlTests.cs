using System.Text.Json.Nodes;

namespace EventOrch.Tests.EndToEnd;

/// <summary>The kubectl on this machine, with default flags, against the cluster ./eo up started: what a Kubernetes
/// user does every day works the same on EventOrch.</summary>
public sealed class KubectlTests
{
    private static string Namespace() => $"kc-{Guid.NewGuid():N}"[..11];

    /// <summary>A namespace, a ConfigMap, a Deployment reading it, a Service in front, and a ReplicationController.</summary>
    private static string Manifest(string ns, string greeting = "hello", int replicas = 2, string version = "1") => $$"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {{ns}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web-config
          namespace: {{ns}}
        data:
          greeting: {{greeting}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {{ns}}
          labels:
            app: web
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: httpd
                image: eventorch/busybox:latest
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "mkdir -p /www && echo $GREETING > /www/index.html && echo serving $GREETING && exec httpd -f -p 8080 -h /www"]
                env:
                - name: GREETING
                  valueFrom:
                    configMapKeyRef:
                      name: web-config
                      key: greeting
                - name: VERSION
                  value: "{{version}}"
                ports:
                - name: http
                  containerPort: 8080
                readinessProbe:
                  httpGet:
                    path: /
                    port: 8080
                  periodSeconds: 1
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: {{ns}}
        spec:
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: http
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: worker
          namespace: {{ns}}
        spec:
          replicas: 1
          selector:
            app: worker
          template:
            metadata:
              labels:
                app: worker
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: worker
                image: eventorch/busybox:latest
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"]
        """;

    private static async Task<string?> ReplicaSetOfRevisionAsync(string ns, string revision) =>
        JsonNode.Parse(await Kubectl.Ok($"get rs -n {ns} -l app=web -o json"))!["items"]!.AsArray()
            .FirstOrDefault(rs => rs!["metadata"]!["annotations"]?["deployment.kubernetes.io/revision"]?.GetValue<string>() == revision)?["metadata"]!["name"]!.GetValue<string>();

    private static async Task<string> ApplyAsync(string manifest) => await Kubectl.Ok("apply -f -", manifest);

    [Fact]
    public async Task Apply_get_describe_label_logs_and_delete_a_manifest()
    {
        var ns = Namespace();
        var applied = await ApplyAsync(Manifest(ns));
        Assert.Equal(
            [$"namespace/{ns} created", "configmap/web-config created", "deployment.apps/web created", "service/web created", "replicationcontroller/worker created"],
            applied.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("successfully rolled out", await Kubectl.Ok($"rollout status deployment/web -n {ns} --timeout=120s", seconds: 150));

        // get: plain, wide, yaml, json, selectors, all namespaces.
        var pods = await Kubectl.Ok($"get pods -n {ns}");
        Assert.StartsWith("NAME", pods);
        Assert.Matches(@"NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE", pods);
        Assert.Matches(@"web-[a-z0-9]+-[a-z0-9]{5}\s+1/1\s+Running\s+0\s+\d+s", pods);
        Assert.Matches(@"NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE", await Kubectl.Ok($"get pods -n {ns} -o wide"));
        Assert.Matches(@"web\s+2/2\s+2\s+2\s+\d+s", await Kubectl.Ok($"get deploy -n {ns}"));
        Assert.Matches(@"web\s+ClusterIP\s+\S+\s+<none>\s+80/TCP\s+\d+s", await Kubectl.Ok($"get svc -n {ns}"));
        Assert.Matches(@"worker\s+1\s+1\s+1\s+\d+s", await Kubectl.Ok($"get rc -n {ns}"));
        Assert.Matches(@"node-1\s+Ready\s+", await Kubectl.Ok("get nodes"));
        Assert.Matches($@"{ns}\s+Active", await Kubectl.Ok("get ns"));
        var yaml = await Kubectl.Ok($"get deploy web -n {ns} -o yaml");
        Assert.Contains("apiVersion: apps/v1", yaml);
        Assert.Contains("kind: Deployment", yaml);
        var json = JsonNode.Parse(await Kubectl.Ok($"get pods -n {ns} -l app=web -o json"))!;
        Assert.Equal(2, json["items"]!.AsArray().Count);
        Assert.Single(JsonNode.Parse(await Kubectl.Ok($"get pods -n {ns} -l app=worker -o json"))!["items"]!.AsArray());
        var everywhere = await Kubectl.Ok("get deploy -A");
        Assert.Matches(@"NAMESPACE\s+NAME\s+READY", everywhere);
        Assert.Contains(ns, everywhere);
        Assert.Matches(@"web\s+127\.0\.0\.\d+:\d+,127\.0\.0\.\d+:\d+\s+\d+s", await Kubectl.Ok($"get endpoints web -n {ns}"));

        // describe: fields and the Events a Kubernetes user expects.
        var pod = JsonNode.Parse(await Kubectl.Ok($"get pods -n {ns} -l app=web -o json"))!["items"]![0]!["metadata"]!["name"]!.GetValue<string>();
        var described = await Kubectl.Ok($"describe pod {pod} -n {ns}");
        Assert.Contains($"Name:", described);
        Assert.Contains("Events:", described);
        Assert.Contains("Scheduled", described);
        Assert.Contains("Started", described);
        Assert.Contains("ScalingReplicaSet", await Kubectl.Ok($"describe deploy web -n {ns}"));
        Assert.Contains("Scheduled", await Kubectl.Ok($"get events -n {ns}"));

        // label, and select by it.
        Assert.Contains($"pod/{pod} labeled", await Kubectl.Ok($"label pod {pod} -n {ns} tier=front"));
        Assert.Contains(pod, await Kubectl.Ok($"get pods -n {ns} -l tier=front"));

        // logs, and logs -f following new lines.
        Assert.Contains("serving hello", await Kubectl.Ok($"logs {pod} -n {ns}"));
        var worker = JsonNode.Parse(await Kubectl.Ok($"get pods -n {ns} -l app=worker -o json"))!["items"]![0]!["metadata"]!["name"]!.GetValue<string>();
        using (var follow = Kubectl.Stream($"logs -f {worker} -n {ns}"))
        {
            var first = await follow.WaitFor(lines => lines.Count > 0, "a first log line");
            await follow.WaitFor(lines => lines.Count >= first.Count + 2, "two more log lines while following");
        }

        // delete -f waits until everything is gone, the namespace included. The namespace comes first in the manifest, and
        // its controller may remove what it holds before kubectl deletes each object (as in Kubernetes), so one may be gone.
        var deleted = await Kubectl.Ok("delete -f - --ignore-not-found", Manifest(ns), seconds: 150);
        Assert.Contains($"namespace \"{ns}\" deleted", deleted);
        Assert.Contains("deployment.apps \"web\" deleted", deleted);
        var gone = await Kubectl.RunAsync($"get ns {ns}");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains($"namespaces \"{ns}\" not found", gone.Error);
    }

    [Fact]
    public async Task Reapply_scale_watch_rollout_history_and_undo()
    {
        var ns = Namespace();
        await ApplyAsync(Manifest(ns));
        await Kubectl.Ok($"rollout status deployment/web -n {ns} --timeout=120s", seconds: 150);

        // An edited manifest: only what changed is configured.
        var reapplied = (await ApplyAsync(Manifest(ns, greeting: "bonjour", replicas: 3, version: "2"))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [$"namespace/{ns} unchanged", "configmap/web-config configured", "deployment.apps/web configured", "service/web unchanged", "replicationcontroller/worker unchanged"],
            reapplied);
        Assert.Contains("successfully rolled out", await Kubectl.Ok($"rollout status deployment/web -n {ns} --timeout=120s", seconds: 150));
        var deployment = JsonNode.Parse(await Kubectl.Ok($"get deploy web -n {ns} -o json"))!;
        Assert.Equal(3, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("2", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "VERSION")!["value"]!.GetValue<string>());

        // scale, seen live by get -w.
        using (var watch = Kubectl.Stream($"get pods -n {ns} -l app=web -w"))
        {
            await watch.WaitFor(lines => lines.Count(l => l.Contains("Running")) >= 3, "the three running replicas listed");
            Assert.Contains("deployment.apps/web scaled", await Kubectl.Ok($"scale deployment web -n {ns} --replicas=4"));
            var known = watch.Lines.Where(l => l.StartsWith("web-")).Select(l => l.Split(' ')[0]).ToHashSet();
            await watch.WaitFor(lines => lines.Where(l => l.StartsWith("web-")).Select(l => l.Split(' ')[0]).Distinct().Count() > known.Count,
                "a new replica appearing in the watch");
        }
        await Kubectl.Ok($"rollout status deployment/web -n {ns} --timeout=120s", seconds: 150);

        // history, then undo to the first template.
        var history = await Kubectl.Ok($"rollout history deployment/web -n {ns}");
        Assert.Matches(@"REVISION\s+CHANGE-CAUSE", history);
        Assert.Matches(@"(?m)^1\s+", history);
        Assert.Matches(@"(?m)^2\s+", history);
        var first = await ReplicaSetOfRevisionAsync(ns, "1");
        Assert.Contains("deployment.apps/web rolled back", await Kubectl.Ok($"rollout undo deployment/web -n {ns}"));
        Assert.Contains("successfully rolled out", await Kubectl.Ok($"rollout status deployment/web -n {ns} --timeout=120s", seconds: 150));
        var undone = JsonNode.Parse(await Kubectl.Ok($"get deploy web -n {ns} -o json"))!;
        Assert.Equal("1", undone["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "VERSION")!["value"]!.GetValue<string>());
        Assert.Equal("3", undone["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>());
        // As on Kubernetes, the first revision's ReplicaSet comes back as the third, rather than a new one.
        Assert.Equal(first, await ReplicaSetOfRevisionAsync(ns, "3"));

        await Kubectl.Ok($"delete namespace {ns}", seconds: 150);
    }
}

/// <summary>cordon, drain and uncordon move every pod off a node and back to scheduling: alone, because the drained
/// node's pods are every other test's pods too.</summary>
[Collection(Disruptive.Name)]
public sealed class KubectlDrainTests
{
    [Fact]
    public async Task Cordon_drain_and_uncordon_a_node()
    {
        var ns = $"kd-{Guid.NewGuid():N}"[..11];
        await Kubectl.Ok("apply -f -", $$"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {{ns}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: {{ns}}
            spec:
              replicas: 4
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: eventorch/busybox:latest
                    imagePullPolicy: IfNotPresent
                    command: ["sleep", "3600"]
            """);
        await Kubectl.Ok($"rollout status deployment/web -n {ns} --timeout=120s", seconds: 150);

        Assert.Contains("node/node-2 cordoned", await Kubectl.Ok("cordon node-2"));
        Assert.Matches(@"node-2\s+Ready,SchedulingDisabled", await Kubectl.Ok("get nodes"));
        var drained = await Kubectl.Ok("drain node-2 --ignore-daemonsets --force --grace-period=1 --timeout=120s", seconds: 150);
        Assert.Contains("node/node-2 drained", drained);
        await Kubectl.Ok($"rollout status deployment/web -n {ns} --timeout=120s", seconds: 150);
        var pods = JsonNode.Parse(await Kubectl.Ok($"get pods -n {ns} -o json"))!["items"]!.AsArray();
        Assert.All(pods, p => Assert.Equal("node-1", p!["spec"]!["nodeName"]!.GetValue<string>()));

        Assert.Contains("node/node-2 uncordoned", await Kubectl.Ok("uncordon node-2"));
        Assert.DoesNotMatch(@"node-2\s+Ready,SchedulingDisabled", await Kubectl.Ok("get nodes"));
        await Kubectl.Ok($"delete namespace {ns} --wait=false");
    }
}
