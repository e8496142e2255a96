using System.CommandLine;
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
            var table = new Table().AddColumns("model", "type", "file", "latent", "summary");
            foreach (var model in VaeModelCatalog.Models)
            {
                table.AddRow(
                    Markup.Escape(ModelLookup.Stem(model)),
                    Markup.Escape(model.Name),
                    Markup.Escape(model.SourceFile),
                    model.LatentSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(model.Summary));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
