using EventOrch.Api.Requests;
using EventOrch.Api.Tables.Printers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;

namespace EventOrch.Api.Tables;

/// <summary>Turns objects into a meta.k8s.io Table with their kind's printer, and reads from a request whether it
/// wants one (<c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>, the first acceptable entry winning).
/// Get and list answers go through <see cref="TableOutputFilter"/>; a watch converts each event's object itself.</summary>
public sealed class TableConvertor(IEnumerable<ITablePrinter> printers, TimeProvider time)
{
    private readonly Dictionary<(string Group, string Kind), ITablePrinter> _printers =
        printers.GroupBy(p => (p.Group, p.Kind)).ToDictionary(g => g.Key, g => g.Last());

    private const string MetaGroup = "meta.k8s.io";

    /// <summary>Whether the request asks for a Table it can have.</summary>
    public bool Wants(HttpRequest request) => Negotiate(request) is { IsSuccess: true, Value: not null };

    /// <summary>Table options when the request prefers a Table, null when it prefers the object itself, or a Status
    /// (406 when it accepts nothing served; 400 for a bad includeObject).</summary>
    public ApiResult<TableOptions?> Negotiate(HttpRequest request)
    {
        var ranges = AcceptHeader.Parse(request);
        TableOptions? chosen = null;
        var found = ranges.Count == 0;
        foreach (var range in ranges)
        {
            if (range.Asks("Table", MetaGroup, "v1", "v1beta1"))
            {
                chosen = TableOptions.Default with { ApiVersion = $"{MetaGroup}/{range.Parameter("v")}" };
                found = true;
                break;
            }
            // Another conversion (PartialObjectMetadata, say) is not served here; a later entry may be.
            if (range.Parameter("as") is not null) continue;
            found = true;
            break;
        }
        if (!found)
            return ApiErrors.NotAcceptable(request.Headers.Accept.ToString(),
                "application/json, application/json;as=Table;v=v1;g=meta.k8s.io, application/json;as=Table;v=v1beta1;g=meta.k8s.io");
        if (chosen is null) return new ApiResult<TableOptions?>(null, null);

        var include = request.Query["includeObject"].ToString();
        return include switch
        {
            "" or nameof(IncludeObject.Metadata) => chosen,
            nameof(IncludeObject.None) => chosen with { IncludeObject = IncludeObject.None },
            nameof(IncludeObject.Object) => chosen with { IncludeObject = IncludeObject.Object },
            _ => ApiErrors.BadRequest($"includeObject must be one of None, Metadata or Object, not \"{include}\"", "includeObject"),
        };
    }

    /// <summary>The printer of <paramref name="kind"/>: its own, or NAME and AGE.</summary>
    public ITablePrinter PrinterFor(ResourceKind kind) =>
        _printers.TryGetValue((kind.Group, kind.Kind), out var printer) ? printer : new DefaultPrinter(kind.Group, kind.Kind);

    /// <summary>A Table of <paramref name="objects"/>, all of <paramref name="kind"/>; <paramref name="metadata"/> is the
    /// list's (resourceVersion, continue) when converting a list. A table of one object without list metadata carries
    /// that object's resourceVersion, which is where kubectl get -w starts watching from.</summary>
    public Table Convert(ResourceKind kind, IReadOnlyList<IKubeObject> objects, TableOptions options, ListMeta? metadata = null)
    {
        var printer = PrinterFor(kind);
        var now = time.GetUtcNow();
        return new Table
        {
            ApiVersion = options.ApiVersion,
            Metadata = metadata ?? new ListMeta { ResourceVersion = objects.Count == 1 ? objects[0].Metadata.ResourceVersion : null },
            ColumnDefinitions = options.IncludeColumns ? [.. printer.Columns] : [],
            Rows = objects.Select(obj => new TableRow
            {
                Cells = [.. printer.Cells(obj, now)],
                Conditions = printer.Conditions(obj) is { Count: > 0 } conditions ? [.. conditions] : null,
                Object = options.IncludeObject switch
                {
                    IncludeObject.Object => obj,
                    IncludeObject.Metadata => new PartialObjectMetadata { ApiVersion = options.ApiVersion, Metadata = obj.Metadata },
                    _ => null,
                },
            }).ToList(),
        };
    }
}
