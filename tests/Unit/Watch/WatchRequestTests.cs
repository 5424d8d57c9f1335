using EventOrch.Api.Watch;

namespace EventOrch.Tests.Unit.Watch;

public sealed class WatchRequestTests
{
    private static readonly HashSet<string> Selectable = ["metadata.name", "metadata.namespace", "spec.nodeName"];

    private static Api.Requests.ApiResult<WatchRequest> Parse(string query, string? name = null)
    {
        var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));
        return WatchRequest.Parse(key => values.GetValueOrDefault(key), Selectable.Contains, name);
    }

    [Theory]
    [InlineData("", 0, true, true)]
    [InlineData("resourceVersion=0", 0, false, true)]
    [InlineData("resourceVersion=42", 42, false, false)]
    [InlineData("resourceVersion=42&sendInitialEvents=true&resourceVersionMatch=NotOlderThan", 42, false, true)]
    [InlineData("sendInitialEvents=false&resourceVersionMatch=NotOlderThan", 0, true, false)]
    public void The_resource_version_decides_where_the_watch_starts(string query, long resourceVersion, bool consistent, bool initialEvents)
    {
        var request = Parse(query).Value!;

        Assert.Equal(resourceVersion, request.ResourceVersion);
        Assert.Equal(consistent, request.Consistent);
        Assert.Equal(initialEvents, request.InitialEvents);
    }

    [Theory]
    [InlineData("resourceVersion=abc")]
    [InlineData("resourceVersion=-1")]
    [InlineData("resourceVersion=1.5")]
    public void A_resource_version_that_is_not_a_number_is_a_bad_request_naming_it(string query)
    {
        var status = Parse(query).Error!;

        Assert.Equal(400, status.Code);
        Assert.Equal("resourceVersion", status.Details!.Causes![0].Field);
    }

    [Theory]
    [InlineData("timeoutSeconds=x", "timeoutSeconds")]
    [InlineData("timeoutSeconds=-3", "timeoutSeconds")]
    [InlineData("allowWatchBookmarks=yes", "allowWatchBookmarks")]
    [InlineData("labelSelector=app%20in%20(web", "labelSelector")]
    [InlineData("fieldSelector=spec.hostname%3Dx", "fieldSelector")]
    public void A_malformed_parameter_is_a_bad_request_naming_it(string query, string field)
    {
        var status = Parse(query).Error!;

        Assert.Equal(400, status.Code);
        Assert.Equal(field, status.Details!.Causes![0].Field);
    }

    [Fact]
    public void Timeout_and_bookmarks_are_read()
    {
        var request = Parse("timeoutSeconds=30&allowWatchBookmarks=1").Value!;

        Assert.Equal(TimeSpan.FromSeconds(30), request.Timeout);
        Assert.True(request.AllowBookmarks);
        Assert.True(request.InitialEventsEndBookmark);
    }

    [Fact]
    public void A_zero_timeout_leaves_the_choice_to_the_server()
    {
        Assert.Null(Parse("timeoutSeconds=0").Value!.Timeout);
    }

    [Theory]
    [InlineData("sendInitialEvents=true", "resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")]
    [InlineData("resourceVersionMatch=NotOlderThan", "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")]
    [InlineData("sendInitialEvents=true&resourceVersionMatch=Exact",
        "[resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, resourceVersionMatch: Unsupported value: \"Exact\": supported values: \"NotOlderThan\"]")]
    public void Watch_list_options_are_validated_as_Kubernetes_does(string query, string message)
    {
        var status = Parse(query).Error!;

        Assert.Equal(422, status.Code);
        Assert.Equal($"ListOptions.meta.k8s.io \"\" is invalid: {message}", status.Message);
    }

    [Fact]
    public void A_legacy_path_name_selects_that_object()
    {
        var request = Parse("fieldSelector=spec.nodeName%3Dn1", name: "web").Value!;

        Assert.True(request.Fields.TryGetExactMatch("metadata.name", out var name));
        Assert.Equal("web", name);
        Assert.True(request.Fields.TryGetExactMatch("spec.nodeName", out _));
    }

    [Fact]
    public void A_legacy_path_name_that_contradicts_the_field_selector_is_a_bad_request()
    {
        Assert.Equal(400, Parse("fieldSelector=metadata.name%3Dother", name: "web").Error!.Code);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("T", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Booleans_are_read_as_Go_reads_them(string text, bool expected)
    {
        Assert.True(WatchRequest.TryParseBool(_ => text, "watch", out var value, out _));
        Assert.Equal(expected, value);
    }
}
