namespace EventOrch.Cli.Terminal;

/// <summary>ANSI colours for one stream, or none: every method returns its text unchanged when colours are off.</summary>
public sealed class Palette(bool enabled)
{
    public bool Enabled { get; } = enabled;

    public string Good(string text) => Paint("32", text);
    public string Warn(string text) => Paint("33", text);
    public string Bad(string text) => Paint("31", text);
    public string Dim(string text) => Paint("2", text);
    public string Bold(string text) => Paint("1", text);

    /// <summary>A status word coloured by what it says (Running green, Pending yellow, CrashLoopBackOff red).</summary>
    public string Status(string text) => StatusWords.Classify(text) switch
    {
        StatusTone.Good => Good(text),
        StatusTone.Warn => Warn(text),
        StatusTone.Bad => Bad(text),
        _ => text,
    };

    private string Paint(string code, string text) => Enabled && text.Length > 0 ? $"\u001b[{code}m{text}\u001b[0m" : text;

    /// <summary>The length of <paramref name="text"/> as a terminal shows it, escape sequences left out.</summary>
    public static int VisibleLength(string text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u001b' && i + 1 < text.Length && text[i + 1] == '[')
            {
                i += 2;
                while (i < text.Length && text[i] != 'm') i++;
                continue;
            }
            length++;
        }
        return length;
    }
}
