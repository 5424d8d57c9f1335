using EventOrch.Cli.Terminal;

namespace EventOrch.Cli.Waiting;

/// <summary>Shows a wait's progress: on a terminal, one block redrawn in place as things change; otherwise a log, the
/// headline each time it changes and each detail line when it first reads as it does. A failure's headline is left to
/// the error the command prints on standard error; its details stay.</summary>
public sealed class ProgressView(CliConsole console, string? prefix = null, bool showDetails = true)
{
    private int _drawn;
    private string? _lastHeadline;
    private HashSet<string> _shownDetails = [];

    public async Task ShowAsync(Progress progress)
    {
        var colors = console.OutColors;
        var headline = (prefix is null ? "" : prefix + ": ") + progress.Message.TrimEnd('\n');
        if (progress.State == ProgressState.Done) headline = colors.Good(headline);
        var details = showDetails ? progress.Details.Select(d => "    " + d).ToList() : [];
        var failed = progress.State == ProgressState.Failed;
        if (console.OutIsTerminal)
        {
            // Up over the block drawn last, clear to the end of the screen, draw again; lines are cut to the terminal's
            // width so that each takes one row and the next redraw goes up exactly as far.
            if (_drawn > 0) await console.Out.WriteAsync($"\u001b[{_drawn}A\u001b[J");
            var width = console.Width;
            if (!failed) await console.Out.WriteLineAsync(Fit(headline, width));
            foreach (var line in details) await console.Out.WriteLineAsync(colors.Dim(Fit(line, width)));
            _drawn = progress.State == ProgressState.Waiting ? 1 + details.Count : 0;
        }
        else
        {
            if (headline != _lastHeadline && !failed) await console.Out.WriteLineAsync(headline);
            foreach (var line in details.Where(d => !_shownDetails.Contains(d))) await console.Out.WriteLineAsync(line);
            _shownDetails = [.. details];
        }
        _lastHeadline = headline;
        await console.Out.FlushAsync();
    }

    // Only plain lines are cut: a coloured headline's escape codes would be miscounted, and it is short.
    private static string Fit(string line, int width) =>
        width > 1 && line.Length >= width && !line.Contains('\u001b') ? line[..(width - 2)] + "…" : line;
}
