using EventOrch.Contracts.Model;
using EventOrch.Contracts.Validation;

namespace EventOrch.Tests.Unit.Validation;

public sealed class FieldErrorTests
{
    private static readonly FieldPath Containers = FieldPath.Root("spec").Child("containers");

    [Fact]
    public void Field_paths_render_children_indexes_and_keys()
    {
        Assert.Equal("spec.containers[0].ports[1].containerPort", Containers.Index(0).Child("ports").Index(1).Child("containerPort").ToString());
        Assert.Equal("spec.containers[0].resources.requests[cpu]", (string)Containers.Index(0).Child("resources").Child("requests").Key("cpu"));
    }

    [Fact]
    public void A_required_error_shows_no_value() =>
        Assert.Equal("spec.containers[0].image: Required value", FieldError.Required(Containers.Index(0).Child("image")).Message);

    [Fact]
    public void A_required_error_with_detail_appends_it() =>
        Assert.Equal("metadata.name: Required value: name or generateName is required",
            FieldError.Required("metadata.name", "name or generateName is required").Message);

    [Fact]
    public void An_invalid_string_is_quoted_and_followed_by_the_detail() =>
        Assert.Equal("metadata.name: Invalid value: \"Foo_bar\": bad", FieldError.Invalid("metadata.name", "Foo_bar", "bad").Message);

    [Fact]
    public void An_invalid_number_is_not_quoted() =>
        Assert.Equal("spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            FieldError.Invalid(Containers.Index(0).Child("ports").Index(0).Child("containerPort"), 70000, "must be between 1 and 65535, inclusive").Message);

    [Fact]
    public void A_duplicate_error_quotes_the_value() =>
        Assert.Equal("spec.containers[1].name: Duplicate value: \"web\"", FieldError.Duplicate(Containers.Index(1).Child("name"), "web").Message);

    [Fact]
    public void A_not_supported_error_lists_the_supported_values() =>
        Assert.Equal("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
            FieldError.NotSupported("spec.restartPolicy", "Sometimes", ["Always", "OnFailure", "Never"]).Message);

    [Fact]
    public void A_forbidden_error_shows_only_the_detail() =>
        Assert.Equal("spec.containers: Forbidden: pod updates may not add or remove containers",
            FieldError.Forbidden("spec.containers", "pod updates may not add or remove containers").Message);

    [Fact]
    public void Not_found_and_too_long_use_kubernetes_wording()
    {
        Assert.Equal("spec.containers[0].volumeMounts[0].name: Not found: \"data\"", FieldError.NotFound("spec.containers[0].volumeMounts[0].name", "data").Message);
        Assert.Equal("metadata.annotations: Too long: may not be more than 262144 bytes", FieldError.TooLong("metadata.annotations", 262144).Message);
    }

    [Fact]
    public void Values_are_quoted_like_go()
    {
        Assert.Equal("a: Invalid value: \"say \\\"hi\\\"\\n\": x", FieldError.Invalid("a", "say \"hi\"\n", "x").Message);
        Assert.Equal("a: Invalid value: null: x", FieldError.Invalid("a", null, "x").Message);
    }

    [Fact]
    public void A_status_cause_carries_the_type_the_body_and_the_field()
    {
        var cause = FieldError.Duplicate("spec.containers[1].name", "web").ToStatusCause();

        Assert.Equal(new StatusCause { Reason = FieldErrorTypes.Duplicate, Message = "Duplicate value: \"web\"", Field = "spec.containers[1].name" }, cause);
    }

    [Fact]
    public void The_aggregate_message_lists_distinct_errors_in_brackets()
    {
        var one = FieldError.Required("spec.containers");
        var two = FieldError.Invalid("metadata.name", "A", "bad");

        Assert.Equal("spec.containers: Required value", FieldErrors.Aggregate([one, one]));
        Assert.Equal("[spec.containers: Required value, metadata.name: Invalid value: \"A\": bad]", FieldErrors.Aggregate([one, two, one]));
        Assert.Equal("Pod \"web\" is invalid: spec.containers: Required value", FieldErrors.InvalidMessage("Pod", "web", [one]));
    }
}
