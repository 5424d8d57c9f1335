using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EventOrch.Contracts.Authentication;

/// <summary>One line of the static token file, Kubernetes' <c>token,user,uid,"group1,group2"</c> extended by a fifth
/// field, the token's expiry in RFC 3339 (empty: it never expires). The token field is the token itself (Kubernetes'
/// way, which <c>./eo up</c> writes) or <c>sha256:HEX</c>, the hash of a token eoctl issued. A line whose token field is
/// empty records a user (name, uid, groups) that tokens are issued for. Blank lines and <c>#</c> comments are kept as
/// they are.</summary>
public sealed record TokenFileLine(string Text, string? Token, string? User, string? Uid, IReadOnlyList<string> Groups, DateTimeOffset? Expires)
{
    public const string HashPrefix = "sha256:";

    /// <summary>A comment, a blank line, or a line too short to name anyone: kept, never read as an identity.</summary>
    public bool IsInert => User is null;

    /// <summary>A user record: a name and groups, and no token.</summary>
    public bool IsUser => User is not null && string.IsNullOrEmpty(Token);

    public bool IsToken => User is not null && !string.IsNullOrEmpty(Token);

    /// <summary>Whether the line holds the hash of its token rather than the token.</summary>
    public bool IsHashed => Token?.StartsWith(HashPrefix, StringComparison.Ordinal) == true;

    /// <summary>The hash of the token this line accepts (lowercase hex), whether the line holds the token or its hash.</summary>
    public string? TokenHash => Token is null or "" ? null : IsHashed ? Token[HashPrefix.Length..].ToLowerInvariant() : HashOf(Token);

    /// <summary>A token's public name: the first 12 hex digits of its hash; it shows and revokes a token without its secret.</summary>
    public string? Id => TokenHash?[..IdLength];

    public const int IdLength = 12;

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool IsExpired(DateTimeOffset now) => Expires is { } expires && expires <= now;

    /// <summary>Reads one line; a malformed expiry makes the line inert (it then authenticates nobody), with the reason.</summary>
    public static TokenFileLine Parse(string text) => TryParse(text, out var line, out _) ? line : Inert(text);

    public static bool TryParse(string text, out TokenFileLine line, out string? error)
    {
        error = null;
        line = Inert(text);
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart().StartsWith('#')) return true;
        var fields = SplitCsv(text);
        if (fields.Count < 2 || fields[1].Length == 0)
        {
            error = "a line needs at least a token and a user";
            return false;
        }
        var groups = fields.Count > 3 ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        DateTimeOffset? expires = null;
        if (fields.Count > 4 && fields[4].Length > 0)
        {
            if (!DateTimeOffset.TryParse(fields[4], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                error = $"expiry \"{fields[4]}\" is not an RFC 3339 time";
                return false;
            }
            expires = parsed;
        }
        var token = fields[0];
        if (token.StartsWith(HashPrefix, StringComparison.Ordinal) && !IsHex(token[HashPrefix.Length..]))
        {
            error = "a sha256: token field needs 64 hex digits";
            return false;
        }
        line = new TokenFileLine(text, token, fields[1], fields.Count > 2 && fields[2].Length > 0 ? fields[2] : fields[1], groups, expires);
        return true;
    }

    /// <summary>A user record line.</summary>
    public static TokenFileLine ForUser(string user, string uid, IReadOnlyList<string> groups) =>
        Parse(Format("", user, uid, groups, null));

    /// <summary>A line that accepts <paramref name="token"/>, holding only its hash.</summary>
    public static TokenFileLine ForHashedToken(string token, string user, string uid, IReadOnlyList<string> groups, DateTimeOffset? expires) =>
        Parse(Format(HashPrefix + HashOf(token), user, uid, groups, expires));

    private static string Format(string token, string user, string uid, IReadOnlyList<string> groups, DateTimeOffset? expires)
    {
        var text = $"{token},{user},{uid},\"{string.Join(',', groups)}\"";
        return expires is { } at ? text + "," + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : text;
    }

    private static TokenFileLine Inert(string text) => new(text, null, null, null, [], null);

    private static bool IsHex(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);

    // Kubernetes reads the file with encoding/csv: a quoted field may hold commas; a doubled quote inside one is a quote.
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else quoted = !quoted;
            }
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
