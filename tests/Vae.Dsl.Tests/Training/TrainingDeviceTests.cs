using Shouldly;
using TorchSharp;
using Vae.Dsl.Data;
using Vae.Dsl.Tests.Models;
using Vae.Dsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Training;

/// <summary>
/// <c>training.device</c>: cpu, cuda or cuda:N. This project runs on TorchSharp-cpu, so CUDA is never available here
/// and asking for it must be a clear error; the CUDA path itself is not exercised on this machine.
/// </summary>
public class TrainingDeviceTests
{
    [Theory]
    [InlineData("cpu", true)]
    [InlineData("cuda", true)]
    [InlineData("cuda:0", true)]
    [InlineData("cuda:12", true)]
    [InlineData("gpu", false)]
    [InlineData("CPU", false)]
    [InlineData("cuda:", false)]
    [InlineData("cuda:-1", false)]
    [InlineData("cuda:1234", false)]
    [InlineData("cuda:1a", false)]
    public void WellFormedNames_AreCpuCudaAndCudaWithAnIndex(string name, bool wellFormed)
    {
        TrainingDevice.IsWellFormed(name).ShouldBe(wellFormed);
    }

    [Fact]
    public void Cpu_IsTheCpu()
    {
        TrainingDevice.Resolve("cpu").type.ShouldBe(DeviceType.CPU);
    }

    [Fact]
    public void AMalformedName_IsRefused_SayingWhatIsExpected()
    {
        Should.Throw<DeviceException>(() => TrainingDevice.Resolve("gpu")).Message.ShouldBe("unknown device 'gpu': expected cpu, cuda or cuda:N");
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:1")]
    public void Cuda_WhereItIsNotAvailable_IsAClearError(string name)
    {
        cuda.is_available().ShouldBeFalse("the tests run on TorchSharp-cpu");

        var error = Should.Throw<DeviceException>(() => TrainingDevice.Resolve(name));

        error.Message.ShouldContain($"the device is {name}, but CUDA is not available here");
        error.Message.ShouldContain("use cpu");
    }

    [Fact]
    public void ATrainerForCuda_IsNotMade_WhereCudaIsNotAvailable()
    {
        Should.Throw<DeviceException>(() => TinyVaeTrainer.Create(TinyVaeTrainer.Settings with { Device = "cuda" }));
    }

    [Fact]
    public void ATrainerOnTheCpu_KeepsTheModelAndItsBatchesThere()
    {
        using var data = SyntheticData.Binary(64, seed: 3);
        using var trainer = TinyVaeTrainer.Create(TinyVaeTrainer.Settings with { Device = "cpu" });

        var epoch = trainer.TrainEpoch(new VaeData(data), 1);

        double.IsFinite(epoch.Elbo).ShouldBeTrue();
        trainer.Model.parameters().ShouldAllBe(p => p.device_type == DeviceType.CPU);
        TinyVaeTrainer.Settings.Device.ShouldBe("cpu", "a model file without training.device trains on the cpu");
    }
}
