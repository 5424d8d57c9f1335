using System.Text.Json;
using System.Text.Json.Nodes;
using EventOrch.Contracts.Diffing;
using EventOrch.Contracts.Model;
using EventOrch.Contracts.Serialization;

namespace EventOrch.Tests.Unit.Diffing;

public sealed class ObjectDiffTests
{
    private static Deployment Web(int replicas = 2, string image = "web:1", Dictionary<string, string>? labels = null, bool logFirst = false) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", ResourceVersion = "10", Labels = labels ?? new() { ["app"] = "web" } },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelectorSpec { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec
                {
                    Containers = logFirst
                        ? [new Container { Name = "log", Image = "log:1" }, new Container { Name = "web", Image = image }]
                        : [new Container { Name = "web", Image = image }, new Container { Name = "log", Image = "log:1" }],
                },
            },
        },
    };

    private static IEnumerable<string> Lines(IReadOnlyList<FieldChange> changes) => changes.Select(c => ObjectDiffText.Line(c));

    [Fact]
    public void A_scale_is_one_changed_field_with_its_old_and_new_value()
    {
        var changes = ObjectDiff.Compare(Web(replicas: 2), Web(replicas: 3) with { Metadata = Web().Metadata with { ResourceVersion = "11" } },
            ObjectDiffOptions.Objects);

        Assert.True(changes.Count == 1, string.Join("\n", Lines(changes)));
        var change = changes[0];
        Assert.Equal(("spec.replicas", FieldChangeOp.Changed, 2, 3), (change.Path, change.Op, change.Old!.GetValue<int>(), change.New!.GetValue<int>()));
        Assert.Equal("~ spec.replicas: 2 -> 3", ObjectDiffText.Line(change));
    }

    [Fact]
    public void Containers_are_matched_by_their_merge_key_whatever_their_order()
    {
        var old = Web();
        var reordered = Web(image: "web:2", logFirst: true);

        Assert.Equal(["~ spec.template.spec.containers[name=web].image: web:1 -> web:2"], Lines(ObjectDiff.Compare(old, reordered)));
    }

    [Fact]
    public void Map_keys_are_added_removed_and_changed_and_odd_keys_are_quoted()
    {
        var old = Web(labels: new() { ["app"] = "web", ["tier"] = "front" });
        var @new = Web(labels: new() { ["app"] = "web2", ["app.kubernetes.io/name"] = "web" });

        Assert.Equal(
            [
                "~ metadata.labels.app: web -> web2",
                "- metadata.labels.tier: front",
                "+ metadata.labels[\"app.kubernetes.io/name\"]: web",
            ],
            Lines(ObjectDiff.Compare(old, @new)));
    }

    [Fact]
    public void Elements_added_or_removed_from_a_merged_list_are_whole_and_finalizers_are_a_set()
    {
        var old = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Finalizers = ["a", "b"] },
            Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "i" }] },
        };
        var @new = old with
        {
            Metadata = old.Metadata with { Finalizers = ["b", "c"] },
            Spec = old.Spec with { Containers = [.. old.Spec.Containers, new Container { Name = "side", Image = "s" }] },
        };

        var changes = ObjectDiff.Compare(old, @new);

        Assert.Equal(["- metadata.finalizers[]: a", "+ metadata.finalizers[]: c", "+ spec.containers[name=side]: {\"name\":\"side\",\"image\":\"s\"}"],
            Lines(changes));
        Assert.Equal(FieldChangeOp.Added, changes[2].Op);
        Assert.IsType<ElementSegment>(changes[2].Segments[^1]);
    }

    [Fact]
    public void Conditions_are_matched_by_type_and_lists_without_a_key_by_position()
    {
        var old = new PodStatus
        {
            Conditions = [new PodCondition { Type = "Ready", Status = "False" }, new PodCondition { Type = "PodScheduled", Status = "True" }],
        };
        var @new = old with { Conditions = [new PodCondition { Type = "PodScheduled", Status = "True" }, new PodCondition { Type = "Ready", Status = "True" }] };
        var command = JsonNode.Parse("""{"command":["sleep","10"]}""");
        var longer = JsonNode.Parse("""{"command":["sleep","20","--quiet"]}""");

        Assert.Equal(["~ conditions[type=Ready].status: False -> True"], Lines(ObjectDiff.Compare(old, @new)));
        Assert.Equal(["~ command[1]: \"10\" -> \"20\"", "+ command[2]: --quiet"], Lines(ObjectDiff.Compare(command, longer, PatchSchema.Unknown)));
    }

    [Fact]
    public void From_nothing_every_leaf_is_added_and_to_nothing_every_leaf_removed()
    {
        var config = new ConfigMap { Metadata = new ObjectMeta { Name = "c" }, Data = new() { ["k"] = "v" } };

        Assert.Equal(["+ apiVersion: v1", "+ kind: ConfigMap", "+ metadata.name: c", "+ data.k: v"], Lines(ObjectDiff.Compare(null, config)));
        Assert.All(ObjectDiff.Compare(config, null), c => Assert.Equal(FieldChangeOp.Removed, c.Op));
        Assert.Empty(ObjectDiff.Compare(config, config with { }));
    }

    [Fact]
    public void Hidden_fields_say_they_changed_but_not_their_values()
    {
        var old = new Secret { Metadata = new ObjectMeta { Name = "s" }, Data = new() { ["password"] = "one"u8.ToArray(), ["user"] = "u"u8.ToArray() } };
        var @new = old with { Data = new() { ["password"] = "two"u8.ToArray(), ["user"] = "u"u8.ToArray(), ["token"] = "t"u8.ToArray() } };
        var options = new ObjectDiffOptions { Hides = path => path is [FieldSegment { Name: "data" }, ..] };

        var changes = ObjectDiff.Compare(old, @new, options);

        Assert.Equal(["~ data.password: (hidden)", "+ data.token: (hidden)"], Lines(changes));
        Assert.All(changes, c => Assert.True(c.Hidden && c.Old is null && c.New is null));
        Assert.DoesNotContain("dHdv", JsonSerializer.Serialize(changes, KubeJson.Options));
    }

    [Fact]
    public void A_change_serialises_as_path_op_old_and_new()
    {
        var change = ObjectDiff.Compare(Web(replicas: 1), Web(replicas: 4), ObjectDiffOptions.Objects).Single();

        var json = JsonSerializer.SerializeToNode(change, KubeJson.Options)!.AsObject();

        Assert.Equal("""{"path":"spec.replicas","op":"changed","old":1,"new":4,"hidden":false}""", json.ToJsonString());
        var read = JsonSerializer.Deserialize<FieldChange>(json.ToJsonString(), KubeJson.Options)!;
        Assert.Equal(("spec.replicas", FieldChangeOp.Changed, 1, 4), (read.Path, read.Op, read.Old!.GetValue<int>(), read.New!.GetValue<int>()));
    }

    [Fact]
    public void Long_values_are_cut_in_the_text()
    {
        var change = FieldChange.At([new FieldSegment("note")], FieldChangeOp.Added, null, JsonValue.Create(new string('x', 100)));

        Assert.Equal("+ note: " + new string('x', 17) + "...", ObjectDiffText.Line(change, maxValueLength: 20));
    }

    [Fact]
    public void A_secrets_values_and_its_last_applied_copy_are_hidden_by_the_options_for_its_kind()
    {
        var old = new Secret
        {
            Metadata = new ObjectMeta { Name = "s", Labels = new() { ["a"] = "1" }, Annotations = new() { [ObjectDiffOptions.LastAppliedAnnotation] = "{\"data\":{\"k\":\"b25l\"}}" } },
            Data = new() { ["k"] = "one"u8.ToArray() },
        };
        var @new = old with
        {
            Metadata = old.Metadata with { Labels = new() { ["a"] = "2" }, Annotations = new() { [ObjectDiffOptions.LastAppliedAnnotation] = "{\"data\":{\"k\":\"dHdv\"}}" } },
            Data = new() { ["k"] = "two"u8.ToArray() },
        };

        var changes = ObjectDiff.Compare(old, @new, ObjectDiffOptions.ForKind(Contracts.Kinds.ResourceKind.Secret));

        Assert.Equal(["~ metadata.labels.a: \"1\" -> \"2\"", "~ metadata.annotations[\"kubectl.kubernetes.io/last-applied-configuration\"]: (hidden)", "~ data.k: (hidden)"],
            Lines(changes));
    }
}
