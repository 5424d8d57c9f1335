using JasperFx;
using EventOrch.Api.Admission;
using EventOrch.Api.Requests;
using EventOrch.Api.Resources;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using JasperFx.Events;
using Marten;
using EventOrch.Contracts.Validation;
using Npgsql;

namespace EventOrch.Api.Storage;

/// <summary>Every write of one kind: it validates, turns the change into events and appends them
/// to the object's stream with optimistic concurrency, so two concurrent writes never both win. Every create and update
/// passes the admission steps (<see cref="IWriteAdmission"/>: limit ranges, quotas) in its transaction.</summary>
public sealed class ObjectStore<T>(IDocumentStore store, ResourceDefinition<T> definition, TimeProvider time, IEnumerable<IWriteAdmission> admissions)
    : INamespaceContents where T : class, IKubeObject
{
    // An update without a resourceVersion applies to the latest state, as in Kubernetes: a lost
    // race is retried on fresh state this many times before it is reported as a conflict.
    private const int UnconditionalRetries = 20;
    private const string SuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private ResourceKind Kind => definition.Kind;

    public async Task<ApiResult<T>> CreateAsync(string @namespace, T input, WriteContext context, CancellationToken cancellationToken)
    {
        var meta = input.Metadata;
        var name = string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName)
            ? meta.GenerateName + RandomSuffix()
            : meta.Name ?? "";
        if (Kind.Namespaced && meta.Namespace is { Length: > 0 } bodyNamespace && bodyNamespace != @namespace)
            return ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request", "metadata.namespace");

        var uid = Guid.NewGuid();
        var now = time.GetUtcNow();
        var obj = definition.PrepareForCreate(definition.WithMetadata(input, meta with
        {
            Name = name,
            Namespace = Kind.Namespaced ? @namespace : null,
            Uid = uid.ToString(),
            CreationTimestamp = now.ToWholeSeconds(),
            ResourceVersion = null,
            Generation = null,
            DeletionTimestamp = null,
            DeletionGracePeriodSeconds = null,
        }));
        // Admission names the object as its request did: a generateName prefix before the suffix is chosen, as Kubernetes.
        var admittedName = string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName) ? meta.GenerateName : name;
        var mutated = await MutateAsync(@namespace, admittedName, obj, context, cancellationToken);
        if (!mutated.IsSuccess) return mutated.Error!;
        // What admission completed gets the kind's defaults again (a pod's QoS class follows its new requests).
        if (!ReferenceEquals(mutated.Value, obj)) obj = definition.PrepareForCreate(mutated.Value!);
        var errors = definition.ValidateCreate(obj);
        if (errors.Count > 0) return ApiErrors.Invalid(Kind, name, errors);

        for (var attempt = 0; ; attempt++)
        {
            await using var session = OpenSession(context);
            if (Kind.Namespaced)
            {
                var ns = await ObjectQueries<Namespace>.FindAsync(session, "", @namespace, cancellationToken);
                if (ns is null) return ApiErrors.NotFound(ResourceKind.Namespace, @namespace);
                if (ns.Object.Metadata.DeletionTimestamp is not null) return ApiErrors.NamespaceTerminating(Kind, name, @namespace);
            }
            var prepared = await definition.BeforeWriteAsync(session, null, obj, cancellationToken);
            if (!prepared.IsSuccess) return prepared.Error!;
            var admitted = await ValidateAdmissionAsync(session, new AdmissionAttempt(Kind, @namespace, admittedName, null, prepared.Value!, context.DryRun,
                context.User, context.Groups ?? []), cancellationToken);
            if (admitted.Refusal is { } refused) return refused;

            var action = session.Events.StartStream<ObjectRecord<T>>(uid, definition.Created(prepared.Value!));
            // A dry run answers what would have been stored: no resourceVersion, as nothing was.
            if (context.DryRun) return definition.Open(WithoutVersion(LastState(null, Positioned(action.Events))!, null));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (IsUniqueViolation(ex))
            {
                if (IsNameTaken(ex)) return ApiErrors.AlreadyExists(Kind, name);
                // Another write took what BeforeWriteAsync chose (a node port, say): choose again on fresh state.
                if (attempt < UnconditionalRetries) continue;
                return ApiErrors.Conflict(Kind, name, $"concurrent writes kept taking what it claims beside its name " +
                    $"({ClashedOn(ex)}); please try again");
            }
            catch (Exception ex) when (admitted.Charged && IsConcurrencyConflict(ex))
            {
                // Another write charged the same quota first: admit again on its usage.
                if (attempt < UnconditionalRetries) continue;
                return ApiErrors.Conflict(Kind, name, "concurrent writes kept changing the quota it is charged to; please try again");
            }
            return definition.Open(LastState(null, Positioned(action.Events))!);
        }
    }

    /// <summary>PUT of the main resource: metadata and mutable spec; the status is kept.</summary>
    public Task<ApiResult<T>> ReplaceAsync(string @namespace, string name, T input, WriteContext context, CancellationToken cancellationToken) =>
        UpdateAsync(@namespace, name, context, _ => input, statusOnly: false, cancellationToken);

    /// <summary>A read-modify-write: <paramref name="mutate"/> turns the stored object into the proposed one
    /// (a PUT body, or the stored object with a patch applied); the warnings it gives come back with the answer.</summary>
    public Task<ApiResult<T>> UpdateAsync(string @namespace, string name, WriteContext context,
        Func<T, ApiResult<T>> mutate, bool statusOnly, CancellationToken cancellationToken) =>
        ChangeAsync(@namespace, name, context, async (old, session) =>
        {
            var proposed = mutate(old);
            if (!proposed.IsSuccess) return Failed(proposed.Error!);
            var input = proposed.Value!;
            var precondition = input.Metadata.ResourceVersion;
            if (!string.IsNullOrEmpty(precondition) && precondition != old.Metadata.ResourceVersion)
                return Failed(ApiErrors.StaleResourceVersion(Kind, name));
            if (input.Metadata.Name is { Length: > 0 } bodyName && bodyName != name)
                return Failed(ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})", "metadata.name"));
            if (Kind.Namespaced && input.Metadata.Namespace is { Length: > 0 } bodyNamespace && bodyNamespace != @namespace)
                return Failed(ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request", "metadata.namespace"));

            var updated = definition.WithMetadata(input, input.Metadata with
            {
                Name = name,
                Namespace = old.Metadata.Namespace,
                Uid = string.IsNullOrEmpty(input.Metadata.Uid) ? old.Metadata.Uid : input.Metadata.Uid,
                CreationTimestamp = input.Metadata.CreationTimestamp ?? old.Metadata.CreationTimestamp,
                ResourceVersion = old.Metadata.ResourceVersion,
                Generation = old.Metadata.Generation,
                DeletionTimestamp = old.Metadata.DeletionTimestamp,
                DeletionGracePeriodSeconds = old.Metadata.DeletionGracePeriodSeconds,
            });

            if (statusOnly)
            {
                IReadOnlyList<FieldError> statusErrors = [.. ObjectMetaValidation.ValidateStatusUpdate(updated.Metadata, old.Metadata), .. definition.ValidateStatus(updated)];
                if (statusErrors.Count > 0) return Failed(ApiErrors.Invalid(Kind, name, statusErrors));
                return new Change(definition.StatusChanged(old, updated) is { } statusChanged ? [statusChanged] : [], !string.IsNullOrEmpty(precondition), proposed.Warnings);
            }
            updated = definition.PrepareForUpdate(old, updated);
            var errors = definition.ValidateUpdate(old, updated);
            if (errors.Count > 0) return Failed(ApiErrors.Invalid(Kind, name, errors));
            var prepared = await definition.BeforeWriteAsync(session, old, updated, cancellationToken);
            if (!prepared.IsSuccess) return Failed(prepared.Error!);
            updated = prepared.Value!;
            var admitted = await ValidateAdmissionAsync(session, new AdmissionAttempt(Kind, @namespace, name, old, updated, context.DryRun,
                context.User, context.Groups ?? []), cancellationToken);
            if (admitted.Refusal is { } refused) return Failed(refused);
            return new Change(definition.Changes(old, updated), Conditional: !string.IsNullOrEmpty(precondition), proposed.Warnings, admitted.Charged);
        }, cancellationToken);

    /// <summary>Appends what <paramref name="decide"/> makes of the stored object (a binding, or a namespace's finalize;
    /// null when nothing changes), retried on fresh state when another write lands first.</summary>
    public Task<ApiResult<T>> AppendAsync(string @namespace, string name, WriteContext context,
        Func<T, ApiResult<IObjectEvent?>> decide, CancellationToken cancellationToken) =>
        ChangeAsync(@namespace, name, context, (old, _) =>
        {
            var decided = decide(old);
            return Task.FromResult(decided.IsSuccess
                ? new ApiResult<Change>(new Change(decided.Value is { } e ? [e] : [], Conditional: false), null)
                : new ApiResult<Change>(null, decided.Error));
        }, cancellationToken);

    /// <summary>Deletes the object, or starts its graceful termination; an object with finalizers (its own, or the one
    /// the propagation policy adds), or one its kind holds back (a namespace with spec.finalizers), is only marked as
    /// being deleted, with a deletionTimestamp, until an update takes the last hold away. The answer is its last state.</summary>
    public Task<ApiResult<T>> DeleteAsync(string @namespace, string name, DeleteOptions? options,
        WriteContext context, CancellationToken cancellationToken) =>
        ChangeAsync(@namespace, name, context, async (old, session) =>
        {
            if (options?.Uid is { Length: > 0 } uid && uid != old.Metadata.Uid)
                return Failed(ApiErrors.Conflict(Kind, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {old.Metadata.Uid}"));
            if (options?.ResourceVersion is { Length: > 0 } rv && rv != old.Metadata.ResourceVersion)
                return Failed(ApiErrors.Conflict(Kind, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {old.Metadata.ResourceVersion}"));
            if (definition.RefuseDelete(old) is { } forbidden) return Failed(forbidden);
            var now = time.GetUtcNow();
            var conditional = options?.ResourceVersion is { Length: > 0 };
            var requested = definition.DeleteRequested(old, options?.GracePeriodSeconds, now);
            if (requested is null) return new Change([], false);
            if (requested.GetType() != definition.Deleted(old).GetType()) return new Change([requested], conditional);

            var finalizers = definition.DeletionFinalizers(old, options?.PropagationPolicy);
            if (finalizers.Count > 0 || !definition.MayGo(old))
            {
                // Already waiting for its finalizers: a second delete changes nothing.
                if (IsWaitingForFinalizers(old.Metadata)) return new Change([], false);
                var marked = definition.WithMetadata(old, old.Metadata with
                {
                    DeletionTimestamp = now.ToWholeSeconds(),
                    DeletionGracePeriodSeconds = 0,
                    Finalizers = finalizers,
                });
                return new Change(definition.Changes(old, marked), conditional);
            }
            if (await definition.BeforeDeleteAsync(session, old, cancellationToken) is { } refused) return Failed(refused);
            return new Change([requested], conditional);
        }, cancellationToken);

    /// <summary>What a write appends, whether it was conditional on a resourceVersion (a lost race is then
    /// a conflict, not a retry, unless the race was on a quota it charged: the decision checks the precondition again),
    /// and the warnings its answer carries.</summary>
    private sealed record Change(IReadOnlyList<IObjectEvent> Events, bool Conditional, IReadOnlyList<string>? Warnings = null, bool Charged = false);

    private async Task<ApiResult<T>> MutateAsync(string @namespace, string name, T obj, WriteContext context, CancellationToken cancellationToken)
    {
        var mutating = admissions.Where(a => a.Mutates(Kind)).ToList();
        if (mutating.Count == 0) return obj;
        await using var session = store.QuerySession();
        IKubeObject current = obj;
        foreach (var admission in mutating)
        {
            var mutated = await admission.MutateAsync(session, new AdmissionAttempt(Kind, @namespace, name, null, current, context.DryRun,
                context.User, context.Groups ?? []), cancellationToken);
            if (!mutated.IsSuccess) return mutated.Error!;
            current = mutated.Value!;
        }
        return (T)current;
    }

    private async Task<AdmissionVerdict> ValidateAdmissionAsync(IDocumentSession session, AdmissionAttempt attempt, CancellationToken cancellationToken)
    {
        var charged = false;
        foreach (var admission in admissions)
        {
            var verdict = await admission.ValidateAsync(session, attempt, cancellationToken);
            if (verdict.Refusal is not null) return verdict;
            charged |= verdict.Charged;
        }
        return new AdmissionVerdict(null, charged);
    }

    private static ApiResult<Change> Failed(Status status) => new(null, status);

    // Deletion has begun and nothing but finalizers holds the object back (a pod still terminating has a grace period).
    private static bool IsWaitingForFinalizers(ObjectMeta meta) => meta.DeletionTimestamp is not null && meta.DeletionGracePeriodSeconds == 0;

    // Deletion has begun and nothing holds the object back any more: no finalizer, nothing the kind waits for.
    private bool IsReleased(T obj) =>
        IsWaitingForFinalizers(obj.Metadata) && obj.Metadata.Finalizers is not { Count: > 0 } && definition.MayGo(obj);

    // A write that takes away the last hold on an object being deleted (its last finalizer, say) removes it in the
    // same transaction, with what the kind removes beside it.
    private async Task<ApiResult<Change>> WithRemovalAsync(T old, Change change, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (change.Events.Count == 0 || IsReleased(old)) return change;
        // A change that deletes is a DELETE's own delete alone: the state before it is old, which is not released.
        var after = LastState(old, change.Events.Select(e => (e, default(EventPosition))))!;
        if (!IsReleased(after)) return change;
        if (await definition.BeforeDeleteAsync(session, after, cancellationToken) is { } refused) return Failed(refused);
        return change with { Events = [.. change.Events, definition.Deleted(after)] };
    }

    // Read the object, decide, append with the stream version read as the expected one; a concurrent write
    // makes the append fail, and the decision is taken again on fresh state unless it was conditional. The answer is
    // the object's last state before any delete among the events.
    private async Task<ApiResult<T>> ChangeAsync(string @namespace, string name, WriteContext context,
        Func<T, IDocumentSession, Task<ApiResult<Change>>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = OpenSession(context);
            var record = await ObjectQueries<T>.FindAsync(session, @namespace, name, cancellationToken);
            if (record is null) return ApiErrors.NotFound(Kind, name);
            var opened = definition.Open(record.Object);
            if (!opened.IsSuccess) return opened.Error!;
            var current = opened.Value!;
            var decided = await decide(current, session);
            if (decided.IsSuccess) decided = await WithRemovalAsync(current, decided.Value!, session, cancellationToken);
            if (!decided.IsSuccess) return decided.Error!;
            var change = decided.Value!;
            if (change.Events.Count == 0) return new ApiResult<T>(current, null, change.Warnings);

            var action = session.Events.Append(record.Id, record.Version + change.Events.Count, change.Events);
            if (context.DryRun)
                return definition.Open(WithoutVersion(LastState(current, Positioned(action.Events))!, current.Metadata.ResourceVersion)) with { Warnings = change.Warnings };
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (IsConcurrencyConflict(ex))
            {
                if ((!change.Conditional || change.Charged) && attempt < UnconditionalRetries) continue;
                return ApiErrors.StaleResourceVersion(Kind, name);
            }
            return definition.Open(LastState(current, Positioned(action.Events))!) with { Warnings = change.Warnings };
        }
    }

    public async Task AppendDeletesAsync(IDocumentSession session, string @namespace, CancellationToken cancellationToken)
    {
        var records = await NamespaceRecords.ReadAsync<T>(session, @namespace, cancellationToken);
        foreach (var record in records)
        {
            // What a kind keeps beside its objects (a Service's node ports) goes with them; the namespace is going, so
            // nothing is refused.
            await definition.BeforeDeleteAsync(session, record.Object, cancellationToken);
            session.Events.Append(record.Id, record.Version + 1, definition.Deleted(record.Object));
        }
    }

    // The state a dry run computed carries no sequence of its own: keep the stored object's resourceVersion.
    private T WithoutVersion(T obj, string? resourceVersion) =>
        definition.WithMetadata(obj, obj.Metadata with { ResourceVersion = resourceVersion });

    private IDocumentSession OpenSession(WriteContext context)
    {
        var session = store.LightweightSession();
        session.CorrelationId = context.RequestId;
        session.CausationId = context.CausationId;
        session.LastModifiedBy = context.User;
        if (context.Reason is { } reason) session.SetHeader(WriteContext.ReasonHeader, reason);
        return session;
    }

    // The state after the events, up to (not including) a delete among them: the one fold of what a write appends.
    private T? LastState(T? current, IEnumerable<(IObjectEvent Event, EventPosition Position)> events)
    {
        foreach (var (e, position) in events)
        {
            if (definition.Evolver.Apply(current, e, position) is not { } next) break;
            current = next;
        }
        return current;
    }

    private static IEnumerable<(IObjectEvent, EventPosition)> Positioned(IEnumerable<IEvent> events) =>
        events.Select(e => ((IObjectEvent)e.Data, new EventPosition(e.Sequence, e.Version, e.Timestamp)));

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = SuffixAlphabet[Random.Shared.Next(SuffixAlphabet.Length)];
        });

    // Marten reports a document insert that hit an existing id (a node port claim another write took) as
    // DocumentAlreadyExistsException, without the PostgresException inside.
    private static bool IsUniqueViolation(Exception ex) =>
        ex is ExistingStreamIdCollisionException || Inner<DocumentAlreadyExistsException>(ex) is not null
        || Inner<PostgresException>(ex) is { SqlState: PostgresErrorCodes.UniqueViolation };

    // The object's own key (namespace/name) is taken, rather than something it claims beside it.
    private bool IsNameTaken(Exception ex) =>
        ex is ExistingStreamIdCollisionException || Inner<PostgresException>(ex)?.ConstraintName == $"uix_{Kind.Plural}_key";

    private static string ClashedOn(Exception ex) =>
        Inner<PostgresException>(ex)?.TableName ?? Inner<DocumentAlreadyExistsException>(ex)?.DocType.Name ?? "a unique key";

    private static bool IsConcurrencyConflict(Exception ex) =>
        ex is EventStreamUnexpectedMaxEventIdException
        || Inner<EventStreamUnexpectedMaxEventIdException>(ex) is not null
        || Inner<PostgresException>(ex) is { SqlState: PostgresErrorCodes.UniqueViolation };

    private static TException? Inner<TException>(Exception? ex) where TException : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is TException match) return match;
            if (ex is AggregateException aggregate && aggregate.InnerExceptions.Select(Inner<TException>).FirstOrDefault(e => e is not null) is { } found)
                return found;
        }
        return null;
    }
}
