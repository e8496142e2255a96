using System.CommandLine;
using System.Linq;
using Spectre.Console;
using Vae.Dsl.Generated;

namespace Vae.Dsl.Cli.Commands;

/// <summary><c>vae models</c>: the models compiled into this program.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the models compiled into this program.");
        command.SetAction(_ =>
        {
            // One line a model: its name, its parameter count, and its families.
            var width = VaeModelCatalog.Models.Max(m => ModelLookup.Stem(m).Length);
            foreach (var model in VaeModelCatalog.Models)
            {
                var stem = ModelLookup.Stem(model).PadRight(width);
                var parameters = ParameterCount(model).ToString("N0", System.Globalization.CultureInfo.InvariantCulture).PadLeft(9);
                AnsiConsole.MarkupLineInterpolated($"[bold]{stem}[/]  {parameters} parameters  {model.Summary}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>The number of learned values: a fresh model's parameters, counted.</summary>
    private static long ParameterCount(Vae.Dsl.Models.VaeModelInfo model)
    {
        using var trainer = model.CreateTrainer();
        return trainer.Module.parameters().Sum(p => p.numel());
    }
}
