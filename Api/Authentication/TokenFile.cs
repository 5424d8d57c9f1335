using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Authentication;

/// <summary>The identities of a static token file, read at start and again whenever the file changes.</summary>
public sealed class TokenFile(IOptions<AuthOptions> options, ILogger<TokenFile> logger)
{
    private sealed record Snapshot(DateTime Written, IReadOnlyDictionary<string, Identity> ByToken);

    // Replaced whole, so a request never sees half of a reload.
    private volatile Snapshot _loaded = new(DateTime.MinValue, new Dictionary<string, Identity>());

    /// <summary>A user or service account named by a token.</summary>
    public sealed record Identity(string User, string Uid, IReadOnlyList<string> Groups)
    {
        public ClaimsPrincipal ToPrincipal(string scheme)
        {
            var claims = new List<Claim> { new(ClaimTypes.Name, User), new(ClaimTypes.NameIdentifier, Uid) };
            claims.AddRange(Groups.Select(g => new Claim(ClaimTypes.Role, g)));
            return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
        }
    }

    public Identity? Find(string token)
    {
        var path = options.Value.TokenFile;
        var written = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
        var loaded = _loaded;
        if (written != loaded.Written) _loaded = loaded = new Snapshot(written, Load(path));
        return loaded.ByToken.GetValueOrDefault(token);
    }

    private IReadOnlyDictionary<string, Identity> Load(string path)
    {
        var identities = new Dictionary<string, Identity>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            logger.LogWarning("Token file {Path} does not exist: every request will be refused", path);
            return identities;
        }
        foreach (var line in File.ReadAllLines(path))
        {
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            var fields = SplitCsv(line);
            if (fields.Count < 2 || fields[0].Length == 0) continue;
            var groups = fields.Count > 3 ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            identities[fields[0]] = new Identity(fields[1], fields.Count > 2 ? fields[2] : fields[1], groups);
        }
        return identities;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else current.Append(c);
        }
        fields.Add(current.ToString().Trim());
        return fields;
    }
}
