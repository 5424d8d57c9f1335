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

/// <summary>Reads the Accept header in the caller's order of preference (quality first, then as written). Parsed by
/// hand: client-go's media types (application/com.github.proto-openapi.spec.v2@v1.0+protobuf) are not all RFC tokens.</summary>
public static class AcceptHeader
{
    public static IReadOnlyList<MediaRange> Parse(HttpRequest request)
    {
        var entries = new List<(MediaRange Range, double Quality, int Index)>();
        foreach (var entry in request.Headers.Accept.SelectMany(v => (v ?? "").Split(',')))
        {
            var parts = entry.Split(';');
            var mediaType = parts[0].Trim().ToLowerInvariant();
            if (mediaType.Length == 0) continue;
            var parameters = new Dictionary<string, string>();
            var quality = 1.0;
            foreach (var part in parts.Skip(1))
            {
                var equals = part.IndexOf('=');
                if (equals <= 0) continue;
                var name = part[..equals].Trim().ToLowerInvariant();
                var value = part[(equals + 1)..].Trim().Trim('"');
                if (name == "q")
                {
                    if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q)) quality = q;
                }
                else parameters.TryAdd(name, value);
            }
            if (quality > 0) entries.Add((new MediaRange(mediaType, parameters), quality, entries.Count));
        }
        return entries.OrderByDescending(e => e.Quality).ThenBy(e => e.Index).Select(e => e.Range).ToList();
    }
}
