using System.IO;
using System.Text.Json;
using Vae.Dsl.Models;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Output;

/// <summary>
/// What a run folder keeps about how the run was made: settings.json, the effective training settings (the model
/// file's, with the command line's overrides), and a copy of the model file itself, under its own name. A resumed run
/// reads its settings back from here, so it continues with the ones it started with.
/// </summary>
internal static class RunRecord
{
    public const string SettingsFile = "settings.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static void Write(string directory, VaeModelInfo info, TrainingSettings settings)
    {
        File.WriteAllText(Path.Combine(directory, SettingsFile), JsonSerializer.Serialize(settings, Options) + "\n");
        File.WriteAllText(Path.Combine(directory, info.SourceFile), info.SourceText);
    }

    /// <summary>The settings a run was made with, or null if its folder has none.</summary>
    public static TrainingSettings? ReadSettings(string directory)
    {
        var path = Path.Combine(directory, SettingsFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<TrainingSettings>(File.ReadAllText(path), Options) : null;
    }
}
