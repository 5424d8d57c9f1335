using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Replays;

/// <summary>The audit index (<c>eo_audit_events</c>, a plain table) is rebuilt by a replay like the projections, and
/// its rows corrupted behind the Api's back are reported by sequence, naming the object the event was about.</summary>
public sealed class ReplayAuditIndexTests(ApiServer api) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Changed_missing_and_extra_audit_index_rows_are_each_reported_with_the_object_their_event_was_about()
    {
        var ns = await new ReplayWorkload(api).RunAsync("ra");
        var (_, pod, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/solo");
        var (_, settings, _) = await api.Client.SendAsync<ConfigMap>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/settings");
        var table = $"{api.Schema.Name}.eo_audit_events";
        var before = (await api.Client.ReplayAsync(new ReplaySpec { Verify = true })).Status!;
        Assert.True(before.Equal, string.Join("\n", before.Differences.Select(d => $"{d.Type} {d.Kind} {d.Namespace}/{d.Name}: {string.Join(", ", d.Paths ?? [])}")));
        var index = before.Projections.Single(p => p.Table == "eo_audit_events");
        Assert.Equal(("AuditEvent", index.Rebuilt, (long?)0), (index.Kind, index.Live!.Value, index.Differences));
        Assert.Equal(await ReplayClient.ScalarAsync<long>($"select count(*) from {table}"), index.Rebuilt);

        // Who bound the pod rewritten, the ConfigMap's create gone, and an event that never was.
        var rewritten = await ReplayClient.ScalarAsync<long>(
            $"update {table} set user_name = 'mallory' where seq = (select max(seq) from {table} where stream_id = @uid) returning seq",
            ("uid", Guid.Parse(pod!.Metadata.Uid!)));
        var lost = await ReplayClient.ScalarAsync<long>(
            $"delete from {table} where stream_id = @uid and version = 1 returning seq", ("uid", Guid.Parse(settings!.Metadata.Uid!)));
        var forged = await ReplayClient.ScalarAsync<long>($"""
            insert into {table} (seq, event_id, stream_id, version, kind, namespace, name, event_type, user_name, ts)
            select seq + 1000000, gen_random_uuid(), stream_id, version + 100, kind, namespace, name, 'PodDeleted', 'mallory', ts
            from {table} where seq = @seq returning seq
            """, ("seq", rewritten));

        var status = (await api.Client.ReplayAsync(new ReplaySpec { Verify = true })).Status!;

        Assert.False(status.Equal);
        Assert.Equal(3, status.DifferenceCount);
        Assert.All(status.Differences, d => Assert.Equal(("eo_audit_events", "AuditEvent"), (d.Table, d.Kind)));
        var changed = Assert.Single(status.Differences, d => d.Type == ReplayDifferenceTypes.Changed);
        Assert.Equal((rewritten.ToString(), ns, "solo", pod.Metadata.Uid), (changed.Id, changed.Namespace, changed.Name, changed.Uid));
        Assert.Equal(["user_name"], changed.Paths!);
        var missing = Assert.Single(status.Differences, d => d.Type == ReplayDifferenceTypes.MissingFromLive);
        Assert.Equal((lost.ToString(), ns, "settings", settings.Metadata.Uid), (missing.Id, missing.Namespace, missing.Name, missing.Uid));
        var extra = Assert.Single(status.Differences, d => d.Type == ReplayDifferenceTypes.MissingFromReplay);
        Assert.Equal((forged.ToString(), ns, "solo"), (extra.Id, extra.Namespace, extra.Name));
        Assert.Equal(3, status.Projections.Single(p => p.Table == "eo_audit_events").Differences);
    }
}
