using System.Diagnostics;

namespace EventOrch.Tests.Support;

/// <summary>Where the real PostgreSQL and RabbitMQ are; ./eo test starts them and exports the settings.</summary>
public static class Services
{
    public static string RepositoryRoot { get; } = Environment.GetEnvironmentVariable("EO_ROOT") ?? FindRoot();

    public static string PostgresConnectionString { get; } =
        Environment.GetEnvironmentVariable("EO_TEST_POSTGRES")
        ?? $"Host=127.0.0.1;Port=5432;Database=eventorch_test;Username=eventorch;Password={ReadSecret("db-password")}";

    public const string RabbitUser = "guest";
    public const string RabbitPassword = "guest";

    /// <summary>Runs rabbitmqctl (the tests run as root beside the broker, as ./eo test does).</summary>
    public static async Task RabbitMqCtl(params string[] arguments)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }

    private static string ReadSecret(string name)
    {
        var path = Path.Combine(RepositoryRoot, ".eo", "secrets", name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EventOrch.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (EventOrch.sln)");
    }
}
