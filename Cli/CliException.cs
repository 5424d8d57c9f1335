namespace EventOrch.Cli;

/// <summary>A mistake eoctl reports itself, as kubectl does: <c>error: MESSAGE</c> on standard error, exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
