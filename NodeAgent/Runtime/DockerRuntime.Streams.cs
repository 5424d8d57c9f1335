using System.Globalization;
using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace EventOrch.NodeAgent.Runtime;

public sealed partial class DockerRuntime
{
    // Probes need the head of the output, not megabytes of it (the kubelet keeps 10 KiB).
    private const int MaxExecOutputBytes = 64 * 1024;

    public async Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string execId;
        try
        {
            execId = (await docker.Exec.ExecCreateContainerAsync(containerId,
                new ContainerExecCreateParameters { AttachStdout = true, AttachStderr = true, Cmd = [.. command] }, cancellationToken)).ID;
        }
        catch (DockerContainerNotFoundException)
        {
            return new ExecResult(-1, $"container {containerId} does not exist", false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return new ExecResult(-1, DockerMapping.EngineMessage(e), false); // "Container ... is not running"
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = new MemoryStream();
        try
        {
            using var stream = await docker.Exec.StartAndAttachContainerExecAsync(execId, tty: false, deadline.Token);
            // A read on the hijacked connection need not observe the token; closing the stream ends it for sure.
            using var closeOnDeadline = deadline.Token.Register(stream.Dispose);
            var buffer = new byte[8192];
            while (await stream.ReadOutputAsync(buffer, 0, buffer.Length, deadline.Token) is { EOF: false } read)
            {
                var room = MaxExecOutputBytes - (int)output.Length;
                if (room > 0) output.Write(buffer, 0, Math.Min(room, read.Count));
            }
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                  && e is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The engine has no way to kill an exec'd process: it runs on until it ends or the container stops.
            logger.ExecTimedOut(string.Join(' ', command), containerId, timeout);
            return new ExecResult(-1, Text(output), true);
        }
        return new ExecResult(await ExecExitCodeAsync(execId, cancellationToken), Text(output), false);
    }

    public async Task<Stream> LogsAsync(string containerId, LogOptions options, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Follow = options.Follow,
            Timestamps = options.Timestamps,
            Tail = options.TailLines is >= 0 and var tail ? tail.ToString(CultureInfo.InvariantCulture) : "all",
            // The engine takes a UNIX time in seconds, fractions allowed.
            Since = options.Since is { } since ? (since.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture) : null,
        };
        try
        {
            // Every container the agent creates has Tty=false, so its log arrives multiplexed (stdout/stderr frames).
            var multiplexed = await docker.Containers.GetContainerLogsAsync(containerId, tty: false, parameters, cancellationToken);
            return new DemultiplexedStream(multiplexed);
        }
        catch (DockerContainerNotFoundException e)
        {
            throw new ContainerNotFoundException(containerId, e);
        }
    }

    /// <summary>The exec's exit code. The engine can close the output a moment before it records the exit, so a
    /// still-running exec is asked again, briefly.</summary>
    private async Task<int> ExecExitCodeAsync(string execId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var inspect = await docker.Exec.InspectContainerExecAsync(execId, cancellationToken);
            if (!inspect.Running || attempt >= 100) return (int)inspect.ExitCode;
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    private static string Text(MemoryStream output) => Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
}
