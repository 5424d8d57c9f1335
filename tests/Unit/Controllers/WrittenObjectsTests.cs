using EventOrch.Contracts.Model;
using EventOrch.Controllers.Workloads;

namespace EventOrch.Tests.Unit.Controllers;

public sealed class WrittenObjectsTests
{
    private static ReplicaSet Rs(string name, string resourceVersion, int replicas, string uid = "u-1") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = uid, ResourceVersion = resourceVersion },
        Spec = new ReplicaSetSpec { Replicas = replicas },
    };

    [Fact]
    public void A_write_newer_than_the_cache_is_seen_until_the_cache_catches_up()
    {
        var written = new WrittenObjects<ReplicaSet>();
        written.Remember(Rs("web-new", "20", replicas: 2));

        var lagging = written.Fresher([Rs("web-new", "10", replicas: 1), Rs("web-old", "11", replicas: 4, uid: "u-2")]).ToList();
        var caughtUp = written.Fresher([Rs("web-new", "21", replicas: 3)]).ToList();
        var afterwards = written.Fresher([Rs("web-new", "10", replicas: 1)]).ToList();

        Assert.Equal([2, 4], lagging.Select(r => r.Spec.Replicas));
        Assert.Equal(3, Assert.Single(caughtUp).Spec.Replicas);
        Assert.Equal(1, Assert.Single(afterwards).Spec.Replicas);
    }

    [Fact]
    public void A_write_of_another_object_that_had_the_name_or_of_one_now_gone_is_not_used()
    {
        var written = new WrittenObjects<ReplicaSet>();
        written.Remember(Rs("web", "20", replicas: 2, uid: "old-uid"));
        var recreated = written.Fresher([Rs("web", "5", replicas: 1, uid: "new-uid")]).ToList();
        written.Remember(Rs("gone", "30", replicas: 2));
        written.Forget(Rs("gone", "31", replicas: 0));

        Assert.Equal(1, Assert.Single(recreated).Spec.Replicas);
        Assert.Equal(0, Assert.Single(written.Fresher([Rs("gone", "1", replicas: 0)])).Spec.Replicas);
    }
}
