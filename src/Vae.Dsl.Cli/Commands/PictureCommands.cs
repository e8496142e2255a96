using System.CommandLine;
using System.IO;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Cli.Data;
using Vae.Dsl.Data;
using Vae.Dsl.Pictures;

namespace Vae.Dsl.Cli.Commands;

/// <summary>
/// <c>vae sample &lt;run&gt;</c> and <c>vae reconstruct &lt;run&gt;</c>: PNG grids from a saved run, restored from its
/// checkpoint: draws from the model (one row per class for a conditional model), or test examples beside their
/// reconstructions.
/// </summary>
internal static class PictureCommands
{
    public static Command Sample() => Create(
        "sample", "Draw samples from a saved run's model into a PNG grid (a row per class for a conditional model).", "samples.png");

    public static Command Reconstruct() => Create(
        "reconstruct", "Reconstruct test examples with a saved run's model: a PNG grid of inputs and their reconstructions.", "reconstructions.png");

    private static Command Create(string name, string description, string pictureFile)
    {
        var run = new Argument<string>("run") { Description = "The run's folder (it holds checkpoint.bin and metrics.json)." };
        var output = new Option<string?>("--output") { Description = $"The PNG file to write (default: {pictureFile} in the run's folder)." };
        var rows = CommandSupport.PositiveInt("--rows", "Rows of the grid (default 8 for samples, 4 for reconstructions).");
        var data = new DataCommandOptions();
        var command = new Command(name, description) { run, output, rows };
        foreach (var option in data.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parsed => Run(parsed.GetValue(run)!, parsed.GetValue(output), parsed.GetValue(rows), data.From(parsed), pictureFile));
        return command;
    }

    public static int Run(string folder, string? output, int? rows, DataSourceOptions data, string pictureFile)
    {
        return SavedRunCommand.Run(folder, data, run =>
        {
            var settings = rows is { } r ? new PictureSettings(SampleRows: r, ReconstructionRows: r) : new PictureSettings();
            var pictures = ModelPictures.Draw(run.Trainer, run.Test, settings);
            var picture = pictures.Pictures.FirstOrDefault(p => p.FileName == pictureFile);
            if (picture is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {run.Info.Name} cannot be drawn: {string.Join(" ", pictures.Skipped)}");
                return ExitCodes.Usage;
            }

            var path = output ?? Path.Combine(folder, pictureFile);
            File.WriteAllBytes(path, picture.Png);
            AnsiConsole.MarkupLineInterpolated($"{run.Info.Name} after {run.Epochs} epochs: {picture.Title}, {picture.Width}x{picture.Height} px: {path}");
            return ExitCodes.Success;
        });
    }
}
