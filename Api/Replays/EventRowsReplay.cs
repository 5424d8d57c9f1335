using System.Text.Json;
using JasperFx.Events;

namespace EventOrch.Api.Replays;

/// <summary>Rebuilds a table whose rows are made event by event and never change after (Kubernetes Events; the audit
/// index of the record), with the live projection's own mapping. <paramref name="start"/> gives one run's mapping: state
/// it keeps across events (the objects as the record left them, say) lives in the closure it returns. Rows are handed
/// over page by page, so they are never all held. They are Marten documents unless <paramref name="table"/> is given.</summary>
public sealed class EventRowsReplay<TRow>(string kind, Func<ILogger, Func<IEvent, IEnumerable<TRow>>> start, Func<JsonElement, RowSubject> describe,
    IReplayedTable? table = null)
    : IReplayedProjection where TRow : notnull
{
    public string Kind => kind;
    public Type DocumentType => typeof(TRow);
    public IReplayedTable Table { get; } = table ?? new DocumentTable(typeof(TRow));

    public IProjectionRebuild Start(ILogger logger) => new Rebuild(start(logger));

    public RowSubject Describe(JsonElement row) => describe(row);

    private sealed class Rebuild(Func<IEvent, IEnumerable<TRow>> rowsOf) : IProjectionRebuild
    {
        private List<object> _made = [];

        public void Apply(IEvent e)
        {
            foreach (var row in rowsOf(e)) _made.Add(row);
        }

        public IReadOnlyList<object> TakeFinished()
        {
            var made = _made;
            _made = [];
            return made;
        }

        public IReadOnlyList<object> Finish() => TakeFinished();
    }
}
