using System.CommandLine;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Commands;

/// <summary>
/// <c>vae inspect &lt;model&gt;</c>: what a compiled model is: its families and the formulas they compute, its objective
/// and training settings, and its parameters, layer by layer, with their shapes and counts.
/// </summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The model: its file's name (fashion-mnist), path, or type name." };
        var command = new Command("inspect", "Show a model's families and formulas, objective, settings, and parameters per layer.") { model };
        command.SetAction(parsed => Run(parsed.GetValue(model)!));
        return command;
    }

    public static int Run(string query)
    {
        var info = ModelLookup.Find(query);
        if (info is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] no model '{query}' is compiled into this program; known: {ModelLookup.Known}");
            return ExitCodes.Usage;
        }

        var settings = info.Settings;
        AnsiConsole.MarkupLineInterpolated($"[bold]{info.Name}[/] from {info.SourceFile} ({info.Fingerprint})");
        AnsiConsole.MarkupLineInterpolated($"data: {string.Join("x", info.DataShape)} ({info.FeatureCount} features){(info.ConditionClasses is { } c ? $", conditioned on {c} classes" : string.Empty)}; latent: {info.LatentSize}");
        foreach (var part in info.Summary.Split("; "))
        {
            AnsiConsole.MarkupLineInterpolated($"  {part}");
        }

        AnsiConsole.MarkupLineInterpolated($"objective: {settings.Objective}, β = {settings.Beta.ToString(CommandSupport.Invariant)}");
        AnsiConsole.MarkupLineInterpolated(
            $"training: {ChoiceWords.Of(settings.Optimizer)}, learning rate {settings.LearningRate.ToString(CommandSupport.Invariant)}, batch {settings.BatchSize}, {settings.Epochs} epochs, seed {settings.Seed}, binarize {ChoiceWords.Of(settings.Binarize)}, on non-finite: {ChoiceWords.Of(settings.OnNonFinite)}, device {settings.Device}; evaluation K = {settings.ImportanceSamples}");

        using var trainer = info.CreateTrainer();
        var table = new Table().AddColumns("parameter", "shape", "count");
        long total = 0;
        foreach (var (name, parameter) in trainer.Module.named_parameters())
        {
            var count = parameter.numel();
            total += count;
            table.AddRow(Markup.Escape(name), string.Join(" x ", parameter.shape), count.ToString("N0", CommandSupport.Invariant));
        }

        table.AddRow("[bold]total[/]", string.Empty, $"[bold]{total.ToString("N0", CommandSupport.Invariant)}[/]");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("The formulas behind each family are in docs/math.md.");
        return ExitCodes.Success;
    }
}
