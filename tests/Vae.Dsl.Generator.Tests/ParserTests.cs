using System.Linq;
using System.Threading;
using Shouldly;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Parsing;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>What the parser makes of valid files: the values they state and the defaults they leave out.</summary>
public class ParserTests
{
    private static ModelSpec Parse(string relativePath, string? rootNamespace = null)
    {
        var (path, text) = GeneratorHarness.CorpusFile(relativePath);
        var result = ModelParser.Parse(new ModelFile(path, text), rootNamespace, CancellationToken.None);
        result.Diagnostics.ShouldBeEmpty();
        return result.Model.ShouldNotBeNull();
    }

    [Fact]
    public void DefaultModel_ReadsAsDeclared()
    {
        var model = Parse("models/fashion-mnist.vae.yaml");

        model.Name.ShouldBe("FashionMnistVae");
        model.Namespace.ShouldBe("Vae.Models");
        model.Data.ShouldBe(new DataSpec(new[] { 1L, 28, 28 }.ToEquatableArray(), DataValues.UnitInterval, null));
        model.FeatureCount.ShouldBe(784);
        model.LatentSize.ShouldBe(20);
        model.Encoder.ShouldBe(new MlpNetworkSpec(new[] { 400 }.ToEquatableArray(), Activation.Relu));
        model.Decoder.ShouldBe(model.Encoder);
        model.Posterior.ShouldBe(new DiagonalGaussianPosteriorSpec(ScaleTransform.Softplus, 1e-4));
        model.Likelihood.ShouldBe(new BernoulliLikelihoodSpec());
        model.Prior.ShouldBe(new StandardNormalPriorSpec());
        model.Objective.ShouldBe(new ObjectiveSpec(Estimator.Elbo, 1, GradientEstimator.Standard, KlEstimator.Analytic, 1.0, null, 0));
        model.Training.ShouldBe(new TrainingSpec(OptimizerKind.Adam, 1e-3, 0, 0, 128, 10, 1, 0, Binarization.Dynamic, NonFiniteAction.Stop, "cpu"));
        model.Evaluation.ImportanceSamples.ShouldBe(1000);
    }

    [Fact]
    public void MinimalModel_TakesTheDocumentedDefaults()
    {
        var model = Parse("good/minimal.vae.yaml");

        model.Namespace.ShouldBe(ModelParser.FallbackNamespace);
        model.Encoder.Activation.ShouldBe(Activation.Relu);
        model.Posterior.ShouldBe(new DiagonalGaussianPosteriorSpec(ScaleTransform.Softplus, 1e-4));
        model.Prior.ShouldBe(new StandardNormalPriorSpec());
        model.Objective.ShouldBe(new ObjectiveSpec(Estimator.Elbo, 1, GradientEstimator.Standard, KlEstimator.Analytic, 1.0, null, 0));
        model.Training.ShouldBe(new TrainingSpec(OptimizerKind.Adam, 1e-3, 0, 0, 128, 10, 0, 0, Binarization.Dynamic, NonFiniteAction.Stop, "cpu"));
        model.Evaluation.ImportanceSamples.ShouldBe(1000);
    }

    [Fact]
    public void ModelWithoutNamespace_TakesTheProjectsRootNamespace()
    {
        Parse("good/minimal.vae.yaml", rootNamespace: "My.Project").Namespace.ShouldBe("My.Project");
        Parse("good/no-hidden-layers.vae.yaml", rootNamespace: "My.Project").Namespace.ShouldBe("Vae.Tests.Models");
    }

    [Fact]
    public void WarmupStaticBinarizationAndOnNonFinite_AreRead()
    {
        var model = Parse("good/every-option.vae.yaml");

        model.Objective.ShouldBe(new ObjectiveSpec(Estimator.Elbo, 1, GradientEstimator.Standard, KlEstimator.Analytic, 0.5, new WarmupSpec(WarmupUnit.Epochs, 4), 0));
        model.Posterior.Scale.ShouldBe(ScaleTransform.Exp);
        model.Training.ShouldBe(new TrainingSpec(OptimizerKind.Sgd, 0.05, 0, 0, 32, 6, 7, 0, Binarization.Static, NonFiniteAction.Skip, "cpu"));
        model.Encoder.Hidden.ShouldBe([10, 6]);
        Parse("good/no-hidden-layers.vae.yaml").Objective.Warmup.ShouldBe(new WarmupSpec(WarmupUnit.Steps, 100));
    }

    [Theory]
    [InlineData("gaussian-ful", "gaussian-full")]
    [InlineData("rleu", "relu")]
    [InlineData("bernouli", "bernoulli")]
    public void EditDistance_FindsTheIntendedWord(string typo, string intended)
    {
        Suggestions.DidYouMean(typo, ["gaussian-full", "relu", "bernoulli", "laplace"]).ShouldBe($". Did you mean '{intended}'?");
    }

    [Fact]
    public void FarFetchedWord_GetsNoSuggestion()
    {
        Suggestions.DidYouMean("transformer", Vae.Dsl.Generator.Families.PosteriorFamilies.Registry.Words.ToArray()).ShouldBeEmpty();
    }
}
