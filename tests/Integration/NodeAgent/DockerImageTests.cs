using EventOrch.NodeAgent.Runtime;

namespace EventOrch.Tests.Integration.NodeAgent;

/// <summary>Pulls go only to a registry address on loopback where nothing listens, so the engine's own failure is
/// seen without any traffic leaving the machine; the test node itself has pulling turned off.</summary>
public sealed class DockerImageTests : IAsyncLifetime
{
    private const string Missing = "eventorch/does-not-exist:1";
    private const string Unpullable = "127.0.0.1:5999/eventorch/does-not-exist:1";
    private readonly DockerTestNode node = new(nameof(DockerImageTests));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Theory]
    [InlineData(PullPolicies.IfNotPresent)]
    [InlineData(PullPolicies.Always)]
    [InlineData("")] // unset: Kubernetes' default for a tagged image, IfNotPresent
    public async Task An_image_that_cannot_be_pulled_is_ErrImagePull_with_the_engine_message(string policy)
    {
        var pulling = new DockerRuntime(Microsoft.Extensions.Options.Options.Create(new DockerRuntimeOptions { PullTimeout = TimeSpan.FromSeconds(20) }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DockerRuntime>.Instance);

        var result = await pulling.EnsureImageAsync(Unpullable, policy, CancellationToken.None);

        Assert.False(result.Present);
        Assert.Equal(ImagePullReasons.ErrImagePull, result.Reason);
        Assert.Contains("127.0.0.1:5999", result.Message);
    }

    [Fact]
    public async Task With_pulling_turned_off_a_missing_image_is_ErrImagePull_at_once()
    {
        var result = await node.Runtime.EnsureImageAsync(Missing, PullPolicies.IfNotPresent, CancellationToken.None);

        Assert.Equal(ImagePullReasons.ErrImagePull, result.Reason);
        Assert.Contains("pulling images is turned off", result.Message);
    }

    [Fact]
    public async Task A_missing_image_with_policy_Never_is_ErrImageNeverPull()
    {
        var result = await node.Runtime.EnsureImageAsync(Missing, PullPolicies.Never, CancellationToken.None);

        Assert.Equal(new ImageResult(false, ImagePullReasons.ErrImageNeverPull,
            $"Container image \"{Missing}\" is not present with pull policy of Never"), result);
    }

    [Theory]
    [InlineData(PullPolicies.Always)] // no pull: the local copy is used
    [InlineData(PullPolicies.IfNotPresent)]
    [InlineData(PullPolicies.Never)]
    [InlineData("always")]
    public async Task A_local_image_is_present_under_every_policy(string policy)
    {
        var result = await node.Runtime.EnsureImageAsync(DockerTestNode.Image, policy, CancellationToken.None);

        Assert.Equal(ImageResult.Ok, result);
    }
}
