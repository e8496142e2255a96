using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Training;

namespace Vae.Dsl.Cli.Output;

/// <summary>
/// metrics.json in a run's output folder. Other tools read it, so its names are fixed: <c>train</c> (one object
/// per epoch: epoch, elbo, reconstruction, kl, seconds, skipped_steps) and <c>test</c> (elbo, log_px, k), in nats per example.
/// It is rewritten after every epoch, so an interrupted run keeps what it finished. A figure that is not a finite
/// number (NaN or ±∞, from a run that diverged) is written as null: the file stays valid JSON.
/// </summary>
internal static class MetricsFile
{
    public const string FileName = "metrics.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new FiniteOrNull() },
    };

    public static void Write(string directory, RunMetrics metrics) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(metrics, Options) + "\n");

    public static RunMetrics Read(string path) =>
        JsonSerializer.Deserialize<RunMetrics>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is empty");
}

/// <summary>What metrics.json holds.</summary>
internal sealed record RunMetrics(string Model, string Source, IReadOnlyList<EpochRecord> Train, TestRecord? Test)
{
    public RunMetrics With(EpochMetrics epoch) => this with { Train = Train.Append(EpochRecord.From(epoch)).ToArray() };
}

internal sealed record EpochRecord(int Epoch, double Elbo, double Reconstruction, double Kl, double Seconds, int SkippedSteps)
{
    public static EpochRecord From(EpochMetrics m) => new(m.Epoch, m.Elbo, m.Reconstruction, m.Kl, m.Seconds, m.SkippedSteps);
}

/// <summary>A double as a JSON number, or null where it is NaN or infinite (which JSON cannot hold); null reads back as NaN.</summary>
internal sealed class FiniteOrNull : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, System.Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

internal sealed record TestRecord(double Elbo, double LogPx, int K, double Seconds)
{
    public static TestRecord From(TestMetrics m) => new(m.Elbo, m.LogPx, m.K, m.Seconds);
}
