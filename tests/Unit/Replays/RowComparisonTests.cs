using EventOrch.Api.KubeEvents;
using EventOrch.Api.Replays;
using EventOrch.Api.Storage;
using Marten;
using Npgsql;

namespace EventOrch.Tests.Unit.Replays;

public sealed class RowComparisonTests
{
    private static async IAsyncEnumerable<StoredRow> Rows(params (object Id, string Json)[] rows)
    {
        foreach (var (id, json) in rows)
        {
            await Task.Yield();
            yield return new StoredRow(id, json);
        }
    }

    private static async Task<(RowCounts Counts, List<RowDifference> Differences)> CompareAsync(
        IAsyncEnumerable<StoredRow> live, IAsyncEnumerable<StoredRow> replayed, Func<string, string>? asRead = null)
    {
        var differences = new List<RowDifference>();
        var counts = await RowComparison.CompareAsync(live, replayed, differences.Add, CancellationToken.None, asRead);
        return (counts, differences);
    }

    [Fact]
    public async Task Rows_on_one_side_only_and_rows_whose_content_differs_are_each_reported_once_in_id_order()
    {
        var (counts, differences) = await CompareAsync(
            Rows((1L, """{"v":1}"""), (2L, """{"v":2}"""), (4L, """{"v":4}"""), (5L, """{"v":5}""")),
            Rows((2L, """{"v":2}"""), (3L, """{"v":3}"""), (4L, """{"v":40}"""), (6L, """{"v":6}""")));

        Assert.Equal(new RowCounts(Live: 4, Replayed: 4, Differences: 5), counts);
        Assert.Equal(
            [(1L, true, false, ""), (3L, false, true, ""), (4L, true, true, "v"), (5L, true, false, ""), (6L, false, true, "")],
            differences.Select(d => ((long)d.Id, d.Live is not null, d.Replayed is not null, string.Join(",", d.Paths))));
    }

    [Fact]
    public async Task Equal_tables_and_empty_tables_have_no_difference()
    {
        var equal = await CompareAsync(Rows((1L, """{"a":1.0}"""), (2L, "{}")), Rows((1L, """{"a":1}"""), (2L, "{}")));
        var empty = await CompareAsync(Rows(), Rows());

        Assert.Equal((new RowCounts(2, 2, 0), 0), (equal.Counts, equal.Differences.Count));
        Assert.Equal((new RowCounts(0, 0, 0), 0), (empty.Counts, empty.Differences.Count));
    }

    [Fact]
    public async Task A_table_empty_on_one_side_reports_every_row_of_the_other()
    {
        var (counts, differences) = await CompareAsync(Rows(), Rows((7, "{}"), (8, "{}")));

        Assert.Equal(new RowCounts(0, 2, 2), counts);
        Assert.All(differences, d => Assert.Null(d.Live));
    }

    [Fact]
    public async Task A_member_an_older_build_wrote_that_the_model_no_longer_has_is_no_difference_but_a_changed_field_still_is()
    {
        var options = new StoreOptions();
        MartenSetup.Configure(options, NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused"), "eventorch");
        var asRead = new DocumentTable(typeof(KubeEventRecord)).AsRead(options);
        const string replayed = """{"id":1,"name":"a","namespace":"ns","involvedUid":"u","involvedName":"p"}""";

        var (counts, differences) = await CompareAsync(
            Rows((1L, """{"id":1,"name":"a","namespace":"ns","involvedUid":"u","involvedName":"p","involvedKind":"Pod","sequence":7}"""),
                (2L, """{"id":2,"name":"b","namespace":"ns","involvedUid":"u","involvedName":"q","sequence":8}""")),
            Rows((1L, replayed), (2L, replayed.Replace("\"id\":1", "\"id\":2").Replace("\"a\"", "\"b\""))),
            asRead);

        Assert.Equal(new RowCounts(2, 2, 1), counts);
        Assert.Equal(["involvedName"], Assert.Single(differences).Paths);
    }

    [Fact]
    public void Uuids_are_ordered_as_PostgreSQL_orders_them_which_is_the_order_of_their_text()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        var byBytes = ids.Order(Comparer<Guid>.Create((a, b) => RowIds.Compare(a, b))).ToList();
        var byText = ids.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList();

        Assert.Equal(byText, byBytes);
    }

    [Theory]
    [InlineData(2L, 10L, -1)]
    [InlineData(30001, 30000, 1)]
    [InlineData("B", "a", -1)]
    public void Numbers_order_by_value_and_text_by_code_point(object a, object b, int sign)
    {
        Assert.Equal(sign, Math.Sign(RowIds.Compare(a, b)));
    }
}
