using System;
using System.IO;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Dsl.Training;

/// <summary>
/// A training run's checkpoint: everything needed to continue it as if it had never stopped. The model's parameters,
/// the optimizer's state, the random generator's state, the epochs and steps done, and the fingerprint of the model
/// that wrote it (its file's text and the generator's version), followed by a SHA-256 of all of that.
/// It is written to a temporary file, flushed to the disk, and renamed over the last one, so a run killed at any
/// moment leaves either the previous checkpoint or the new one, never half of one. Loading checks the checksum and
/// the fingerprint first: a truncated or corrupt file, or one of another model, is a <see cref="CheckpointException"/>.
/// </summary>
public static class Checkpoint
{
    public const string FileName = "checkpoint.bin";

    private const string Magic = "Vae.Dsl checkpoint";
    /// <summary>
    /// The layout this version writes and reads. 2: the model's and the optimizer's state in TorchSharp 0.107's
    /// formats. 1 was written on Vae.Dsl's own binding, whose optimizer state 0.107 cannot read.
    /// </summary>
    public const int FormatVersion = 2;
    private const int ChecksumBytes = 32;

    /// <summary>Writes the trainer's state after <paramref name="epochsDone"/> epochs, atomically.</summary>
    public static void Save(string path, IVaeTrainer trainer, int epochsDone)
    {
        var bytes = Capture(trainer, epochsDone);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.WriteThrough))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The checkpoint's bytes, in memory: what <see cref="Save"/> writes and <see cref="Restore"/> reads.</summary>
    public static byte[] Capture(IVaeTrainer trainer, int epochsDone)
    {
        using var content = new MemoryStream();
        using (var writer = new BinaryWriter(content, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(trainer.Info.Fingerprint);
            writer.Write(epochsDone);
            writer.Write(trainer.StepsTaken);
            trainer.Module.save(writer);
            trainer.Optimizer.save_state_dict(writer);
            using var random = Generator.Default;
            using var state = random.get_state();
            state.Save(writer);
        }

        content.Write(SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length)));
        return content.ToArray();
    }

    /// <summary>Restores the trainer's state from a checkpoint; returns the epochs done.</summary>
    public static int Load(string path, IVaeTrainer trainer)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"cannot read the checkpoint {path}: {e.Message}", e);
        }

        return Restore(bytes, trainer, path);
    }

    /// <summary>Restores the trainer's state from checkpoint bytes; returns the epochs done.</summary>
    public static int Restore(byte[] bytes, IVaeTrainer trainer, string path = "the checkpoint")
    {
        if (bytes.Length <= ChecksumBytes)
        {
            throw new CheckpointException($"{path} is truncated: {bytes.Length} bytes");
        }

        var content = bytes.AsSpan(0, bytes.Length - ChecksumBytes);
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumBytes)))
        {
            throw new CheckpointException($"{path} is corrupt or truncated: its SHA-256 does not match its content");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, 0, content.Length, writable: false));
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new CheckpointException($"{path} is not a Vae.Dsl checkpoint");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                var origin = version == 1 ? " (written by a Vae.Dsl before its move to TorchSharp 0.107, whose optimizer state this one cannot read: train the run again)" : "";
                throw new CheckpointException($"{path} has checkpoint format {version}{origin}; this version of Vae.Dsl reads format {FormatVersion}");
            }

            var fingerprint = reader.ReadString();
            if (fingerprint != trainer.Info.Fingerprint)
            {
                throw new CheckpointException(
                    $"{path} was written by another model, or another version of its file or of the generator ({fingerprint}); {trainer.Info.Name} is {trainer.Info.Fingerprint}");
            }

            var epochsDone = reader.ReadInt32();
            trainer.StepsTaken = reader.ReadInt64();
            trainer.Module.load(reader);
            trainer.Optimizer.load_state_dict(reader);
            using (var random = Generator.Default)
            {
                using var current = random.get_state();
                using var saved = current.clone();
                saved.Load(reader);
                random.set_state(saved);
            }

            return epochsDone;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidDataException)
        {
            throw new CheckpointException($"{path} does not fit {trainer.Info.Name}: {e.Message}", e);
        }
    }
}

/// <summary>A checkpoint that cannot be loaded: unreadable, truncated, corrupt, or another model's.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
