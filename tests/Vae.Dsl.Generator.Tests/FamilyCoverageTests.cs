using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Shouldly;
using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Parsing;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// Adding a family to a registry is not done until it is proven: every registered posterior, likelihood and prior
/// has reference values (tests/Vae.Dsl.Tests/Reference/&lt;kind&gt;.&lt;word&gt;.json, which ReferenceValueTests runs
/// case by case), every closed-form KL of the KL table has its own, and every family, network, scale kind, estimator
/// and gradient estimator is used by a model whose generated code is pinned (SnapshotTests, FamilyCodeTests).
/// </summary>
public class FamilyCoverageTests
{
    private static readonly string ReferenceFolder = Path.Combine(AppContext.BaseDirectory, "Reference");

    public static TheoryData<string> ReferenceFilesOfRegisteredFamilies()
    {
        var files = PosteriorFamilies.Registry.Words.Select(w => "posterior." + w)
            .Concat(LikelihoodFamilies.Registry.Words.Select(w => "likelihood." + w))
            .Concat(PriorFamilies.Registry.Words.Select(w => "prior." + w))
            .Concat(KlTable.Pairs.Select(p => $"kl.{PosteriorFamilies.Registry.All.Single(f => f.SpecType == p.Posterior).Word}.{PriorFamilies.Registry.All.Single(f => f.SpecType == p.Prior).Word}"));
        return new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(ReferenceFilesOfRegisteredFamilies))]
    public void RegisteredFamily_HasReferenceValues(string file)
    {
        var path = Path.Combine(ReferenceFolder, file + ".json");
        File.Exists(path).ShouldBeTrue($"{file}.json is missing: add its cases to tests/Vae.Dsl.Tests/Reference/make_reference_values.py");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        document.RootElement.GetProperty("cases").GetArrayLength().ShouldBeGreaterThanOrEqualTo(5, file);
    }

    [Theory]
    [InlineData("likelihood.gaussian")]
    [InlineData("likelihood.laplace")]
    public void ScaledLikelihood_HasReferenceValuesForEveryScaleKind(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ReferenceFolder, file + ".json")));
        var kinds = document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => c.GetProperty("options").GetProperty("scale").GetString())
            .ToHashSet();
        kinds.ShouldBe(Enum.GetNames<LikelihoodScaleKind>().Select(k => k.ToLowerInvariant()), ignoreOrder: true);
    }

    [Fact]
    public void EveryRegisteredFamilyAndChoice_IsUsedByASnapshottedModel()
    {
        var models = SnapshottedModels();
        models.Count.ShouldBeGreaterThan(20);

        var used = models.SelectMany(m => new object[]
        {
            m.Posterior.GetType(), m.Likelihood.GetType(), m.Prior.GetType(), m.Encoder.GetType(), m.Decoder.GetType(),
            m.Objective.Estimator, m.Objective.Gradient, m.Objective.Kl, m.Training.Optimizer,
            (m.Likelihood as GaussianLikelihoodSpec)?.Scale.Kind.ToString() + " gaussian",
            (m.Likelihood as LaplaceLikelihoodSpec)?.Scale.Kind.ToString() + " laplace",
            m.IsConditional,
        }).ToHashSet();

        var expected = new List<object>();
        expected.AddRange(PosteriorFamilies.Registry.All.Select(f => f.SpecType));
        expected.AddRange(LikelihoodFamilies.Registry.All.Select(f => f.SpecType));
        expected.AddRange(PriorFamilies.Registry.All.Select(f => f.SpecType));
        expected.AddRange(NetworkFamilies.Registry.All.Select(f => f.SpecType));
        expected.AddRange(Enum.GetValues<Estimator>().Cast<object>());
        expected.AddRange(Enum.GetValues<GradientEstimator>().Cast<object>());
        expected.AddRange(Enum.GetValues<KlEstimator>().Cast<object>());
        expected.AddRange(Enum.GetValues<OptimizerKind>().Cast<object>());
        expected.AddRange(Enum.GetNames<LikelihoodScaleKind>().SelectMany(k => new object[] { k + " gaussian", k + " laplace" }));
        expected.Add(true);

        expected.Where(e => !used.Contains(e)).Select(e => e.ToString()).ShouldBeEmpty();
    }

    [Fact]
    public void EveryClosedFormKl_IsUsedByASnapshottedModel()
    {
        var pairs = SnapshottedModels().Select(m => (m.Posterior.GetType(), m.Prior.GetType())).ToHashSet();
        KlTable.Pairs.Where(p => !pairs.Contains(p)).ShouldBeEmpty();
    }

    /// <summary>The models whose code is pinned: models/, the good corpus and the run-time test models.</summary>
    private static List<ModelSpec> SnapshottedModels() =>
        SnapshotTests.CorpusPaths()
            .Select(path => GeneratorHarness.CorpusFile(path))
            .Select(file => ModelParser.Parse(new ModelFile(file.Path, file.Text), null, CancellationToken.None).Model.ShouldNotBeNull(file.Path))
            .ToList();
}
