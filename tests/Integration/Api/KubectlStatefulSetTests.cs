using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>kubectl 1.32 against the real Api with a StatefulSet: apply, get (NAME READY AGE, wide CONTAINERS IMAGES),
/// scale, and a re-apply that changes a field Kubernetes keeps fixed, refused with Kubernetes' message.</summary>
public sealed class KubectlStatefulSetTests(KubectlApiServer api) : IClassFixture<KubectlApiServer>
{
    private const string Web = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web}
        spec:
          serviceName: web
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: httpd
                image: eventorch/busybox:latest
                volumeMounts: [{name: www, mountPath: /www}]
          volumeClaimTemplates:
          - metadata: {name: www}
            spec:
              accessModes: [ReadWriteOnce]
              storageClassName: local
              resources: {requests: {storage: 1Gi}}
        """;

    private async Task<KubectlProcess.Result> ApplyAsync(string yaml) => await api.KubectlAsync(["-n", "kst", "apply", "-f", "-"], yaml);

    [Fact]
    public async Task Kubectl_applies_gets_and_scales_a_statefulset_and_prints_the_refusal_of_an_immutable_change()
    {
        await api.KubectlOkAsync("create", "namespace", "kst");

        var applied = await ApplyAsync(Web);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("statefulset.apps/web created", applied.Output.Trim());

        var table = (await api.KubectlOkAsync("-n", "kst", "get", "sts")).Trim().Split('\n');
        Assert.Equal(["NAME", "READY", "AGE"], table[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["web", "0/2"], table[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2]);
        var wide = (await api.KubectlOkAsync("-n", "kst", "get", "statefulsets", "-o", "wide")).Trim().Split('\n');
        Assert.Equal(["NAME", "READY", "AGE", "CONTAINERS", "IMAGES"], wide[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["httpd", "eventorch/busybox:latest"], wide[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2..]);

        Assert.Equal("statefulset.apps/web scaled", (await api.KubectlOkAsync("-n", "kst", "scale", "sts", "web", "--replicas=3")).Trim());
        Assert.Equal("3", await api.KubectlOkAsync("-n", "kst", "get", "sts", "web", "-o", "jsonpath={.spec.replicas}"));

        var refused = await ApplyAsync(Web.Replace("serviceName: web", "serviceName: other", StringComparison.Ordinal));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', " +
            "'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", refused.Error);
        Assert.Equal("web", await api.KubectlOkAsync("-n", "kst", "get", "sts", "web", "-o", "jsonpath={.spec.serviceName}"));
    }
}
