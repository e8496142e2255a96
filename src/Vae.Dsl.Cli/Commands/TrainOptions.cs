using Vae.Dsl.Data;
using Vae.Dsl.Native;

namespace Vae.Dsl.Cli.Commands;

/// <summary>What <c>vae train</c> was asked to do.</summary>
internal sealed record TrainOptions(
    string Model,
    int? Epochs,
    int? ImportanceSamples,
    int? BatchSize,
    double? LearningRate,
    long? Seed,
    string? OutputDirectory,
    DataSourceOptions Data,
    string? ResumeDirectory,
    int Threads,
    DenormalMode Denormals,
    string? Device = null);
