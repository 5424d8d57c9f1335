using EventOrch.Contracts.Authentication;

namespace EventOrch.Cli.Identity;

/// <summary>The static token file as eoctl edits it: every line kept as it was (comments, the lines <c>./eo up</c>
/// writes, lines of other tools), lines only added or taken out, and the whole written to a temporary file that is then
/// renamed over the old one, so the Api never reads half a file.</summary>
public sealed class TokenFileDocument(string path, List<TokenFileLine> lines)
{
    public string Path { get; } = path;

    public IReadOnlyList<TokenFileLine> Lines => lines;

    public IEnumerable<TokenFileLine> Users => lines.Where(l => l.IsUser);

    public IEnumerable<TokenFileLine> Tokens => lines.Where(l => l.IsToken);

    /// <summary>Reads the file; a file that does not exist yet reads as empty.</summary>
    public static TokenFileDocument Load(string path) =>
        new(path, File.Exists(path) ? File.ReadAllLines(path).Select(TokenFileLine.Parse).ToList() : []);

    public TokenFileLine? User(string name) => Users.FirstOrDefault(u => u.User == name);

    public void Add(TokenFileLine line) => lines.Add(line);

    /// <summary>Takes out the lines <paramref name="match"/> selects; how many went.</summary>
    public int Remove(Func<TokenFileLine, bool> match) => lines.RemoveAll(l => match(l));

    /// <summary>Writes the file atomically (a temporary file beside it, readable by its owner only, renamed over it).</summary>
    public void Save()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, create))
            using (var writer = new StreamWriter(stream))
            {
                foreach (var line in lines) writer.Write(line.Text + "\n");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
