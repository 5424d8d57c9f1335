using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Quota;

/// <summary>kubectl 1.32 against the real Api: creating a quota (kubectl sends it as protobuf), listing and describing it,
/// applying a LimitRange whose defaults let a bare pod in, and what a refused create prints.</summary>
public sealed class KubectlQuotaTests(KubectlApiServer api) : IClassFixture<KubectlApiServer>
{
    private const string Limits = """
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults}
        spec:
          limits:
          - type: Container
            default: {cpu: 500m}
            defaultRequest: {cpu: 100m}
        """;

    [Fact]
    public async Task Kubectl_creates_gets_and_describes_a_quota_and_prints_its_refusals()
    {
        await api.KubectlOkAsync("create", "namespace", "kq");
        Assert.Equal("resourcequota/compute created", (await api.KubectlOkAsync("-n", "kq", "create", "quota", "compute",
            "--hard=pods=1,requests.cpu=1,limits.cpu=2")).Trim());

        var table = await api.KubectlOkAsync("-n", "kq", "get", "quota");
        Assert.Equal(["NAME      AGE   REQUEST                        LIMIT", "pods: 0/1, requests.cpu: 0/1   limits.cpu: 0/2"],
            table.Trim().Split('\n').Select((line, i) => i == 0 ? line.TrimEnd() : line[(line.IndexOf("pods", StringComparison.Ordinal))..].TrimEnd()));
        var described = await api.KubectlOkAsync("-n", "kq", "describe", "quota", "compute");
        Assert.Contains("limits.cpu    0     2", described);

        var bare = await api.KubectlAsync("-n", "kq", "run", "web", "--image=eventorch/busybox:latest");
        Assert.Equal(1, bare.ExitCode);
        Assert.Contains("Error from server (Forbidden): pods \"web\" is forbidden: failed quota: compute: must specify limits.cpu for: web; requests.cpu for: web",
            bare.Error);

        await KubectlApplyAsync(Limits);
        await api.KubectlOkAsync("-n", "kq", "run", "web", "--image=eventorch/busybox:latest");
        var second = await api.KubectlAsync("-n", "kq", "run", "web-2", "--image=eventorch/busybox:latest");
        Assert.Contains("pods \"web-2\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=1, limited: pods=1", second.Error);
        Assert.Contains("limits.cpu    500m  2", await api.KubectlOkAsync("-n", "kq", "describe", "quota", "compute"));
        // Type, resource, min, max, default request, default limit, ratio.
        Assert.Matches(@"Container\s+cpu\s+-\s+-\s+100m\s+500m\s+-", await api.KubectlOkAsync("-n", "kq", "describe", "limits", "defaults"));
    }

    private async Task KubectlApplyAsync(string yaml)
    {
        var result = await api.KubectlAsync(["-n", "kq", "apply", "-f", "-"], yaml);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
