using System;
using System.CommandLine;
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
    ModelsCommand.Create(),
};
return root.Parse(args).Invoke();
