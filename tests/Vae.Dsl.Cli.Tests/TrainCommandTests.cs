using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using Shouldly;
using Vae.Dsl.Cli.Commands;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Data;
using Vae.Dsl.Native;
using Vae.Dsl.Tests.Data;
using Xunit;

namespace Vae.Dsl.Cli.Tests;

/// <summary>
/// <c>vae train</c> end to end: the default model on a few hundred synthetic 28x28 images written as IDX files,
/// one epoch, a small K; and the errors a user can run into.
/// </summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("vae-cli-").FullName;

    [Fact]
    public void Train_WritesCheckpointAndMetricsWithTheDocumentedNames()
    {
        var data = WriteImages(train: 300, test: 50);
        var output = Path.Combine(root, "run");

        var exit = TrainCommand.Run(Options("fashion-mnist", data, output, epochs: 2, k: 4));

        exit.ShouldBe(0);
        File.Exists(Path.Combine(output, "model.bin")).ShouldBeTrue();
        File.Exists(Path.Combine(output, Vae.Dsl.Training.Checkpoint.FileName)).ShouldBeTrue();
        foreach (var picture in new[] { "samples.png", "reconstructions.png", "traversal.png", "traversal-2d.png", "report.html" })
        {
            File.Exists(Path.Combine(output, picture)).ShouldBeTrue(picture);
        }
        Directory.GetFiles(output, "*.tmp").ShouldBeEmpty();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(output, "model.bin"))));
        File.ReadAllText(Path.Combine(output, "model.bin.sha256")).ShouldBe($"{hash}  model.bin\n", "sha256sum -c reads this");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, MetricsFile.FileName)));
        var train = json.RootElement.GetProperty("train");
        train.GetArrayLength().ShouldBe(2);
        foreach (var epoch in train.EnumerateArray())
        {
            foreach (var name in new[] { "epoch", "elbo", "reconstruction", "kl", "seconds" })
            {
                epoch.TryGetProperty(name, out _).ShouldBeTrue(name);
            }

            (epoch.GetProperty("elbo").GetDouble() - (epoch.GetProperty("reconstruction").GetDouble() - epoch.GetProperty("kl").GetDouble()))
                .ShouldBe(0, 1e-3);
        }

        train[1].GetProperty("epoch").GetInt32().ShouldBe(2);
        var test = json.RootElement.GetProperty("test");
        test.GetProperty("k").GetInt32().ShouldBe(4);
        test.GetProperty("log_px").GetDouble().ShouldBeGreaterThan(test.GetProperty("elbo").GetDouble());
        test.GetProperty("log_px").GetDouble().ShouldBeLessThan(0);
    }

    [Fact]
    public void UnknownModel_FailsWithExitCode2()
    {
        TrainCommand.Run(Options("no-such-model", root, Path.Combine(root, "run"), epochs: 1, k: 1)).ShouldBe(2);
        Directory.Exists(Path.Combine(root, "run")).ShouldBeFalse();
    }

    [Fact]
    public void MissingData_FailsWithExitCode2()
    {
        TrainCommand.Run(Options("fashion-mnist", Path.Combine(root, "nothing-here"), Path.Combine(root, "run"), epochs: 1, k: 1)).ShouldBe(2);
    }

    [Fact]
    public void Overrides_AreUsed_AndTheRunFolderRecordsTheEffectiveSettingsAndTheModelFile()
    {
        var data = WriteImages(train: 100, test: 10);
        var run = Path.Combine(root, "overridden");

        var result = Cli("train", "fashion-mnist", "--data", data, "--output", run, "--epochs", "1", "--importance-samples", "2",
            "--batch-size", "50", "--learning-rate", "0.002", "--seed", "3", "--threads", "1");

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("lr 0.002, batch 50, 1 epochs, seed 3");
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunRecord.SettingsFile)));
        settings.RootElement.GetProperty("batch_size").GetInt32().ShouldBe(50);
        settings.RootElement.GetProperty("learning_rate").GetDouble().ShouldBe(0.002);
        settings.RootElement.GetProperty("seed").GetInt64().ShouldBe(3);
        settings.RootElement.GetProperty("epochs").GetInt32().ShouldBe(1);
        File.ReadAllText(Path.Combine(run, "fashion-mnist.vae.yaml")).ShouldContain("model: FashionMnistVae");
    }

    [Fact]
    public void Denormals_AreFlushedByDefault_AndKeptOnRequest_AsTheSettingsLineSays()
    {
        var data = WriteImages(train: 100, test: 10);

        var flushed = Cli(OneEpochArguments(data, "default"));
        var kept = Cli([.. OneEpochArguments(data, "kept"), "--denormals", "keep"]);

        const string where = "this thread and libtorch's pool";
        flushed.ExitCode.ShouldBe(0, flushed.Output);
        flushed.Output.ShouldContain($"denormals: flushed to zero ({where})");
        kept.ExitCode.ShouldBe(0, kept.Output);
        kept.Output.ShouldContain($"denormals: kept ({where})");
    }

    [Fact]
    public void Threads_AreEveryCoreByDefault_AndAsManyAsAsked_WithTheSameTraining()
    {
        var data = WriteImages(train: 100, test: 10);

        var every = Cli(OneEpochArguments(data, "every"));
        var one = Cli([.. OneEpochArguments(data, "one"), "--threads", "1"]);

        every.ExitCode.ShouldBe(0, every.Output);
        one.ExitCode.ShouldBe(0, one.Output);
        every.Output.ShouldContain($"threads: libtorch {Environment.ProcessorCount} (OpenMP, MKL on the same pool)");
        one.Output.ShouldContain("threads: libtorch 1 (OpenMP, MKL on the same pool)");
        every.Output.ShouldContain("matrix products: MKL's code paths chosen by the processor's features");
        // the same training, up to the order of float sums split over threads
        EpochElbo(every.Output).ShouldBe(EpochElbo(one.Output), 0.05);
    }

    // vae train of the default model for one epoch on data, into the run folder of that name under root
    private string[] OneEpochArguments(string data, string run) =>
        ["train", "fashion-mnist", "--data", data, "--output", Path.Combine(root, run), "--epochs", "1", "--importance-samples", "2"];

    // The ELBO of "epoch  1/1  ELBO   -543.21  reconstruction ...", the line that ends the epoch
    private static double EpochElbo(string output) => double.Parse(
        System.Text.RegularExpressions.Regex.Match(output, @"epoch  1/1  ELBO\s+(-?[0-9.]+)").Groups[1].Value,
        System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Eval_RestoresARunFromItsCheckpoint_AndReportsLogPx()
    {
        var data = WriteImages(train: 100, test: 10);
        var run = Path.Combine(root, "evaluated");
        TrainCommand.Run(Options("fashion-mnist", data, run, epochs: 1, k: 1)).ShouldBe(0);

        var result = Cli("eval", run, "--data", data, "--importance-samples", "5");

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("after 1 epochs");
        result.Output.ShouldContain("(IWAE, K = 5)");
        Cli("eval", Path.Combine(root, "no-run-here"), "--data", data).ExitCode.ShouldBe(2);

        // the training run left its pictures and report; sample and reconstruct draw from the checkpoint
        File.Exists(Path.Combine(run, "report.html")).ShouldBeTrue();
        foreach (var (command, file) in new[] { ("sample", "drawn-samples.png"), ("reconstruct", "drawn-reconstructions.png") })
        {
            var drawn = Cli(command, run, "--data", data, "--rows", "2", "--output", Path.Combine(root, file));
            drawn.ExitCode.ShouldBe(0, drawn.Output);
            File.ReadAllBytes(Path.Combine(root, file))[..8].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
        }
    }

    [Fact]
    public void InspectAndModels_DescribeTheCompiledModels()
    {
        var inspect = Cli("inspect", "fashion-mnist");
        inspect.ExitCode.ShouldBe(0, inspect.Output);
        inspect.Output.ShouldContain("encoder.0.weight");
        inspect.Output.ShouldContain("652,824");
        Cli("inspect", "no-such-model").ExitCode.ShouldBe(2);

        var models = Cli("models");
        models.ExitCode.ShouldBe(0);
        models.Output.ShouldContain("fashion-mnist-full");
        models.Output.ShouldContain("729,014 parameters");
    }

    [Fact]
    public void TrainOnACsvFile_HoldsOutATestSet_AndChecksTheFileAgainstTheModel()
    {
        var random = new Random(5);
        var csv = Path.Combine(root, "grey.csv");
        File.WriteAllLines(csv, Enumerable.Range(0, 120).Select(_ => string.Join(",", Enumerable.Range(0, 784).Select(_ => (random.Next(256) / 255.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));

        var result = Cli("train", "fashion-mnist", "--data", csv, "--epochs", "1", "--importance-samples", "2", "--output", Path.Combine(root, "csv-run"));

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("108 training and 12 test examples");
        var narrow = Path.Combine(root, "narrow.csv");
        File.WriteAllLines(narrow, ["0.5,0.5,0.5", "0.1,0.2,0.3"]);
        var refused = Cli("train", "fashion-mnist", "--data", narrow, "--output", Path.Combine(root, "narrow-run"));
        refused.ExitCode.ShouldBe(2);
        refused.Output.ShouldContain("784");
        Directory.Exists(Path.Combine(root, "narrow-run")).ShouldBeFalse("nothing is written before the data are checked");
    }

    [Fact]
    public void OutputThatIsAFile_IsAUsageError_BeforeTraining()
    {
        var data = WriteImages(train: 20, test: 5);
        var file = Path.Combine(root, "a-file");
        File.WriteAllText(file, "keep me");

        TrainCommand.Run(Options("fashion-mnist", data, file, epochs: 1, k: 1)).ShouldBe(2);
        File.ReadAllText(file).ShouldBe("keep me");
    }

    [Fact]
    public void OutputFolderOfAnEarlierRun_IsNeverOverwritten()
    {
        var data = WriteImages(train: 20, test: 5);
        var earlier = Path.Combine(root, "earlier");
        Directory.CreateDirectory(earlier);
        File.WriteAllText(Path.Combine(earlier, MetricsFile.FileName), "{}");

        TrainCommand.Run(Options("fashion-mnist", data, earlier, epochs: 1, k: 1)).ShouldBe(2);
        File.ReadAllText(Path.Combine(earlier, MetricsFile.FileName)).ShouldBe("{}");
    }

    [Fact]
    public void DefaultRunFolders_NeverCollide()
    {
        var now = new DateTime(2026, 11, 21, 12, 0, 0);
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(root);
        try
        {
            var first = RunFolder.Create(null, "m", now);
            File.WriteAllText(Path.Combine(first, "model.bin"), "x");
            var second = RunFolder.Create(null, "m", now);

            second.ShouldNotBe(first);
            second.ShouldEndWith("-2");
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void CudaWhereItIsNotAvailable_IsAUsageError_BeforeAnyDataIsRead()
    {
        var run = Path.Combine(root, "cuda");

        // no --data: had it got that far, it would read Fashion-MNIST
        var result = Cli("train", "fashion-mnist", "--device", "cuda", "--output", run);

        result.ExitCode.ShouldBe(2, result.Output);
        result.Output.ShouldContain("the device is cuda, but CUDA is not available here");
        result.Output.ShouldNotContain("data:");
        Directory.Exists(run).ShouldBeFalse("nothing is written");
    }

    [Theory]
    [InlineData("train", "fashion-mnist", "--epochs", "abc")]
    [InlineData("train", "fashion-mnist", "--epochs", "0")]
    [InlineData("train", "fashion-mnist", "--importance-samples", "-3")]
    [InlineData("train", "fashion-mnist", "--no-such-option")]
    [InlineData("train", "fashion-mnist", "--denormals", "sometimes")]
    [InlineData("train", "fashion-mnist", "--device", "gpu")]
    [InlineData("train")]
    [InlineData("no-such-command")]
    public void BadCommandLine_IsAUsageError_WithExitCode2_AndNoStackTrace(params string[] arguments)
    {
        var cli = typeof(TrainCommand).Assembly.Location;
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        process.ExitCode.ShouldBe(2, errors + output);
        errors.ShouldContain("error:");
        errors.ShouldContain("--help");
        (errors + output).ShouldNotContain("   at ");
    }

    [Fact]
    public void RunKilledMidEpoch_ResumesToTheUninterruptedRunsFigures()
    {
        var data = WriteImages(train: 6000, test: 20);
        string[] Arguments(params string[] more) =>
            ["train", "fashion-mnist", "--data", data, "--epochs", "12", "--importance-samples", "2", "--threads", "1", .. more];
        var straight = Path.Combine(root, "straight");
        var killed = Path.Combine(root, "killed");

        Cli(Arguments("--output", straight)).ExitCode.ShouldBe(0);

        // the same run, killed with SIGKILL once its second epoch is on disk (so during the third)
        using (var process = System.Diagnostics.Process.Start(CliStart(Arguments("--output", killed)))!)
        {
            var metrics = Path.Combine(killed, MetricsFile.FileName);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!(File.Exists(metrics) && EpochsIn(metrics) >= 2) && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                System.Threading.Thread.Sleep(5);
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var beforeResume = EpochsIn(Path.Combine(killed, MetricsFile.FileName));
        beforeResume.ShouldBeInRange(2, 11, "killed before the run could finish");
        Cli(Arguments("--resume", killed)).ExitCode.ShouldBe(0);

        var expected = MetricsFile.Read(Path.Combine(straight, MetricsFile.FileName)).Train;
        var actual = MetricsFile.Read(Path.Combine(killed, MetricsFile.FileName)).Train;
        actual.Select(e => (e.Epoch, e.Elbo, e.Reconstruction, e.Kl)).ShouldBe(expected.Select(e => (e.Epoch, e.Elbo, e.Reconstruction, e.Kl)));
    }

    [Fact]
    public async System.Threading.Tasks.Task CtrlC_FinishesTheStep_SavesTheModel_AndExitsWith130()
    {
        var data = WriteImages(train: 6000, test: 20);
        var run = Path.Combine(root, "interrupted");
        using var process = System.Diagnostics.Process.Start(CliStart(
            "train", "fashion-mnist", "--data", data, "--epochs", "1000", "--importance-samples", "2", "--output", run, "--threads", "1"))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var metrics = Path.Combine(run, MetricsFile.FileName);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(File.Exists(metrics) && EpochsIn(metrics) >= 1) && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            System.Threading.Thread.Sleep(5);
        }

        // SIGINT, as Ctrl-C in a terminal sends it
        await System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExitAsync();
        await process.WaitForExitAsync();
        var printed = await output + await errors;

        process.ExitCode.ShouldBe(130, printed);
        printed.ShouldContain("interrupted");
        printed.ShouldContain("--resume");
        File.Exists(Path.Combine(run, "model.bin")).ShouldBeTrue();
        EpochsIn(metrics).ShouldBeInRange(1, 999);
        File.Exists(Path.Combine(run, Vae.Dsl.Training.Checkpoint.FileName)).ShouldBeTrue();
    }

    [Fact]
    public void ResumeFromACorruptCheckpoint_IsAClearError()
    {
        var data = WriteImages(train: 50, test: 5);
        var run = Path.Combine(root, "run");
        TrainCommand.Run(Options("fashion-mnist", data, run, epochs: 1, k: 1)).ShouldBe(0);
        var checkpoint = Path.Combine(run, Vae.Dsl.Training.Checkpoint.FileName);
        var bytes = File.ReadAllBytes(checkpoint);
        File.WriteAllBytes(checkpoint, bytes[..(bytes.Length - 100)]);

        var result = Cli("train", "fashion-mnist", "--data", data, "--resume", run);

        result.ExitCode.ShouldBe(2);
        result.Output.ShouldContain("corrupt or truncated");
        result.Output.ShouldNotContain("   at ");
    }

    private static int EpochsIn(string metrics)
    {
        try
        {
            return MetricsFile.Read(metrics).Train.Count;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return 0;
        }
    }

    private static System.Diagnostics.ProcessStartInfo CliStart(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(TrainCommand).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static (int ExitCode, string Output) Cli(params string[] arguments) => Cli(new Dictionary<string, string>(), arguments);

    private static (int ExitCode, string Output) Cli(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = CliStart(arguments);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + errors.Result);
    }

    [Theory]
    [InlineData("fashion-mnist")]
    [InlineData("FashionMnistVae")]
    [InlineData("models/fashion-mnist.vae.yaml")]
    [InlineData("FASHION-MNIST.vae.yaml")]
    public void ModelLookup_FindsTheDefaultModelByWhatAUserTypes(string query)
    {
        ModelLookup.Find(query).ShouldNotBeNull().Name.ShouldBe("FashionMnistVae");
    }

    // In this process the test runner's threads stay IEEE (the mode is per thread); the tests that start `vae` as a
    // process run its default, denormals flushed
    private static TrainOptions Options(string model, string data, string output, int epochs, int k) =>
        new(model, epochs, k, null, null, null, output, new DataSourceOptions(data), null, 1, DenormalMode.Keep);

    /// <summary>IDX files of random 28x28 images, in a folder laid out like the Debian package's.</summary>
    private string WriteImages(int train, int test)
    {
        var directory = Path.Combine(root, "data");
        Directory.CreateDirectory(directory);
        var random = new Random(3);
        foreach (var (name, count) in new[] { (FashionMnist.TrainImages, train), (FashionMnist.TestImages, test) })
        {
            var pixels = new byte[count * 784];
            random.NextBytes(pixels);
            var bytes = IdxBytes.Images(count, rows: 28, columns: 28, pixels);
            using var file = File.Create(Path.Combine(directory, name));
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }

        return directory;
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
