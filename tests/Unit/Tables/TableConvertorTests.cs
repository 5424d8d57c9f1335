using EventOrch.Api.Tables;
using EventOrch.Api.Tables.Printers;
using EventOrch.Contracts.Kinds;
using EventOrch.Contracts.Model;
using Microsoft.AspNetCore.Http;

namespace EventOrch.Tests.Unit.Tables;

public sealed class TableConvertorTests
{
    private const string KubectlAccept =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private readonly TableConvertor _tables = new([new PodPrinter()], TimeProvider.System);

    private static HttpRequest Request(string? accept, string? includeObject = null)
    {
        var http = new DefaultHttpContext();
        if (accept is not null) http.Request.Headers.Accept = accept;
        if (includeObject is not null) http.Request.QueryString = new QueryString($"?includeObject={includeObject}");
        return http.Request;
    }

    [Theory]
    [InlineData(KubectlAccept, "meta.k8s.io/v1")]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json", "meta.k8s.io/v1beta1")]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io, application/json;as=Table;v=v1;g=meta.k8s.io", "meta.k8s.io/v1")]
    [InlineData("application/json;q=0.5, application/json;as=Table;v=v1;g=meta.k8s.io", "meta.k8s.io/v1")]
    public void The_first_acceptable_table_entry_is_honoured(string accept, string apiVersion)
    {
        var negotiated = _tables.Negotiate(Request(accept));

        Assert.True(negotiated.IsSuccess);
        Assert.Equal(apiVersion, negotiated.Value!.ApiVersion);
        Assert.Equal(IncludeObject.Metadata, negotiated.Value.IncludeObject);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("application/json, application/json;as=Table;v=v1;g=meta.k8s.io")]
    public void A_request_preferring_plain_json_gets_the_object(string? accept)
    {
        var negotiated = _tables.Negotiate(Request(accept));

        Assert.True(negotiated.IsSuccess);
        Assert.Null(negotiated.Value);
        Assert.False(_tables.Wants(Request(accept)));
    }

    [Fact]
    public void A_request_accepting_only_unserved_conversions_is_not_acceptable()
    {
        var negotiated = _tables.Negotiate(Request("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io"));

        Assert.Equal(406, negotiated.Error?.Code);
    }

    [Theory]
    [InlineData("None", IncludeObject.None)]
    [InlineData("Object", IncludeObject.Object)]
    [InlineData("Metadata", IncludeObject.Metadata)]
    public void Include_object_chooses_what_rows_carry(string include, IncludeObject expected)
    {
        Assert.Equal(expected, _tables.Negotiate(Request(KubectlAccept, include)).Value!.IncludeObject);
    }

    [Fact]
    public void An_unknown_include_object_is_a_bad_request_naming_the_parameter()
    {
        var negotiated = _tables.Negotiate(Request(KubectlAccept, "Everything"));

        Assert.Equal(400, negotiated.Error?.Code);
        Assert.Equal("includeObject", negotiated.Error!.Details!.Causes![0].Field);
    }

    [Fact]
    public void Rows_carry_partial_metadata_the_whole_object_or_nothing()
    {
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p", Namespace = "default", Labels = new() { ["app"] = "web" } } };

        var metadata = _tables.Convert(ResourceKind.Pod, [pod], TableOptions.Default).Rows[0].Object;
        var whole = _tables.Convert(ResourceKind.Pod, [pod], TableOptions.Default with { IncludeObject = IncludeObject.Object }).Rows[0].Object;
        var none = _tables.Convert(ResourceKind.Pod, [pod], TableOptions.Default with { IncludeObject = IncludeObject.None }).Rows[0].Object;

        var partial = Assert.IsType<PartialObjectMetadata>(metadata);
        Assert.Equal(("meta.k8s.io/v1", "PartialObjectMetadata", "default"), (partial.ApiVersion, partial.Kind, partial.Metadata.Namespace));
        Assert.Same(pod, whole);
        Assert.Null(none);
    }

    [Fact]
    public void A_kind_without_a_printer_gets_name_and_age_and_a_list_keeps_its_metadata()
    {
        var lease = new Lease { Metadata = new ObjectMeta { Name = "l", CreationTimestamp = DateTimeOffset.UtcNow } };

        var table = _tables.Convert(ResourceKind.Lease, [lease], TableOptions.Default, new ListMeta { ResourceVersion = "42", Continue = "next" });

        Assert.Equal(["Name", "Age"], table.ColumnDefinitions.Select(c => c.Name));
        Assert.Equal(("42", "next"), (table.Metadata.ResourceVersion, table.Metadata.Continue));
        Assert.Equal("l", table.Rows[0].Cells[0]);
    }

    [Fact]
    public void A_table_of_one_object_carries_its_resource_version_and_rows_the_tables_version()
    {
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p", ResourceVersion = "17" } };

        var table = _tables.Convert(ResourceKind.Pod, [pod], TableOptions.Default with { ApiVersion = "meta.k8s.io/v1beta1" });

        Assert.Equal("17", table.Metadata.ResourceVersion);
        Assert.Equal("meta.k8s.io/v1beta1", Assert.IsType<PartialObjectMetadata>(table.Rows[0].Object).ApiVersion);
    }

    [Fact]
    public void A_table_for_a_later_watch_event_leaves_the_columns_out()
    {
        var table = _tables.Convert(ResourceKind.Pod, [new Pod()], TableOptions.Default with { IncludeColumns = false });

        Assert.Empty(table.ColumnDefinitions);
        Assert.Single(table.Rows);
    }
}
