using System;
using System.IO;
using System.Linq;
using Shouldly;
using Vae.Dsl.Data;
using Vae.Dsl.Tests.Models;
using Vae.Dsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Training;

/// <summary>
/// A checkpoint continues a run exactly (parameters, optimizer state, random state, steps for the KL warm-up), and
/// refuses to load when it is truncated, corrupt, or another model's.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vae-checkpoint-").FullName;

    private string PathOf(string name) => Path.Combine(folder, name);

    [Fact]
    public void Resumed_TrainsTheSameEpochsAsAnUninterruptedRun()
    {
        using var examples = SyntheticData.Binary(200, seed: 1);
        using var labels = tensor(Enumerable.Range(0, 200).Select(i => (long)(i % 4)).ToArray());
        var data = new VaeData(examples, labels);

        // uninterrupted: epochs 1-4; the checkpoint after epoch 2 is kept
        EpochMetrics[] straight;
        using (var trainer = ConditionalVaeTrainer.Create())
        {
            straight = new EpochMetrics[4];
            for (var epoch = 1; epoch <= 4; epoch++)
            {
                straight[epoch - 1] = trainer.TrainEpoch(data, epoch);
                if (epoch == 2)
                {
                    Checkpoint.Save(PathOf(Checkpoint.FileName), trainer, epoch);
                }
            }
        }

        // a fresh process would start from Create() and the file: other random draws in between must not matter
        manual_seed(12345);
        randn(1000).Dispose();
        using var resumed = ConditionalVaeTrainer.Create();
        var epochsDone = Checkpoint.Load(PathOf(Checkpoint.FileName), resumed);

        epochsDone.ShouldBe(2);
        resumed.StepsTaken.ShouldBe(2 * 7, "200 examples in batches of 32 are 7 steps an epoch (and the warm-up counts steps)");
        for (var epoch = 3; epoch <= 4; epoch++)
        {
            var metrics = resumed.TrainEpoch(data, epoch);
            metrics.Elbo.ShouldBe(straight[epoch - 1].Elbo, $"epoch {epoch}");
            metrics.Kl.ShouldBe(straight[epoch - 1].Kl, $"epoch {epoch}");
        }

        File.Exists(PathOf(Checkpoint.FileName + ".tmp")).ShouldBeFalse("the temporary file is renamed over the checkpoint");
    }

    [Theory]
    [InlineData("flipped")]
    [InlineData("truncated")]
    [InlineData("empty")]
    public void DamagedCheckpoint_IsRefused(string damage)
    {
        var path = SavedTinyCheckpoint();
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flipped":
                bytes[bytes.Length / 2] ^= 0x10;
                File.WriteAllBytes(path, bytes);
                break;
            case "truncated":
                File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                break;
            default:
                File.WriteAllBytes(path, []);
                break;
        }

        using var trainer = TinyVaeTrainer.Create();
        Should.Throw<CheckpointException>(() => Checkpoint.Load(path, trainer)).Message.ShouldContain(damage == "empty" ? "truncated" : "corrupt");
    }

    [Fact]
    public void CheckpointOfTheFormerFormat_IsRefused_SayingWhy()
    {
        // format 1's header, as the binding before TorchSharp 0.107 wrote it, with a valid checksum: only the version differs
        var path = PathOf("format-1.bin");
        using (var content = new MemoryStream())
        {
            using (var writer = new BinaryWriter(content, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write("Vae.Dsl checkpoint");
                writer.Write(1);
                writer.Write(TinyVaeTrainer.Info.Fingerprint);
                writer.Write(3);
            }

            content.Write(System.Security.Cryptography.SHA256.HashData(content.ToArray()));
            File.WriteAllBytes(path, content.ToArray());
        }

        using var trainer = TinyVaeTrainer.Create();
        var error = Should.Throw<CheckpointException>(() => Checkpoint.Load(path, trainer));

        Checkpoint.FormatVersion.ShouldBe(2);
        error.Message.ShouldContain("has checkpoint format 1 (written by a Vae.Dsl before its move to TorchSharp 0.107");
        error.Message.ShouldContain("reads format 2");
    }

    [Fact]
    public void CheckpointOfAnotherModel_IsRefused_NamingBoth()
    {
        var path = SavedTinyCheckpoint();
        using var other = TinyExpScaleVaeTrainer.Create();

        var error = Should.Throw<CheckpointException>(() => Checkpoint.Load(path, other));

        error.Message.ShouldContain("another model");
        error.Message.ShouldContain(TinyVaeTrainer.Info.Fingerprint);
        error.Message.ShouldContain(TinyExpScaleVaeTrainer.Info.Fingerprint);
    }

    [Fact]
    public void Fingerprints_NameTheFileAndTheGenerator()
    {
        TinyVaeTrainer.Info.Fingerprint.ShouldStartWith("sha256:");
        TinyVaeTrainer.Info.Fingerprint.ShouldContain(" generator ");
        TinyVaeTrainer.Info.Fingerprint.ShouldNotBe(TinyExpScaleVaeTrainer.Info.Fingerprint);
    }

    private string SavedTinyCheckpoint()
    {
        using var data = SyntheticData.Binary(64, seed: 2);
        using var trainer = TinyVaeTrainer.Create();
        trainer.TrainEpoch(new VaeData(data), 1);
        var path = PathOf("tiny-" + Guid.NewGuid().ToString("N") + ".bin");
        Checkpoint.Save(path, trainer, 1);
        return path;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
