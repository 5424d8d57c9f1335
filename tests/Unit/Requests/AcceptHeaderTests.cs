using EventOrch.Api.Requests;
using Microsoft.AspNetCore.Http;

namespace EventOrch.Tests.Unit.Requests;

public sealed class AcceptHeaderTests
{
    private static IReadOnlyList<MediaRange> Parse(string accept)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Accept = accept;
        return AcceptHeader.Parse(http.Request);
    }

    [Fact]
    public void Entries_keep_their_parameters_and_come_in_order_of_quality_then_as_written()
    {
        var ranges = Parse("application/json;q=0.5, application/json;as=Table;v=v1;g=meta.k8s.io, */*;q=0.1");

        Assert.Equal(["application/json", "application/json", "*/*"], ranges.Select(r => r.MediaType));
        Assert.Equal("Table", ranges[0].Parameter("as"));
        Assert.True(ranges[1].IsPlainJson);
    }

    [Fact]
    public void Media_types_that_are_not_rfc_tokens_are_still_read()
    {
        var range = Assert.Single(Parse("application/com.github.proto-openapi.spec.v2@v1.0+protobuf"));

        Assert.Equal("application/com.github.proto-openapi.spec.v2@v1.0+protobuf", range.MediaType);
        Assert.False(range.AdmitsJson);
    }

    [Fact]
    public void An_entry_of_quality_zero_is_refused_outright()
    {
        Assert.Empty(Parse("application/json;q=0"));
    }
}
