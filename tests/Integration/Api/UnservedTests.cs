using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>What the Api does not serve is still answered with a Status kubectl can print.</summary>
public sealed class UnservedTests(ApiServer api) : IClassFixture<ApiServer>
{
    [Theory]
    [InlineData("exec")]
    [InlineData("attach")]
    [InlineData("portforward")]
    public async Task Streaming_pod_subresources_are_refused_saying_why(string subresource)
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, $"/api/v1/namespaces/default/pods/web/{subresource}?command=sh");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, code);
        Assert.Equal($"pods/{subresource} is not served by EventOrch: the Api has no streaming connection to containers (kubectl logs works; see docs/kubectl.md)", status!.Message);
    }

    [Fact]
    public async Task An_unknown_path_is_kubernetes_not_found_status()
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, "/apis/batch/v1/namespaces/default/jobs");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal(StatusReasons.NotFound, status!.Reason);
        Assert.Equal("the server could not find the requested resource", status.Message);
    }

    [Fact]
    public async Task A_method_a_served_path_does_not_take_is_kubernetes_method_not_allowed_status()
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, "/api/v1/namespaces/default/pods/web");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, code);
        Assert.Equal((StatusReasons.MethodNotAllowed, 405), (status!.Reason, status.Code));
        Assert.Equal("the server does not allow this method on the requested resource", status.Message);
    }

    [Fact]
    public async Task An_unknown_path_whose_last_segment_has_a_dot_is_kubernetes_not_found_status()
    {
        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, "/apis/batch/v1/namespaces/default/jobs/nightly.backup");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal(StatusReasons.NotFound, status!.Reason);
        Assert.Equal("the server could not find the requested resource", status.Message);
    }
}
