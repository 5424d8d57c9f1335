using System.Collections.Concurrent;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Webhooks.Delivery;

/// <summary>The keys deliveries are signed with, read from their Secrets through the Api's own reads (which open them)
/// and kept for Webhooks:SecretCacheTtl, so a busy subscription does not read its Secret per delivery and a changed key
/// is used within that time.</summary>
public sealed class SigningKeys(ObjectQueries<Secret> secrets, IOptions<WebhookOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Namespace, string Name, string Key), (DateTimeOffset ReadAt, SigningKey Key)> _cache = new();

    /// <summary>The key, or why there is none (a missing Secret or key, an empty value).</summary>
    public async Task<SigningKey> GetAsync(WebhookSecretReference reference, CancellationToken cancellationToken)
    {
        var name = (reference.Namespace, reference.Name, reference.Key ?? WebhookConditions.DefaultSecretKey);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(name, out var cached) && now - cached.ReadAt < options.Value.SecretCacheTtl) return cached.Key;
        var key = await ReadAsync(name, cancellationToken);
        _cache[name] = (now, key);
        return key;
    }

    private async Task<SigningKey> ReadAsync((string Namespace, string Name, string Key) name, CancellationToken cancellationToken)
    {
        var secret = await secrets.GetAsync(name.Namespace, name.Name, cancellationToken);
        var where = $"secret {name.Namespace}/{name.Name}";
        if (!secret.IsSuccess) return new SigningKey(null, secret.Error!.Code == 404 ? $"{where} not found" : $"{where} cannot be read: {secret.Error.Message}");
        if (secret.Value!.Data?.GetValueOrDefault(name.Key) is not { } value) return new SigningKey(null, $"{where} has no key \"{name.Key}\"");
        return value.Length == 0 ? new SigningKey(null, $"{where} has an empty \"{name.Key}\"") : new SigningKey(value, null);
    }
}

/// <summary>A signing key, or why it could not be read.</summary>
public sealed record SigningKey(byte[]? Value, string? Error);
