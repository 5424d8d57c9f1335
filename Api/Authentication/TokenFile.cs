using EventOrch.Contracts.Authentication;
using Microsoft.Extensions.Options;

namespace EventOrch.Api.Authentication;

/// <summary>The identities of a static token file (<see cref="TokenFileLine"/>: Kubernetes' format, an optional expiry,
/// tokens plain or as sha256 hashes), read at start and again whenever the file changes: a token eoctl revokes is
/// refused from the next request on.</summary>
public sealed partial class TokenFile(IOptions<AuthOptions> options, TimeProvider time, ILogger<TokenFile> logger)
{
    private sealed record Loaded(TokenFileLine Line, Identity Identity);

    // Keyed by the token's hash, so plain and hashed lines are found alike. Replaced whole: a request never sees half a reload.
    private sealed record Snapshot(DateTime Written, long Length, IReadOnlyDictionary<string, Loaded> ByHash);

    private volatile Snapshot _loaded = new(DateTime.MinValue, -1, new Dictionary<string, Loaded>());

    /// <summary>The identity a token names, or null when the file names none or the token has expired.</summary>
    public Identity? Find(string token)
    {
        var path = options.Value.TokenFile;
        var file = new FileInfo(path);
        var (written, length) = file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1L);
        var loaded = _loaded;
        if (written != loaded.Written || length != loaded.Length) _loaded = loaded = new Snapshot(written, length, Load(path));
        if (!loaded.ByHash.TryGetValue(TokenFileLine.HashOf(token), out var found)) return null;
        return found.Line.IsExpired(time.GetUtcNow()) ? null : found.Identity;
    }

    private Dictionary<string, Loaded> Load(string path)
    {
        var identities = new Dictionary<string, Loaded>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            LogMissing(path);
            return identities;
        }
        var number = 0;
        foreach (var text in File.ReadAllLines(path))
        {
            number++;
            if (!TokenFileLine.TryParse(text, out var line, out var error))
            {
                LogBadLine(path, number, error!);
                continue;
            }
            if (!line.IsToken) continue;
            identities[line.TokenHash!] = new Loaded(line, Identity.Authenticated(line.User!, line.Uid!, line.Groups));
        }
        return identities;
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Token file {Path} does not exist: every bearer token it would name is refused")]
    private partial void LogMissing(string path);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Token file {Path}, line {Line}, is ignored: {Reason}")]
    private partial void LogBadLine(string path, int line, string reason);
}
