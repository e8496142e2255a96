using System;
using System.IO;
using Shouldly;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Training;
using Xunit;

namespace Vae.Dsl.Cli.Tests;

/// <summary>settings.json holds the model file's words, so a run written before the settings were typed still resumes.</summary>
public sealed class RunRecordTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vae-run-record-").FullName;

    [Fact]
    public void SettingsWrittenWithWords_ReadBackAsTheirChoices()
    {
        // settings.json exactly as vae train wrote it on 2026-12-05, when the settings were strings
        File.WriteAllText(Path.Combine(folder, RunRecord.SettingsFile), """
            {
              "optimizer": "adamw",
              "learning_rate": 0.001,
              "weight_decay": 0.01,
              "momentum": 0,
              "batch_size": 128,
              "epochs": 10,
              "seed": 1,
              "gradient_clip": 0,
              "binarize": "static",
              "objective": "ELBO with 1 draw(s), analytic KL",
              "beta": 1,
              "importance_samples": 1000,
              "on_non_finite": "rollback",
              "device": "cpu"
            }
            """);

        var settings = RunRecord.ReadSettings(folder)!;

        settings.Optimizer.ShouldBe(OptimizerChoice.AdamW);
        settings.Binarize.ShouldBe(Binarization.Static);
        settings.OnNonFinite.ShouldBe(NonFiniteAction.Rollback);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
