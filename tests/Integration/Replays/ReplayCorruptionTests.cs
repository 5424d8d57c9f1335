using EventOrch.Contracts.Model;
using EventOrch.Tests.Integration.Cli;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Replays;

/// <summary>Live projection rows corrupted behind the Api's back (changed, deleted, added by SQL) are each reported by a
/// verified replay, naming the object; eoctl replay --verify prints them and fails.</summary>
public sealed class ReplayCorruptionTests(ApiServer api) : IClassFixture<ApiServer>, IDisposable
{
    private readonly EoctlRunner _eoctl = new(api);

    [Fact]
    public async Task Changed_missing_and_extra_live_rows_are_each_reported_with_the_object_they_stand_for()
    {
        var ns = await new ReplayWorkload(api).RunAsync("rx");
        var (_, pod, _) = await api.Client.SendAsync<Pod>(HttpMethod.Get, $"{ObjectClient.PodsPath(ns)}/solo");
        var (_, settings, _) = await api.Client.SendAsync<ConfigMap>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/settings");
        var (_, front, _) = await api.Client.SendAsync<Service>(HttpMethod.Get, $"/api/v1/namespaces/{ns}/services/front");
        var schema = api.Schema.Name;
        var ghost = Guid.NewGuid();
        var ok = await _eoctl.RunAsync("replay", "--verify");
        Assert.True(ok.ExitCode == 0, ok.ToString());

        // A pod's image changed, a ConfigMap's row gone, a Service that never was, an Event lost, a node port claim lost.
        await ReplayClient.ScalarAsync<object>(
            $"update {schema}.mt_doc_pods set data = jsonb_set(data, '{{object,spec,containers,0,image}}', '\"evil/miner:1\"') where id = @id",
            ("id", Guid.Parse(pod!.Metadata.Uid!)));
        await ReplayClient.ScalarAsync<object>($"delete from {schema}.mt_doc_configmaps where id = @id", ("id", Guid.Parse(settings!.Metadata.Uid!)));
        await ReplayClient.ScalarAsync<object>($"""
            create temp table ghost as select * from {schema}.mt_doc_services where id = @id;
            update ghost set id = @ghost, data = data || jsonb_build_object('id', @ghost::text, 'name', 'ghost', 'key', '{ns}/ghost');
            insert into {schema}.mt_doc_services select * from ghost;
            """, ("id", Guid.Parse(front!.Metadata.Uid!)), ("ghost", ghost));
        var lostEvent = await ReplayClient.ScalarAsync<string>($"delete from {schema}.mt_doc_kube_events where id = (select max(id) from {schema}.mt_doc_kube_events) returning data->>'name'");
        var lostClaim = await ReplayClient.ScalarAsync<int>($"delete from {schema}.mt_doc_node_port_claims returning id");

        var status = (await api.Client.ReplayAsync(new ReplaySpec { Verify = true })).Status!;

        Assert.False(status.Equal);
        Assert.Equal(5, status.DifferenceCount);
        var changed = Assert.Single(status.Differences, d => d.Type == ReplayDifferenceTypes.Changed);
        Assert.Equal(("mt_doc_pods", "Pod", ns, "solo", pod.Metadata.Uid), (changed.Table, changed.Kind, changed.Namespace, changed.Name, changed.Uid));
        Assert.Equal(["object.spec.containers[0].image"], changed.Paths!);
        var missing = status.Differences.Where(d => d.Type == ReplayDifferenceTypes.MissingFromLive).OrderBy(d => d.Kind).ToList();
        Assert.Equal(
            [("ConfigMap", ns, "settings"), ("Event", missing[1].Namespace, lostEvent), ("NodePortClaim", null, lostClaim.ToString())],
            missing.Select(d => (d.Kind, d.Namespace, d.Name)));
        Assert.Equal(settings.Metadata.Uid, missing[0].Uid);
        Assert.Equal(front.Metadata.Uid, missing[2].Uid);
        var extra = Assert.Single(status.Differences, d => d.Type == ReplayDifferenceTypes.MissingFromReplay);
        Assert.Equal(("Service", ns, "ghost", ghost.ToString()), (extra.Kind, extra.Namespace, extra.Name, extra.Uid));
        Assert.Equal(1, status.Projections.Single(p => p.Kind == "Pod").Differences);

        var cli = await _eoctl.RunAsync("replay", "--verify");
        Assert.True(cli.ExitCode == 2, cli.ToString());
        Assert.Contains($"Pod {ns}/solo", cli.Out);
        Assert.Contains("object.spec.containers[0].image", cli.Out);
        Assert.Contains($"Service {ns}/ghost", cli.Out);
        Assert.Contains("5 differences", cli.Out);
    }

    public void Dispose() => _eoctl.Dispose();
}
