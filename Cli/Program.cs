using EventOrch.Cli;
using EventOrch.Cli.Terminal;

return await Eoctl.RunAsync(args, CliConsole.System());
