using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using Shouldly;
using Xunit;

namespace Vae.Dsl.Package.Tests;

/// <summary>
/// `dotnet pack` makes the two packages a user adds (Vae.Dsl.Generator with YamlDotNet under analyzers/dotnet/cs and
/// build props that pick up **/*.vae.yaml; Vae.Dsl, which depends on the managed TorchSharp 0.107.0 and carries the
/// Debian 12 fix as buildTransitive and its native kernels under runtimes/linux-x64/native), and a new project outside
/// this repository that references them from a local folder feed, beside TorchSharp-cpu 0.107.0, compiles a model from
/// its own YAML file, trains it on this machine, and loads the kernels.
/// Packing uses the Release build that scripts/test makes first (--no-build), and the consumer restores into its own
/// package folder, so no cache from an earlier run can stand in for the new packages; TorchSharp and libtorch come
/// from the global package folder as a fallback, which the build must leave as it was.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("vae-packages-").FullName;

    [Fact]
    public async Task FreshProject_UsingThePackedPackages_DeclaresAModelAndTrainsIt()
    {
        var feed = await Pack();
        Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).ShouldBe(["Vae.Dsl.0.1.0.nupkg", "Vae.Dsl.Generator.0.1.0.nupkg"], ignoreOrder: true);
        using (var runtime = ZipFile.OpenRead(Path.Combine(feed, "Vae.Dsl.0.1.0.nupkg")))
        {
            runtime.Entries.Select(e => e.FullName).ShouldContain("buildTransitive/Vae.Dsl.targets");
            runtime.Entries.Select(e => e.FullName).ShouldContain("buildTransitive/RelaxGlibcxxRequirement.cs");
            runtime.Entries.Select(e => e.FullName).ShouldContain("runtimes/linux-x64/native/libvae_dsl_kernels.so", "the native kernels, built by gcc");
            using var nuspec = new StreamReader(runtime.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var dependencies = nuspec.ReadToEnd();
            dependencies.ShouldContain("id=\"TorchSharp\" version=\"0.107.0\"", Case.Sensitive, "the application chooses the backend");
            dependencies.ShouldNotContain("TorchSharp-cpu");
        }

        var cached = Path.Combine(Locations.GlobalPackages(), "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var cachedBefore = File.Exists(cached) ? File.ReadAllBytes(cached) : null;

        var consumer = WriteConsumer(feed);
        var build = await Dotnet.Run(consumer, "build", "-c", "Release", "--packages", Path.Combine(root, "packages"));
        build.ExitCode.ShouldBe(0, build.Output);
        var run = await Dotnet.Run(consumer, "run", "-c", "Release", "--no-build");

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("epoch 3 ELBO");
        run.Output.ShouldContain("log p(x)");
        run.Output.ShouldContain("native kernels: loaded", Case.Sensitive, "the package's libvae_dsl_kernels.so reaches the consumer's output and loads");
        if (cachedBefore is not null)
        {
            File.ReadAllBytes(cached).ShouldBe(cachedBefore, "the fix touches the build output's copy, never the package cache");
        }
    }

    [Fact]
    public async Task AMistakeInTheConsumersModel_IsABuildErrorAtItsLine()
    {
        var feed = await Pack();
        var consumer = WriteConsumer(feed);
        File.WriteAllText(Path.Combine(consumer, "models", "small.vae.yaml"),
            File.ReadAllText(Path.Combine(consumer, "models", "small.vae.yaml")).Replace("gaussian-full", "gaussian-ful", StringComparison.Ordinal));

        var build = await Dotnet.Run(consumer, "build", "-c", "Release", "--packages", Path.Combine(root, "packages"));

        build.ExitCode.ShouldNotBe(0);
        build.Output.ShouldContain("small.vae.yaml(5,22): error VAE0104");
    }

    /// <summary>Packs the generator and the runtime from the Release build into a new local feed; returns its folder.</summary>
    private async Task<string> Pack()
    {
        var repository = Locations.RepositoryRoot();
        var feed = Path.Combine(root, "feed");
        foreach (var project in new[] { "generators/Vae.Dsl.Generator", "src/Vae.Dsl" })
        {
            var pack = await Dotnet.Run(repository, "pack", Path.Combine(repository, project), "-c", "Release", "--no-build", "-o", feed);
            pack.ExitCode.ShouldBe(0, pack.Output);
        }

        return feed;
    }


    /// <summary>
    /// A console project with one model under models/, and a nuget.config that adds the local feed and takes packages
    /// already in the global folder from there (the 500 MB of libtorch need not be fetched again).
    /// </summary>
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
              <fallbackPackageFolders>
                <add key="global" value="{Locations.GlobalPackages()}" />
              </fallbackPackageFolders>
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
                <PackageReference Include="TorchSharp-cpu" Version="0.107.0" />
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
            using Vae.Dsl.Kernels;
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
            Console.WriteLine($"native kernels: {NativeKernels.Status}");
            """);
        return consumer;
    }



    public void Dispose() => Directory.Delete(root, recursive: true);
}
