using System.Security.Claims;
using EventOrch.Api.Authorization;
using EventOrch.Api.Refusals;
using EventOrch.Api.Requests;
using EventOrch.Contracts.Kinds;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace EventOrch.Tests.Unit.Refusals;

public sealed class RefusalDescriptionTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/team-a/pods", "", "get", "team-a")]
    [InlineData("GET", "/api/v1/namespaces/team-a/pods", "?watch=true", "watch", "team-a")]
    [InlineData("GET", "/apis/apps/v1/namespaces/team-b/deployments/web", "", "get", "team-b")]
    [InlineData("POST", "/api/v1/namespaces/team-a/configmaps", "", "create", "team-a")]
    [InlineData("PUT", "/api/v1/namespaces/x", "", "update", null)]
    [InlineData("PATCH", "/api/v1/nodes/n1", "", "patch", null)]
    [InlineData("DELETE", "/api/v1/namespaces/team-a", "", "delete", null)]
    [InlineData("GET", "/apis/eventorch.io/v1/audit", "", "get", null)]
    public void A_refusal_before_authorisation_takes_its_verb_from_the_method_and_its_namespace_from_the_path(
        string method, string path, string query, string verb, string? @namespace)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Response.StatusCode = 401;

        var refusal = RefusalLog.Describe(context, DateTimeOffset.UnixEpoch);

        Assert.Equal((verb, @namespace, "system:anonymous", "Unauthorized"), (refusal.Verb, refusal.Namespace, refusal.User, refusal.Reason));
        Assert.Equal(path + query, refusal.Path);
    }

    [Fact]
    public void A_refusal_after_authorisation_is_described_in_the_authorizers_terms()
    {
        var context = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice"), new Claim(ClaimTypes.Role, "team-a")], "Bearer")),
        };
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/namespaces/team-b/pods/web/log";
        context.NoteAttributes(new RequestAttributes("alice", ["team-a"], "get", ResourceKind.Pod, "log", "team-b", "web"));
        context.Response.StatusCode = 403;

        var refusal = RefusalLog.Describe(context, DateTimeOffset.UnixEpoch);

        Assert.Equal(("alice", "get", "", "pods", "log", "team-b", "web"),
            (refusal.User, refusal.Verb, refusal.ApiGroup, refusal.Resource, refusal.Subresource, refusal.Namespace, refusal.Name));
        Assert.Equal(["team-a"], refusal.Groups!);
        Assert.Equal(("Forbidden", 403), (refusal.Reason, refusal.Code));
    }
}
