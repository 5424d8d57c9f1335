using EventOrch.Cli.Output;
using EventOrch.Contracts.Model;

namespace EventOrch.Tests.Unit.Cli;

public sealed class ErrorMessagesTests
{
    [Fact]
    public void A_status_prints_as_error_from_server_with_its_reason() =>
        Assert.Equal("Error from server (NotFound): pods \"x\" not found",
            ErrorMessages.FromStatus(new Status { Code = 404, Reason = StatusReasons.NotFound, Message = "pods \"x\" not found" }));

    [Fact]
    public void A_bare_http_error_gets_the_reason_and_message_its_code_implies() =>
        Assert.Equal("Error from server (NotFound): the server could not find the requested resource",
            ErrorMessages.FromStatus(new Status { Code = 404, Message = "Not Found" }));

    [Fact]
    public void An_invalid_object_lists_its_causes()
    {
        var status = new Status
        {
            Code = 422,
            Reason = StatusReasons.Invalid,
            Message = "Deployment \"web\" is invalid: ...",
            Details = new StatusDetails
            {
                Kind = "Deployment",
                Name = "web",
                Causes =
                [
                    new StatusCause { Field = "spec.replicas", Message = "Invalid value: -1: must be greater than or equal to 0" },
                    new StatusCause { Field = "spec.selector", Message = "Required value" },
                ],
            },
        };

        Assert.Equal("The Deployment \"web\" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.selector: Required value",
            ErrorMessages.FromStatus(status));
    }

    [Fact]
    public void What_was_being_done_goes_before_the_message() =>
        Assert.Equal("Error from server (Forbidden): error when applying \"web.yaml\": pods is forbidden",
            ErrorMessages.FromStatus(new Status { Code = 403, Reason = StatusReasons.Forbidden, Message = "pods is forbidden" }, "error when applying \"web.yaml\""));

    [Fact]
    public void Unauthorized_asks_to_log_in() =>
        Assert.Equal("error: You must be logged in to the server (Unauthorized)",
            ErrorMessages.FromStatus(new Status { Code = 401, Reason = StatusReasons.Unauthorized, Message = "Unauthorized" }));
}
