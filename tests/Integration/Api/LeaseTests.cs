using System.Net;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

public sealed class LeaseTests(ApiServer api) : IClassFixture<ApiServer>
{
    private const string Leases = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";

    private static Lease NewLease(string name, string holder) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = 10, RenewTime = DateTimeOffset.UtcNow },
    };

    [Fact]
    public async Task Renewing_a_lease_moves_its_resource_version_and_appends_no_event()
    {
        var before = await api.EventCountAsync();
        var (code, created, _) = await api.Client.SendAsync<Lease>(HttpMethod.Post, Leases, NewLease("node-x", "node-x"));
        Assert.Equal(HttpStatusCode.Created, code);

        var renewed = created! with { Spec = created.Spec with { RenewTime = DateTimeOffset.UtcNow.AddSeconds(5) } };
        var (renewCode, after, _) = await api.Client.SendAsync<Lease>(HttpMethod.Put, $"{Leases}/node-x", renewed);

        Assert.Equal(HttpStatusCode.OK, renewCode);
        Assert.True(long.Parse(after!.Metadata.ResourceVersion!) > long.Parse(created.Metadata.ResourceVersion!));
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Of_two_holders_renewing_from_the_same_version_one_gets_a_conflict()
    {
        var (_, created, _) = await api.Client.SendAsync<Lease>(HttpMethod.Post, Leases, NewLease("contested", "a"));

        var first = await api.Client.SendAsync<Lease>(HttpMethod.Put, $"{Leases}/contested", created! with { Spec = created.Spec with { HolderIdentity = "b" } });
        var second = await api.Client.SendAsync<Status>(HttpMethod.Put, $"{Leases}/contested", created with { Spec = created.Spec with { HolderIdentity = "c" } });

        Assert.Equal(HttpStatusCode.OK, first.Code);
        Assert.Equal(HttpStatusCode.Conflict, second.Code);
        var (_, stored, _) = await api.Client.SendAsync<Lease>(HttpMethod.Get, $"{Leases}/contested");
        Assert.Equal("b", stored!.Spec.HolderIdentity);
    }

    [Fact]
    public async Task A_lease_name_is_taken_once_and_freed_by_delete()
    {
        await api.Client.SendAsync<Lease>(HttpMethod.Post, Leases, NewLease("once", "a"));

        var (again, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Leases, NewLease("once", "b"));
        var (deleted, _, _) = await api.Client.SendAsync<Lease>(HttpMethod.Delete, $"{Leases}/once");
        var (missing, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Get, $"{Leases}/once");

        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task An_invalid_lease_is_refused()
    {
        var bad = NewLease("bad", "a") with { Spec = new LeaseSpec { LeaseDurationSeconds = 0 } };

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Post, Leases, bad);
        var (missingNs, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Post,
            "/apis/coordination.k8s.io/v1/namespaces/nowhere/leases", NewLease("x", "a"));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains(status!.Details!.Causes!, c => c.Field == "spec.leaseDurationSeconds");
        Assert.Equal(HttpStatusCode.NotFound, missingNs);
    }

    [Fact]
    public async Task A_merge_patch_changes_the_holder_and_a_stale_resource_version_in_it_is_a_conflict()
    {
        var (_, created, _) = await api.Client.SendAsync<Lease>(HttpMethod.Post, Leases, NewLease("patched", "a"));

        var (code, patched, _) = await api.Client.SendAsync<Lease>(HttpMethod.Patch, $"{Leases}/patched",
            new { spec = new { holderIdentity = "b" } }, "application/merge-patch+json");
        var (stale, _, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Leases}/patched",
            new { metadata = new { resourceVersion = created!.Metadata.ResourceVersion }, spec = new { holderIdentity = "c" } }, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(("b", 10), (patched!.Spec.HolderIdentity, patched.Spec.LeaseDurationSeconds));
        Assert.True(long.Parse(patched.Metadata.ResourceVersion!) > long.Parse(created.Metadata.ResourceVersion!));
        Assert.Equal(HttpStatusCode.Conflict, stale);
    }

    [Fact]
    public async Task A_strict_patch_with_an_unknown_field_is_refused_naming_it_and_changes_nothing()
    {
        await api.Client.SendAsync<Lease>(HttpMethod.Post, Leases, NewLease("strict", "a"));

        var (code, status, _) = await api.Client.SendAsync<Status>(HttpMethod.Patch, $"{Leases}/strict?fieldValidation=Strict",
            new { spec = new { holder = "b" } }, "application/merge-patch+json");
        var (_, stored, _) = await api.Client.SendAsync<Lease>(HttpMethod.Get, $"{Leases}/strict");

        // As kube-apiserver answers a strict patch: 422, the unknown field named in the message.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("spec.holder", status!.Message);
        Assert.Equal("a", stored!.Spec.HolderIdentity);
    }
}
