using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class ObjectMetaValidationTests
{
    private static readonly ObjectMeta Valid = new() { Name = "web", Namespace = "default" };

    private static IEnumerable<string> Create(ObjectMeta meta, bool namespaced = true) =>
        ObjectMetaValidation.ValidateCreate(meta, namespaced, NameValidation.NameIsDnsSubdomain).Select(e => e.Message);

    [Fact]
    public void Valid_metadata_has_no_errors() => Assert.Empty(Create(Valid));

    [Fact]
    public void A_name_is_required() =>
        Assert.Equal(["metadata.name: Required value: name or generateName is required"], Create(Valid with { Name = null }));

    [Fact]
    public void The_name_must_satisfy_the_kind_name_rule() =>
        Assert.Equal(
            ["metadata.name: Invalid value: \"Foo_bar\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
             "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
             "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
            Create(Valid with { Name = "Foo_bar" }));

    [Fact]
    public void A_generate_name_is_checked_as_a_prefix() =>
        Assert.Single(Create(Valid with { GenerateName = "Web-" }), m => m.StartsWith("metadata.generateName: Invalid value: \"Web-\""));

    [Fact]
    public void A_namespaced_kind_requires_a_valid_namespace()
    {
        Assert.Equal(["metadata.namespace: Required value"], Create(Valid with { Namespace = null }));
        Assert.Single(Create(Valid with { Namespace = "a.b" }), m => m.StartsWith("metadata.namespace: Invalid value: \"a.b\": must not contain dots"));
    }

    [Fact]
    public void A_cluster_scoped_kind_forbids_a_namespace() =>
        Assert.Equal(["metadata.namespace: Forbidden: not allowed on this type"], Create(Valid, namespaced: false));

    [Fact]
    public void Label_keys_and_values_are_validated_under_metadata_labels()
    {
        var errors = Create(Valid with { Labels = new() { ["app"] = "-bad", ["bad key"] = "ok" } }).ToList();

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string", errors[0]);
        Assert.StartsWith("metadata.labels: Invalid value: \"bad key\": name part must consist of", errors[1]);
    }

    [Fact]
    public void Annotation_keys_ignore_case_and_the_total_size_is_limited()
    {
        Assert.Empty(Create(Valid with { Annotations = new() { ["Example.COM/Key"] = "any value at all: {}" } }));
        Assert.Equal(
            ["metadata.annotations: Too long: may not be more than 262144 bytes"],
            Create(Valid with { Annotations = new() { ["big"] = new string('x', 262144) } }));
    }

    [Fact]
    public void Only_one_owner_reference_may_be_the_controller()
    {
        OwnerReference Owner(string name) => new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = name, Uid = name, Controller = true };

        var errors = Create(Valid with { OwnerReferences = [Owner("a"), Owner("b")] });

        Assert.Single(errors, m => m.StartsWith("metadata.ownerReferences: Invalid value: [") &&
            m.EndsWith("Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/a and ReplicaSet/b"));
    }

    [Fact]
    public void Owner_references_need_version_kind_name_and_uid() =>
        Assert.Equal(
            [
                "metadata.ownerReferences.apiVersion: Invalid value: \"apps/\": version must not be empty",
                "metadata.ownerReferences.kind: Invalid value: \"\": must not be empty",
                "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
                "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty",
            ],
            Create(Valid with { OwnerReferences = [new OwnerReference { ApiVersion = "apps/" }] }));

    [Fact]
    public void Finalizers_must_be_qualified_names() =>
        Assert.Single(Create(Valid with { Finalizers = ["bad finalizer"] }), m => m.StartsWith("metadata.finalizers: Invalid value: \"bad finalizer\""));

    [Theory]
    [InlineData("name", "metadata.name: Invalid value: \"other\": field is immutable")]
    [InlineData("namespace", "metadata.namespace: Invalid value: \"other\": field is immutable")]
    [InlineData("uid", "metadata.uid: Invalid value: \"other\": field is immutable")]
    [InlineData("creationTimestamp", "metadata.creationTimestamp: Invalid value: \"2025-02-03T04:05:06Z\": field is immutable")]
    public void Identity_fields_are_immutable_on_update(string field, string error)
    {
        var old = Valid with { Uid = "u1", CreationTimestamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var updated = field switch
        {
            "name" => old with { Name = "other" },
            "namespace" => old with { Namespace = "other" },
            "uid" => old with { Uid = "other" },
            _ => old with { CreationTimestamp = new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.Zero) },
        };

        Assert.Equal([error], ObjectMetaValidation.ValidateUpdate(updated, old).Select(e => e.Message));
    }

    [Fact]
    public void An_update_that_omits_uid_and_creation_time_keeps_them()
    {
        var old = Valid with { Uid = "u1", CreationTimestamp = DateTimeOffset.UnixEpoch };

        Assert.Empty(ObjectMetaValidation.ValidateUpdate(Valid with { Labels = new() { ["a"] = "b" } }, old));
    }

    [Fact]
    public void No_finalizer_may_be_added_once_deletion_started()
    {
        var old = Valid with { DeletionTimestamp = DateTimeOffset.UnixEpoch, Finalizers = ["example.com/a"] };

        var errors = ObjectMetaValidation.ValidateUpdate(old with { Finalizers = ["example.com/a", "example.com/b"] }, old);

        Assert.Equal(
            ["metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/b\"}"],
            errors.Select(e => e.Message));
    }
}
