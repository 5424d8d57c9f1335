using System.Text.Json;
using EventOrch.Api.Resources;
using EventOrch.Contracts.Events;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using JasperFx.Events;

namespace EventOrch.Api.Replays;

/// <summary>Node port claims (table <c>node_port_claims</c>) are not a projection: the Api reserves them in a Service
/// write's own transaction, so that two Services never hold one port. They are not rebuilt by folding; but what they must
/// be follows from the record: one claim per node port a live Service's spec holds, held by that Service's uid. The replay
/// folds Services with their evolver and makes exactly those claims, so a claim leaked by a lost release, or a port held
/// without a claim, shows as a difference.</summary>
public static class NodePortClaimsReplay
{
    public static IReplayedProjection Definition { get; } = new Claims();

    private sealed class Claims : IReplayedProjection
    {
        public string Kind => "NodePortClaim";
        public Type DocumentType => typeof(NodePortClaim);
        public IReplayedTable Table { get; } = new DocumentTable(typeof(NodePortClaim));

        public IProjectionRebuild Start(ILogger logger) => new Rebuild();

        public RowSubject Describe(JsonElement row) => new(null, RowFields.Text(row, "id"), RowFields.Text(row, "serviceUid"));
    }

    private sealed class Rebuild : IProjectionRebuild
    {
        private static readonly HashSet<Type> ServiceEvents = [.. ServiceEvolver.Instance.EventTypes];
        private readonly Dictionary<Guid, Service> _services = [];

        public void Apply(IEvent e)
        {
            if (!ServiceEvents.Contains(e.EventType) || e.Data is not IObjectEvent data) return;
            var next = ServiceEvolver.Instance.Apply(_services.GetValueOrDefault(e.StreamId), data, new EventPosition(e.Sequence, e.Version, e.Timestamp));
            if (next is null) _services.Remove(e.StreamId);
            else _services[e.StreamId] = next;
        }

        public IReadOnlyList<object> TakeFinished() => [];

        public IReadOnlyList<object> Finish() =>
        [
            .. _services.Values.SelectMany(service => (service.Spec.Ports ?? []).Select(p => p.NodePort).OfType<int>().Distinct()
                .Select(port => new NodePortClaim { Id = port, ServiceUid = service.Metadata.Uid! }))
                // Two Services holding one port would be a fault of its own; the claim the live table does not give shows.
                .DistinctBy(claim => claim.Id),
        ];
    }
}
