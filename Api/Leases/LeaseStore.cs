using System.Text.Json;
using EventOrch.Api.Requests;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;
using EventOrch.Contracts.Validation;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventOrch.Api.Leases;

/// <summary>Leases in a plain PostgreSQL table beside the event store: renewing a lease every few seconds
/// must not grow the event log. Each write takes a new revision from a sequence; an update that names a
/// stale resourceVersion is a conflict, as for every other kind.</summary>
public sealed class LeaseStore(NpgsqlDataSource db, IOptions<EventStoreOptions> options, TimeProvider time)
{
    private static readonly ResourceKind Kind = ResourceKind.Lease;
    private readonly NpgsqlDataSource _db = db;
    private readonly string _table = $"{options.Value.Schema}.eo_leases";
    private readonly string _revisions = $"{options.Value.Schema}.eo_lease_revisions";

    public async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var command = _db.CreateCommand($"""
            create schema if not exists {options.Value.Schema};
            create sequence if not exists {_revisions};
            create table if not exists {_table} (
                namespace text not null, name text not null, revision bigint not null, data jsonb not null,
                primary key (namespace, name));
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ApiResult<Lease>> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var command = _db.CreateCommand($"select data, revision from {_table} where namespace = $1 and name = $2");
        command.Parameters.Add(new() { Value = @namespace });
        command.Parameters.Add(new() { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : ApiErrors.NotFound(Kind, name);
    }

    public async Task<ObjectList<Lease>> ListAsync(string? @namespace, CancellationToken cancellationToken)
    {
        await using var command = _db.CreateCommand(
            $"select data, revision from {_table} where $1::text is null or namespace = $1 order by namespace, name");
        command.Parameters.Add(new() { Value = (object?)@namespace ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<Lease>();
        long newest = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var lease = Read(reader);
            newest = Math.Max(newest, reader.GetInt64(1));
            items.Add(lease);
        }
        return new ObjectList<Lease>
        {
            ApiVersion = Kind.ApiVersion,
            Kind = Kind.ListKind,
            Metadata = new ListMeta { ResourceVersion = newest.ToString() },
            Items = items,
        };
    }

    public async Task<ApiResult<Lease>> CreateAsync(string @namespace, Lease lease, CancellationToken cancellationToken)
    {
        var name = lease.Metadata.Name ?? "";
        lease = lease with
        {
            Metadata = lease.Metadata with
            {
                Namespace = @namespace,
                Uid = Guid.NewGuid().ToString(),
                CreationTimestamp = time.GetUtcNow().ToWholeSeconds(),
                ResourceVersion = null,
            },
        };
        var errors = Validate(lease, create: true);
        if (errors.Count > 0) return ApiErrors.Invalid(Kind, name, errors);

        await using var command = _db.CreateCommand($"""
            insert into {_table} (namespace, name, revision, data) values ($1, $2, nextval('{_revisions}'), $3)
            on conflict do nothing returning revision
            """);
        AddKeyAndData(command, @namespace, name, lease);
        var revision = await command.ExecuteScalarAsync(cancellationToken);
        return revision is long r ? WithRevision(lease, r) : ApiErrors.AlreadyExists(Kind, name);
    }

    /// <summary>Replaces a lease; with a resourceVersion in the body, only if it is still the stored one.</summary>
    public async Task<ApiResult<Lease>> ReplaceAsync(string @namespace, string name, Lease lease, CancellationToken cancellationToken)
    {
        var current = await GetAsync(@namespace, name, cancellationToken);
        if (!current.IsSuccess) return current;
        var old = current.Value!;
        if (lease.Metadata.Name is { Length: > 0 } bodyName && bodyName != name)
            return ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})", "metadata.name");
        var precondition = lease.Metadata.ResourceVersion;
        lease = lease with { Metadata = lease.Metadata with { Name = name, Namespace = @namespace, Uid = old.Metadata.Uid, CreationTimestamp = old.Metadata.CreationTimestamp } };
        var errors = Validate(lease, create: false);
        if (errors.Count > 0) return ApiErrors.Invalid(Kind, name, errors);

        await using var command = _db.CreateCommand($"""
            update {_table} set data = $3, revision = nextval('{_revisions}')
            where namespace = $1 and name = $2 and ($4::bigint is null or revision = $4) returning revision
            """);
        AddKeyAndData(command, @namespace, name, lease);
        command.Parameters.Add(new()
        {
            Value = long.TryParse(precondition, out var expected) ? expected : DBNull.Value,
            NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint,
        });
        var revision = await command.ExecuteScalarAsync(cancellationToken);
        return revision is long r ? WithRevision(lease, r) : ApiErrors.StaleResourceVersion(Kind, name);
    }

    /// <summary>Changes a lease by <paramref name="change"/> applied to the stored one: a patch. Unless the change names
    /// a resourceVersion of its own, a concurrent write between the read and the write makes it read and try again,
    /// as Kubernetes retries a patch.</summary>
    public async Task<ApiResult<Lease>> PatchAsync(string @namespace, string name, Func<Lease, ApiResult<Lease>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(@namespace, name, cancellationToken);
            if (!current.IsSuccess) return current;
            var changed = change(current.Value!);
            if (!changed.IsSuccess) return changed;
            var explicitVersion = changed.Value!.Metadata.ResourceVersion is not null;
            var proposed = explicitVersion ? changed.Value : changed.Value with
            {
                Metadata = changed.Value.Metadata with { ResourceVersion = current.Value!.Metadata.ResourceVersion },
            };
            var written = await ReplaceAsync(@namespace, name, proposed, cancellationToken);
            if (written.IsSuccess || explicitVersion || written.Error!.Code != 409 || attempt == MaxPatchAttempts)
                return written with { Warnings = changed.Warnings };
        }
    }

    private const int MaxPatchAttempts = 5;

    public async Task<ApiResult<Lease>> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var command = _db.CreateCommand($"delete from {_table} where namespace = $1 and name = $2 returning data, revision");
        command.Parameters.Add(new() { Value = @namespace });
        command.Parameters.Add(new() { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : ApiErrors.NotFound(Kind, name);
    }

    private static IReadOnlyList<FieldError> Validate(Lease lease, bool create)
    {
        var errors = new List<FieldError>();
        if (create) errors.AddRange(ObjectMetaValidation.ValidateCreate(lease.Metadata, requiresNamespace: true, NameValidation.NameIsDnsSubdomain));
        if (lease.Spec.LeaseDurationSeconds is <= 0)
            errors.Add(FieldError.Invalid("spec.leaseDurationSeconds", lease.Spec.LeaseDurationSeconds.Value, "must be greater than 0"));
        if (lease.Spec.LeaseTransitions is < 0)
            errors.Add(FieldError.Invalid("spec.leaseTransitions", lease.Spec.LeaseTransitions.Value, "must be greater than or equal to 0"));
        return errors;
    }

    private static void AddKeyAndData(NpgsqlCommand command, string @namespace, string name, Lease lease)
    {
        command.Parameters.Add(new() { Value = @namespace });
        command.Parameters.Add(new() { Value = name });
        var stored = lease with { Metadata = lease.Metadata with { ResourceVersion = null } };
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(stored, KubeJson.Options), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
    }

    private static Lease Read(NpgsqlDataReader reader) =>
        WithRevision(JsonSerializer.Deserialize<Lease>(reader.GetString(0), KubeJson.Options)!, reader.GetInt64(1));

    private static Lease WithRevision(Lease lease, long revision) =>
        lease with { Metadata = lease.Metadata with { ResourceVersion = revision.ToString() } };
}
