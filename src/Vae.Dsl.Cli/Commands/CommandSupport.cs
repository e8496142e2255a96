using System;
using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Vae.Dsl.Data;
using Vae.Dsl.Models;

namespace Vae.Dsl.Cli.Commands;

/// <summary>What several commands share: option factories, the data checks, and the progress bar.</summary>
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

    /// <summary>The data against the model: features per example, and for a conditional model labels in range.</summary>
    public static void CheckData(VaeModelInfo info, VaeData data, string which)
    {
        if (data.Examples.shape[1] != info.FeatureCount)
        {
            throw new DatasetException($"{info.Name} takes {info.FeatureCount} features per example; the {which} data have {data.Examples.shape[1]}");
        }

        if (info.ConditionClasses is { } classes && data.Labels is { } labels && labels.max().item<long>() >= classes)
        {
            throw new DatasetException($"{info.Name} is conditioned on {classes} classes; the {which} data have the label {labels.max().item<long>()}");
        }
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
