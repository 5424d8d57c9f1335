using EventOrch.Cli;
using EventOrch.Cli.Commands;
using EventOrch.Cli.Manifests;

namespace EventOrch.Tests.Unit.Cli;

public sealed class ManifestReaderTests
{
    [Fact]
    public void A_yaml_stream_gives_each_document_and_a_list_gives_its_items()
    {
        var manifests = ManifestReader.Parse("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            ---
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Service, metadata: {name: web}}
            - {apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: shop}}
            """, "all.yaml");

        Assert.Equal([("Namespace", "shop", null), ("Service", "web", null), ("Deployment", "web", "shop")],
            manifests.Select(m => (m.Kind, m.Name, m.Namespace)));
        Assert.All(manifests, m => Assert.Equal("all.yaml", m.Source));
    }

    [Fact]
    public void Json_is_read_as_json()
    {
        var manifests = ManifestReader.Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[]}}""", "p.json");

        Assert.Equal("p", Assert.Single(manifests).Name);
    }

    [Theory]
    [InlineData("kind: Pod\nmetadata: {name: p}", "apiVersion not set")]
    [InlineData("apiVersion: v1\nmetadata: {name: p}", "kind not set")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {generateName: p-}", "metadata.generateName is not supported by apply")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: [", "error parsing bad.yaml")]
    [InlineData("- just\n- a list", "an object must be a mapping")]
    public void A_manifest_that_is_not_an_object_with_apiVersion_kind_and_name_is_refused(string text, string message) =>
        Assert.Contains(message, Assert.Throws<CliException>(() => ManifestReader.Parse(text, "bad.yaml")).Message);

    [Fact]
    public void A_directory_is_read_file_by_file_and_with_recursive_below_too()
    {
        var root = Directory.CreateTempSubdirectory("eoctl-manifests-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "sub"));
            File.WriteAllText(Path.Combine(root, "a.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n");
            File.WriteAllText(Path.Combine(root, "notes.txt"), "not a manifest");
            File.WriteAllText(Path.Combine(root, "sub", "b.json"), """{"apiVersion":"v1","kind":"Service","metadata":{"name":"b"}}""");

            Assert.Equal(["a"], ManifestReader.Read([root], recursive: false, "/", () => TextReader.Null, "apply").Select(m => m.Name));
            Assert.Equal(["a", "b"], ManifestReader.Read([root], recursive: true, "/", () => TextReader.Null, "apply").Select(m => m.Name));
            Assert.Equal(["c"], ManifestReader.Read(["-"], false, "/", () => new StringReader("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"c\"}}"), "apply")
                .Select(m => m.Name));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("500ms", 0.5)]
    [InlineData("90", 90)]
    [InlineData("0", 0)]
    public void Durations_are_read_in_gos_syntax(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text, "--timeout"));

    [Theory]
    [InlineData("5 minutes")]
    [InlineData("5x")]
    [InlineData("-1m")]
    public void A_duration_that_is_not_one_is_refused(string text) =>
        Assert.Throws<CliException>(() => Durations.Parse(text, "--timeout"));
}
