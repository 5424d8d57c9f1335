namespace EventOrch.Cli.Terminal;

/// <summary>Where eoctl reads and writes, and what it knows of its surroundings (environment, working directory,
/// whether it talks to a terminal): the process's own, or a test's.</summary>
public sealed class CliConsole(
    TextWriter output,
    TextWriter error,
    Func<TextReader> input,
    bool outputIsTerminal,
    bool errorIsTerminal,
    Func<string, string?> environment,
    string currentDirectory)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>Standard input, opened on first use (apply -f -).</summary>
    public TextReader In => _input ??= input();
    private TextReader? _input;

    public string CurrentDirectory { get; } = currentDirectory;

    /// <summary>Whether standard output is a terminal (progress is then redrawn in place).</summary>
    public bool OutIsTerminal { get; } = outputIsTerminal;

    /// <summary>The terminal's width in columns, or 0 when unknown (not a terminal).</summary>
    public int Width => OutIsTerminal ? TerminalWidth() : 0;

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public string? Environment(string name) => environment(name);

    /// <summary>Colours on standard output: only for a terminal, and never when NO_COLOR is set (https://no-color.org).</summary>
    public Palette OutColors => _outColors ??= new Palette(OutIsTerminal && !NoColor);
    private Palette? _outColors;

    public Palette ErrorColors => _errorColors ??= new Palette(errorIsTerminal && !NoColor);
    private Palette? _errorColors;

    private bool NoColor => !string.IsNullOrEmpty(environment("NO_COLOR"));

    public static CliConsole System() => new(
        Console.Out, Console.Error, () => Console.In,
        !Console.IsOutputRedirected, !Console.IsErrorRedirected,
        global::System.Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());

    /// <summary>A console writing into <paramref name="output"/> and <paramref name="error"/>, never a terminal, with
    /// only the given environment variables (tests).</summary>
    public static CliConsole Captured(TextWriter output, TextWriter error, string currentDirectory,
        IReadOnlyDictionary<string, string>? environment = null, string standardInput = "") => new(
        output, error, () => new StringReader(standardInput), false, false,
        name => environment is not null && environment.TryGetValue(name, out var value) ? value : null, currentDirectory);
}
