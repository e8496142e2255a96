using System;
using System.CommandLine;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Cli.Commands;

if (Console.IsOutputRedirected)
{
    // A log file gets plain text at full width, not colour codes wrapped at 80 columns.
    AnsiConsole.Profile.Capabilities.Ansi = false;
    AnsiConsole.Profile.Width = 200;
}

var root = new RootCommand("Vae.Dsl: train and evaluate the variational autoencoders declared in models/*.vae.yaml.")
{
    TrainCommand.Create(),
    EvalCommand.Create(),
    PictureCommands.Sample(),
    PictureCommands.Reconstruct(),
    ModelsCommand.Create(),
    InspectCommand.Create(),
};

// A bad command line is a usage error: its problems and where to read the usage, on stderr, and exit code 2.
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && !parsed.Tokens.Any(t => t.Value is "--help" or "-h" or "-?"))
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine($"Run '{string.Join(' ', ["vae", .. CommandPath(parsed.CommandResult)])} --help' for usage.");
    return ExitCodes.Usage;
}

return parsed.Invoke();

static string[] CommandPath(System.CommandLine.Parsing.CommandResult? command)
{
    var names = new System.Collections.Generic.List<string>();
    for (var current = command; current?.Parent is System.CommandLine.Parsing.CommandResult parent; current = parent)
    {
        names.Insert(0, current.Command.Name);
    }

    return names.ToArray();
}
