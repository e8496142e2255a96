using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Shouldly;
using Xunit;

namespace Vae.Dsl.Package.Tests;

/// <summary>
/// `dotnet pack` makes the three packages a user adds (Vae.Dsl.Generator with YamlDotNet under analyzers/dotnet/cs and
/// build props that pick up **/*.vae.yaml; Vae.Dsl; Vae.Dsl.TorchSharp with its native shim), and a new project
/// outside this repository that references them from a local folder feed compiles a model from its own YAML file
/// and trains it. Packing uses the Release build that scripts/test makes first (--no-build), and the consumer
/// restores into its own package folder, so no cache from an earlier run can stand in for the new packages.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("vae-packages-").FullName;

    [Fact]
    public async Task FreshProject_UsingThePackedPackages_DeclaresAModelAndTrainsIt()
    {
        var repository = RepositoryRoot();
        var feed = Path.Combine(root, "feed");
        foreach (var project in new[] { "generators/Vae.Dsl.Generator", "src/TorchSharp", "src/Vae.Dsl" })
        {
            var pack = await Dotnet(repository, "pack", Path.Combine(repository, project), "-c", "Release", "--no-build", "-o", feed);
            pack.ExitCode.ShouldBe(0, pack.Output);
        }

        Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).ShouldBe(
            ["Vae.Dsl.0.1.0.nupkg", "Vae.Dsl.Generator.0.1.0.nupkg", "Vae.Dsl.TorchSharp.0.1.0.nupkg"], ignoreOrder: true);

        var consumer = WriteConsumer(feed);
        var build = await Dotnet(consumer, "build", "-c", "Release", "--packages", Path.Combine(root, "packages"));
        build.ExitCode.ShouldBe(0, build.Output);
        var run = await Dotnet(consumer, "run", "-c", "Release", "--no-build");

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("epoch 3 ELBO");
        run.Output.ShouldContain("log p(x)");
    }

    [Fact]
    public async Task AMistakeInTheConsumersModel_IsABuildErrorAtItsLine()
    {
        var repository = RepositoryRoot();
        var feed = Path.Combine(root, "feed");
        (await Dotnet(repository, "pack", Path.Combine(repository, "generators/Vae.Dsl.Generator"), "-c", "Release", "--no-build", "-o", feed)).ExitCode.ShouldBe(0);
        (await Dotnet(repository, "pack", Path.Combine(repository, "src/TorchSharp"), "-c", "Release", "--no-build", "-o", feed)).ExitCode.ShouldBe(0);
        (await Dotnet(repository, "pack", Path.Combine(repository, "src/Vae.Dsl"), "-c", "Release", "--no-build", "-o", feed)).ExitCode.ShouldBe(0);
        var consumer = WriteConsumer(feed);
        File.WriteAllText(Path.Combine(consumer, "models", "small.vae.yaml"),
            File.ReadAllText(Path.Combine(consumer, "models", "small.vae.yaml")).Replace("gaussian-full", "gaussian-ful", StringComparison.Ordinal));

        var build = await Dotnet(consumer, "build", "-c", "Release", "--packages", Path.Combine(root, "packages"));

        build.ExitCode.ShouldNotBe(0);
        build.Output.ShouldContain("small.vae.yaml(5,22): error VAE0104");
    }

    /// <summary>A console project with one model under models/, and a nuget.config that adds the local feed.</summary>
    private string WriteConsumer(string feed)
    {
        var consumer = Path.Combine(root, "consumer");
        Directory.CreateDirectory(Path.Combine(consumer, "models"));
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>Consumer</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Vae.Dsl.Generator" Version="0.1.0" PrivateAssets="all" />
                <PackageReference Include="Vae.Dsl" Version="0.1.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "models", "small.vae.yaml"), """
            model: SmallVae
            data: { features: 16, values: binary }
            latent: { size: 2 }
            encoder: { hidden: [32] }
            posterior: { family: gaussian-full }
            decoder: { hidden: [32] }
            likelihood: { family: bernoulli }
            training: { learning-rate: 0.01, batch-size: 32, epochs: 3, seed: 1 }
            evaluation: { importance-samples: 10 }
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using System;
            using Consumer;
            using Vae.Dsl.Data;
            using static TorchSharp.torch;

            // Random binary data of the shape the model file declares; train as the file says, then evaluate.
            manual_seed(7);
            using var data = bernoulli(full(new long[] { 256, SmallVae.FeatureCount }, 0.3f));
            using var trainer = SmallVaeTrainer.Create();
            foreach (var epoch in trainer.Train(new VaeData(data)))
            {
                Console.WriteLine($"epoch {epoch.Epoch} ELBO {epoch.Elbo:F3}");
            }

            var test = trainer.Evaluate(new VaeData(data));
            Console.WriteLine($"log p(x) {test.LogPx:F3} with K = {test.K}");
            """);
        return consumer;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Vae.Dsl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }

    private static async Task<(int ExitCode, string Output)> Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // the consumer must not inherit this test run's MSBuild settings
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
