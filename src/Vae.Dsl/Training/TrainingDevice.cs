using System;
using System.Globalization;
using static TorchSharp.torch;

namespace Vae.Dsl.Training;

/// <summary>
/// Where a model trains: <c>training.device</c> in its file, or <c>--device</c>: <c>cpu</c>, <c>cuda</c> (the first
/// GPU) or <c>cuda:N</c>. The model, the optimizer's state and every batch live there.
/// </summary>
public static class TrainingDevice
{
    /// <summary>The device a name stands for; a <see cref="DeviceException"/> where it is malformed or not on this machine.</summary>
    public static Device Resolve(string name)
    {
        if (name == "cpu")
        {
            return CPU;
        }

        if (!IsWellFormed(name))
        {
            throw new DeviceException($"unknown device '{name}': expected cpu, cuda or cuda:N");
        }

        if (!cuda.is_available())
        {
            throw new DeviceException(
                $"the device is {name}, but CUDA is not available here (torch.cuda.is_available() is false: no GPU or driver, or the program runs on TorchSharp-cpu); use cpu");
        }

        var index = name == "cuda" ? 0 : int.Parse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
        var count = cuda.device_count();
        return index < count
            ? device(TorchSharp.DeviceType.CUDA, index)
            : throw new DeviceException($"the device is {name}, but this machine has {count} CUDA device(s), numbered from 0");
    }

    /// <summary>True for cpu, cuda and cuda:N with N a number of at most three digits, whether or not this machine has it.</summary>
    public static bool IsWellFormed(string name) =>
        name is "cpu" or "cuda" ||
        (name.StartsWith("cuda:", StringComparison.Ordinal) && name.Length is > 5 and <= 8 && name.AsSpan(5).IndexOfAnyExceptInRange('0', '9') < 0);
}

/// <summary>A device that is malformed, or that this machine does not have.</summary>
public sealed class DeviceException(string message) : Exception(message);
