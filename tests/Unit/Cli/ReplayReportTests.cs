using EventOrch.Cli.Output;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Cli;

public sealed class ReplayReportTests
{
    private static readonly ReplayStatus Rebuilt = new()
    {
        Schema = "eventorch_replay_20260304050607_1a2b3c4",
        ThroughSequence = 1_234_567,
        EventsRead = 1_234_000,
        RebuildSeconds = 41.2,
        EventsPerSecond = 29_951,
        DurationSeconds = 47.9,
        Projections =
        [
            new ReplayedProjection { Table = "mt_doc_pods", Kind = "Pod", Rebuilt = 3000 },
            new ReplayedProjection { Table = "mt_doc_kube_events", Kind = "Event", Rebuilt = 812_345 },
        ],
    };

    private static string Print(ReplayStatus status) => string.Join("\n", ReplayReport.Lines(new Replay { Status = status }, new Palette(false)));

    [Fact]
    public void An_unverified_replay_reports_what_it_read_how_fast_and_what_it_rebuilt()
    {
        Assert.Equal("""
            Replayed 1,234,000 events (through sequence 1234567) in 41.20 s: 29,951 events/s
            Rebuilt into schema eventorch_replay_20260304050607_1a2b3c4 (dropped); 47.90 s in all

            TABLE                KIND    REBUILT
            mt_doc_pods          Pod     3,000
            mt_doc_kube_events   Event   812,345

            Not verified (use --verify to compare with the live state).
            """, Print(Rebuilt));
    }

    [Fact]
    public void A_verified_replay_lists_each_difference_naming_the_object_and_what_differs()
    {
        var status = Rebuilt with
        {
            VerifySeconds = 3.5,
            Equal = false,
            DifferenceCount = 3,
            DifferencesTruncated = true,
            Projections = [Rebuilt.Projections[0] with { Live = 3000, Differences = 2 }, Rebuilt.Projections[1] with { Live = 812_344, Differences = 1 }],
            Differences =
            [
                new ReplayDifference { Table = "mt_doc_pods", Kind = "Pod", Namespace = "shop", Name = "web", Uid = "u-1", Id = "u-1", Type = ReplayDifferenceTypes.Changed, Paths = ["object.spec.containers[0].image", "sequence"] },
                new ReplayDifference { Table = "mt_doc_kube_events", Kind = "Event", Namespace = "shop", Name = "web.0000000000004f00", Id = "20224", Type = ReplayDifferenceTypes.MissingFromLive },
            ],
        };

        var lines = Print(status).Split('\n');

        Assert.Contains("mt_doc_pods          Pod     3,000     3,000     2", lines);
        Assert.Contains("3 differences, the first 2 listed (verified in 3.50 s):", lines);
        Assert.Contains("  Changed           Pod shop/web                      uid u-1: object.spec.containers[0].image, sequence", lines);
        Assert.Contains("  MissingFromLive   Event shop/web.0000000000004f00   the record makes it; the live table does not have it", lines);
    }

    [Fact]
    public void An_equal_replay_says_so()
    {
        var equal = Print(Rebuilt with { Equal = true, VerifySeconds = 1, Projections = [Rebuilt.Projections[0] with { Live = 3000, Differences = 0 }] });

        Assert.EndsWith("Verified in 1.00 s: the rebuilt state equals the live state, object by object.", equal);
    }

    [Theory]
    [InlineData(null, "node-1", "Node node-1")]
    [InlineData(null, null, "Node [mt_doc_nodes 42]")]
    public void A_difference_names_its_object_or_else_its_row(string? ns, string? name, string subject)
    {
        Assert.Equal(subject, ReplayReport.Subject(new ReplayDifference { Table = "mt_doc_nodes", Kind = "Node", Namespace = ns, Name = name, Id = "42" }));
    }
}
