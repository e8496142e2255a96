using System;
using System.IO;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Vae.Dsl.Generator.Bench;

// The generator's timings (docs/benchmark.md, "The generator"): first a quick check of which steps re-run after an
// edit, then BenchmarkDotNet's measurements. Arguments go to BenchmarkDotNet (e.g. --filter '*NoOp*'); with none,
// every benchmark runs.
IncrementalCheck.Run("fashion-mnist");

ProcessWarmup.Run(TimeSpan.FromSeconds(5));

// A short job, in this process (no separate build of a benchmark project): a run of every benchmark takes under two
// minutes on 2 cores, where BenchmarkDotNet's default job would take many.
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithLaunchCount(1)
    .WithWarmupCount(5)
    .WithIterationCount(10)
    .WithIterationTime(TimeInterval.FromMilliseconds(150))
    .WithId("short");
var config = DefaultConfig.Instance
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(30))
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(IncrementalCheck).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
