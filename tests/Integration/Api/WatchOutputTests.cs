using System.Text;
using EventOrch.Contracts.Model;
using EventOrch.Tests.Support;

namespace EventOrch.Tests.Integration.Api;

/// <summary>What a watch writes besides plain objects: one-row Tables for kubectl get -w, and Secrets opened as the Api
/// serves them (their events hold only ciphertext).</summary>
public sealed class WatchOutputTests(ApiServer api) : IClassFixture<ApiServer>
{
    private async Task<string> NamespaceAsync()
    {
        var name = $"wo-{Guid.NewGuid():N}"[..10];
        await api.Client.SendAsync<Namespace>(HttpMethod.Post, "/api/v1/namespaces", new Namespace { Metadata = new ObjectMeta { Name = name } });
        return name;
    }

    [Fact]
    public async Task A_watch_asking_for_tables_gets_one_row_tables_with_the_columns_first_only()
    {
        var ns = await NamespaceAsync();
        using var client = api.CreateClient(api.AdminToken);
        client.DefaultRequestHeaders.Add("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        await api.Client.CreatePodAsync(ObjectClient.NewPod("first"), ns);
        await using var watch = await WatchClient.OpenAsync(client, $"{ObjectClient.PodsPath(ns)}?watch=1");

        var first = await watch.NextAsync();
        await api.Client.CreatePodAsync(ObjectClient.NewPod("second"), ns);
        var second = await watch.NextAsync();

        Assert.Equal("ADDED", first.Type);
        Assert.Equal("Table", first.Object["kind"]!.GetValue<string>());
        Assert.Equal("Name", first.Object["columnDefinitions"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("first", first.Object["rows"]![0]!["cells"]![0]!.GetValue<string>());
        Assert.Equal("second", second.Object["rows"]![0]!["cells"]![0]!.GetValue<string>());
        Assert.Null(second.Object["columnDefinitions"]?.AsArray().FirstOrDefault());
    }

    [Fact]
    public async Task A_watch_of_secrets_shows_their_data_and_never_the_sealed_form()
    {
        var ns = await NamespaceAsync();
        await using var watch = await WatchClient.OpenAsync(api.Client, $"/api/v1/namespaces/{ns}/secrets?watch=1&resourceVersion=0");
        await api.Client.SendAsync<Secret>(HttpMethod.Post, $"/api/v1/namespaces/{ns}/secrets",
            new Secret { Metadata = new ObjectMeta { Name = "creds" }, StringData = new() { ["password"] = "s3cret" } });

        var added = await watch.NextAsync();

        Assert.Equal("ADDED", added.Type);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cret")), added.Object["data"]!["password"]!.GetValue<string>());
        Assert.Null(added.Object["sealed"]);
    }
}
