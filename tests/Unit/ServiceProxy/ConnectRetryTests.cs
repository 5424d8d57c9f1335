using System.Net.Sockets;
using EventOrch.ServiceProxy.Forwarding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace EventOrch.Tests.Unit.ServiceProxy;

public sealed class ConnectRetryTests
{
    private sealed record Failure(ForwarderError Error, Exception? Exception) : IForwarderErrorFeature;

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => canHaveBody;
    }

    [Theory]
    [InlineData("GET", false, true)]
    [InlineData("HEAD", false, true)]
    [InlineData("OPTIONS", false, true)]
    [InlineData("PUT", false, true)]
    [InlineData("DELETE", false, true)]
    [InlineData("PUT", true, false)]
    [InlineData("POST", false, false)]
    [InlineData("PATCH", false, false)]
    public void Only_idempotent_requests_without_a_body_are_retried(string method, bool body, bool retried)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(body));

        Assert.Equal(retried, ConnectRetryMiddleware.IsRetriable(context.Request, context.Features));
    }

    public static TheoryData<ForwarderError, Exception, bool> Failures => new()
    {
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), true },
        { ForwarderError.Request, new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), true },
        { ForwarderError.RequestTimedOut, new TaskCanceledException("connect", new TimeoutException()), true },
        { ForwarderError.RequestTimedOut, new TaskCanceledException("activity timeout"), false },
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), false },
        { ForwarderError.ResponseBodyDestination, new HttpRequestException(HttpRequestError.ConnectionError, "x"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Only_a_failure_to_connect_counts_as_one(ForwarderError error, Exception exception, bool connectFailure) =>
        Assert.Equal(connectFailure, ConnectRetryMiddleware.IsConnectFailure(new Failure(error, exception)));

    public static TheoryData<ForwarderError, Exception, bool> Resets => new()
    {
        { ForwarderError.Request, new HttpRequestException("x", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), true },
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), true },
        { ForwarderError.ResponseBodyDestination, new IOException("reset", new SocketException((int)SocketError.ConnectionReset)), false },
        { ForwarderError.ResponseBodyCanceled, new IOException("reset", new SocketException((int)SocketError.ConnectionReset)), false },
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ConnectionError, "refused"), false },
    };

    [Theory]
    [MemberData(nameof(Resets))]
    public void A_reset_before_any_response_counts_as_one(ForwarderError error, Exception exception, bool reset) =>
        Assert.Equal(reset, ConnectRetryMiddleware.IsResetBeforeResponse(new Failure(error, exception)));
}
