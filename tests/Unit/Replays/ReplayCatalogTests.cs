using EventOrch.Api.Audit;
using EventOrch.Api.KubeEvents;
using EventOrch.Api.Replays;
using EventOrch.Api.Resources;
using EventOrch.Api.Storage;
using EventOrch.Contracts.Model;
using Marten;
using Npgsql;

namespace EventOrch.Tests.Unit.Replays;

public sealed class ReplayCatalogTests
{
    private static StoreOptions LiveConfiguration()
    {
        var options = new StoreOptions();
        MartenSetup.Configure(options, NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused"), "eventorch");
        return options;
    }

    private static readonly IComparer<Type> TypeNames = Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.FullName, b.FullName));

    [Fact]
    public void Every_projection_the_store_registers_has_a_replay()
    {
        var (_, unknown) = ReplayCatalog.For(LiveConfiguration());

        // A projection added to MartenSetup without a line in ReplayCatalog fails here, naming it.
        Assert.Empty(unknown);
    }

    [Fact]
    public void A_replay_rebuilds_every_kinds_table_the_Kubernetes_Events_the_audit_index_and_the_node_port_claims_once_each()
    {
        var options = LiveConfiguration();

        var (replayed, _) = ReplayCatalog.For(options);

        var recordTables = ((IReadOnlyStoreOptions)options).AllKnownDocumentTypes().Select(d => d.DocumentType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ObjectRecord<>)).ToList();
        Assert.True(recordTables.Count >= 11, $"only {recordTables.Count} kinds' tables");
        Assert.Equal(recordTables.Order(TypeNames).ToList(), replayed.Select(p => p.DocumentType).Where(recordTables.Contains).Order(TypeNames).ToList());
        Assert.Equal(recordTables.Count + 3, replayed.Count);
        Assert.Equal(replayed.Count, replayed.Select(p => p.DocumentType).Distinct().Count());
        Assert.Contains(replayed, p => p.DocumentType == typeof(ObjectRecord<Pod>) && p.Kind == "Pod");
        Assert.Contains(replayed, p => p.DocumentType == typeof(ObjectRecord<Secret>) && p.Kind == "Secret");
        Assert.Contains(replayed, p => p.DocumentType == typeof(KubeEventRecord) && p.Kind == "Event");
        Assert.Contains(replayed, p => p.DocumentType == typeof(NodePortClaim) && p.Kind == "NodePortClaim");
        Assert.Contains(replayed, p => p.DocumentType == typeof(AuditEntry) && p.Kind == "AuditEvent" && p.Table.Name(options) == AuditTable.Name);
    }
}
