namespace EventOrch.Tests.Support;

/// <summary>A RabbitMQ virtual host of a test class's own, deleted when the class is done.</summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    public string Name { get; } = $"test-{Guid.NewGuid():N}"[..17];

    public static async Task<TestVirtualHost> CreateAsync()
    {
        var vhost = new TestVirtualHost();
        await Services.RabbitMqCtl("add_vhost", vhost.Name);
        await Services.RabbitMqCtl("set_permissions", "-p", vhost.Name, Services.RabbitUser, ".*", ".*", ".*");
        return vhost;
    }

    public async ValueTask DisposeAsync() => await Services.RabbitMqCtl("delete_vhost", Name);
}
