using System.Globalization;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace EventOrch.NodeAgent.Runtime;

/// <summary>Translations between the runtime's records and Docker's API models.</summary>
internal static class DockerMapping
{
    public static ContainerState ToState(ContainerInspectResponse inspect)
    {
        var state = inspect.State;
        var run = ToRunState(state.Status);
        // A container whose start failed stays "created" but carries the exit code (127, 126, ...) and the error.
        int? exitCode = run == ContainerRunState.Exited || state.ExitCode != 0 ? (int)state.ExitCode : null;
        var startedAt = ParseTime(state.StartedAt);
        var finishedAt = ParseTime(state.FinishedAt);
        // The engine stamps StartedAt when its start call returns and FinishedAt from the exit event, so a process
        // that exits at once can seem to finish a moment before it started; it finished no earlier than it started.
        if (finishedAt < startedAt) finishedAt = startedAt;
        return new ContainerState(run, exitCode, startedAt, finishedAt,
            string.IsNullOrEmpty(state.Error) ? null : state.Error, state.OOMKilled, inspect.Image ?? "");
    }

    public static ContainerRunState ToRunState(string? status) => status switch
    {
        "created" => ContainerRunState.Created,
        // A paused or restarting container still holds its process; the agent never pauses nor sets restart policies.
        "running" or "paused" or "restarting" => ContainerRunState.Running,
        "exited" or "dead" => ContainerRunState.Exited,
        _ => ContainerRunState.Unknown,
    };

    /// <summary>Docker reports a time never reached as Go's zero time, 0001-01-01T00:00:00Z.</summary>
    public static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.Year > 1
            ? time
            : null;

    /// <summary>Docker keys ports as "80/tcp", protocol in lower case.</summary>
    public static string PortKey(int containerPort, string protocol) =>
        $"{containerPort}/{(string.IsNullOrEmpty(protocol) ? "tcp" : protocol.ToLowerInvariant())}";

    public static IDictionary<string, IList<PortBinding>> PortBindings(IEnumerable<PortMapping> ports) =>
        ports.GroupBy(p => PortKey(p.ContainerPort, p.Protocol))
            .ToDictionary(g => g.Key, g => (IList<PortBinding>)g
                .Select(p => new PortBinding { HostIP = p.HostIp, HostPort = p.HostPort.ToString(CultureInfo.InvariantCulture) })
                .ToList());

    public static Dictionary<string, string> WithRole(IReadOnlyDictionary<string, string> labels, string role)
    {
        var result = new Dictionary<string, string>(labels);
        result.TryAdd(RuntimeLabels.Role, role);
        return result;
    }

    /// <summary>The engine's own words: its error bodies are {"message": "..."}.</summary>
    public static string EngineMessage(DockerApiException exception)
    {
        try
        {
            using var body = JsonDocument.Parse(exception.ResponseBody);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("message", out var message))
                return message.GetString() ?? exception.Message;
        }
        catch (JsonException)
        {
        }
        return string.IsNullOrWhiteSpace(exception.ResponseBody) ? exception.Message : exception.ResponseBody.Trim();
    }

    /// <summary>Splits "registry:5000/repo:tag" or "repo@sha256:..." into the pull API's repository and tag. With no
    /// tag the API would pull every tag of the repository, so "latest" is made explicit, as Kubernetes does.</summary>
    public static (string Repository, string Tag) SplitReference(string image)
    {
        var at = image.IndexOf('@');
        if (at >= 0) return (image[..at], image[(at + 1)..]);
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
