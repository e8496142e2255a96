using System;
using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Vae.Dsl.Cli.Commands;

/// <summary>What several commands share: option factories and the progress bar.</summary>
internal static class CommandSupport
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Option<int?> PositiveInt(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            // a token that is not an integer is already a parse error of its own; only a parsed value is checked here
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, Invariant, out var value) && value <= 0)
            {
                result.AddError($"{name} must be a positive integer, not {value}");
            }
        });
        return option;
    }

    /// <summary>Runs work with a progress bar showing the rate, the time spent and the time left.</summary>
    public static T WithProgressBar<T>(string description, Func<ProgressTask, T> work) =>
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => work(context.AddTask(description)));

    /// <summary>Steps per second of a task.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed.ToString("F1", Invariant)}/s" : "-/s");
    }
}
