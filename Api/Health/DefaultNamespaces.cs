using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Health;

/// <summary>Creates the "default" namespace at start when it does not exist yet.</summary>
public sealed partial class DefaultNamespaces(ObjectStore<Namespace> namespaces, ObjectQueries<Namespace> queries, ILogger<DefaultNamespaces> logger)
    : IHostedService
{
    public const string SystemUser = "system:apiserver";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "default" })
        {
            if ((await queries.GetAsync("", name, cancellationToken)).IsSuccess) continue;
            var result = await namespaces.CreateAsync("", new Namespace { Metadata = new ObjectMeta { Name = name } },
                new WriteContext(SystemUser, Guid.NewGuid().ToString(), null), cancellationToken);
            if (result.IsSuccess) LogCreated(name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Created namespace {Name}")]
    private partial void LogCreated(string name);
}
