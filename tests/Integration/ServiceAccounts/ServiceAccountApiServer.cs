using System.Collections.Concurrent;
using EventOrch.Api.Authorization;
using EventOrch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventOrch.Tests.Integration.ServiceAccounts;

/// <summary>An Api kubectl can reach (signing ServiceAccount tokens with a key of its own, as every test Api does), whose
/// authorizer allows every request and remembers who made it (the user and groups the Api authenticated).</summary>
public sealed class ServiceAccountApiServer : KubectlApiServer
{
    public SeenRequests Seen { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IRequestAuthorizer>(Seen);

    /// <summary>Allows everything; the groups of each user's last request.</summary>
    public sealed class SeenRequests : IRequestAuthorizer
    {
        private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _groups = new(StringComparer.Ordinal);

        public IReadOnlyList<string>? GroupsOf(string user) => _groups.GetValueOrDefault(user);

        public ValueTask<Decision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken)
        {
            _groups[attributes.User] = attributes.Groups;
            return ValueTask.FromResult(Decision.Allow());
        }
    }
}
