using Marten;

namespace EventOrch.Api.Replays;

/// <summary>The table a replayed projection's rows are kept in: how a replay makes it in its schema, writes rows into
/// it, and reads it (the live one or the rebuilt one) for the comparison.</summary>
public interface IReplayedTable
{
    /// <summary>The table's name without its schema (<c>mt_doc_pods</c>), as a store configured with
    /// <paramref name="options"/> names it.</summary>
    string Name(IReadOnlyStoreOptions options);

    /// <summary>Makes the table in <paramref name="replay"/>'s schema.</summary>
    Task CreateAsync(ReplaySchema replay, CancellationToken cancellationToken);

    /// <summary>Writes rows the projection's rebuild made into <paramref name="replay"/>'s table.</summary>
    Task WriteAsync(ReplaySchema replay, IReadOnlyList<object> rows, CancellationToken cancellationToken);

    /// <summary>The query that reads the table of the store configured with <paramref name="options"/> as (id, JSON
    /// text) rows, in the order <see cref="RowIds"/> compares ids in; the same value prints as the same text.</summary>
    string SelectRows(IReadOnlyStoreOptions options);

    /// <summary>A live row as the current code reads it, for a row that differs from its rebuilt twin as stored: a row
    /// written by an older build may carry members the model no longer has, which no reader sees and are no
    /// difference. Null when the stored text is what is read.</summary>
    Func<string, string>? AsRead(IReadOnlyStoreOptions options) => null;
}

/// <summary>A Marten document table: made by the replay's store, written with its bulk insert (PostgreSQL COPY), read
/// as the jsonb of each document.</summary>
public sealed class DocumentTable(Type documentType) : IReplayedTable
{
    public string Name(IReadOnlyStoreOptions options) => options.FindOrResolveDocumentType(documentType).TableName.Name;

    public Task CreateAsync(ReplaySchema replay, CancellationToken cancellationToken) => replay.EnsureDocumentTableAsync(documentType, cancellationToken);

    public Task WriteAsync(ReplaySchema replay, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        replay.BulkInsertAsync(rows, cancellationToken);

    public string SelectRows(IReadOnlyStoreOptions options)
    {
        var mapping = options.FindOrResolveDocumentType(documentType);
        // Text ids sort by code point, as RowIds compares them.
        var order = mapping.IdType == typeof(string) ? "id collate \"C\"" : "id";
        return $"select id, data::text from {mapping.TableName.QualifiedName} order by {order}";
    }

    // Through the document type and back with the store's own serializer.
    public Func<string, string>? AsRead(IReadOnlyStoreOptions options)
    {
        var serializer = ((StoreOptions)options).Serializer();
        return json =>
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            return serializer.ToJson(serializer.FromJson(documentType, stream));
        };
    }
}
