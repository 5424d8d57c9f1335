using EventOrch.NodeAgent.Runtime;

namespace EventOrch.Tests.Integration.NodeAgent;

/// <summary>No registry is reachable from these machines: every pull fails, which is what these tests rely on.</summary>
public sealed class DockerImageTests : IAsyncLifetime
{
    private const string Missing = "eventorch/does-not-exist:1";
    private readonly DockerTestNode node = new(nameof(DockerImageTests));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Theory]
    [InlineData(PullPolicies.IfNotPresent)]
    [InlineData(PullPolicies.Always)]
    [InlineData("")] // unset: Kubernetes' default for a tagged image, IfNotPresent
    public async Task An_image_that_cannot_be_pulled_is_ErrImagePull_with_the_engine_message(string policy)
    {
        var result = await node.Runtime.EnsureImageAsync(Missing, policy, CancellationToken.None);

        Assert.False(result.Present);
        Assert.Equal(ImagePullReasons.ErrImagePull, result.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public async Task A_missing_image_with_policy_Never_is_ErrImageNeverPull()
    {
        var result = await node.Runtime.EnsureImageAsync(Missing, PullPolicies.Never, CancellationToken.None);

        Assert.Equal(new ImageResult(false, ImagePullReasons.ErrImageNeverPull,
            $"Container image \"{Missing}\" is not present with pull policy of Never"), result);
    }

    [Theory]
    [InlineData(PullPolicies.Always)] // the pull fails; the local copy is accepted
    [InlineData(PullPolicies.IfNotPresent)]
    [InlineData(PullPolicies.Never)]
    [InlineData("always")]
    public async Task A_local_image_is_present_under_every_policy(string policy)
    {
        var result = await node.Runtime.EnsureImageAsync(DockerTestNode.Image, policy, CancellationToken.None);

        Assert.Equal(ImageResult.Ok, result);
    }
}
