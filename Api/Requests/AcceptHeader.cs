using Microsoft.Net.Http.Headers;

namespace EventOrch.Api.Requests;

/// <summary>One entry of an Accept header: a media type with its parameters (<c>as</c>, <c>g</c>, <c>v</c>, ...).</summary>
public sealed record MediaRange(string MediaType, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether the range admits JSON: application/json, application/*, or */*.</summary>
    public bool AdmitsJson => MediaType is "application/json" or "application/*" or "*/*";

    /// <summary>JSON of the object itself, not a conversion of it (no <c>as=</c>).</summary>
    public bool IsPlainJson => AdmitsJson && Parameter("as") is null;

    /// <summary>Whether the range asks for <paramref name="kind"/> of meta group <paramref name="group"/> at one of
    /// <paramref name="versions"/> as JSON.</summary>
    public bool Asks(string kind, string group, params string[] versions) =>
        AdmitsJson && Parameter("as") == kind && Parameter("g") == group && versions.Contains(Parameter("v"));
}

/// <summary>Reads the Accept header in the caller's order of preference (quality first, then as written).</summary>
public static class AcceptHeader
{
    public static IReadOnlyList<MediaRange> Parse(HttpRequest request)
    {
        var values = request.Headers.Accept;
        if (values.Count == 0 || !MediaTypeHeaderValue.TryParseList(values, out var parsed)) return [];
        return parsed
            .Select((value, index) => (value, index))
            .OrderByDescending(x => x.value.Quality ?? 1.0)
            .ThenBy(x => x.index)
            .Where(x => (x.value.Quality ?? 1.0) > 0)
            .Select(x => new MediaRange(
                x.value.MediaType.Value?.ToLowerInvariant() ?? "",
                x.value.Parameters.Where(p => !p.Name.Equals("q", StringComparison.OrdinalIgnoreCase))
                    .GroupBy(p => p.Name.Value?.ToLowerInvariant() ?? "")
                    .ToDictionary(g => g.Key, g => HeaderUtilities.RemoveQuotes(g.First().Value).Value ?? "")))
            .ToList();
    }
}
