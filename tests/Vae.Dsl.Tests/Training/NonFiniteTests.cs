using System;
using System.Linq;
using Shouldly;
using TorchSharp;
using Vae.Dsl.Data;
using Vae.Dsl.Tests.Models;
using Vae.Dsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Training;

/// <summary>
/// A non-finite loss never reaches the parameters: with <c>on-non-finite: stop</c> (the default) training ends with a
/// message naming the term, the epoch and the step; with <c>skip</c> the step is left out and counted.
/// </summary>
public class NonFiniteTests
{
    [Fact]
    public void NaNInTheDecoder_StopsAtTheFirstStep_NamingTheReconstructionTerm()
    {
        using var data = SyntheticData.Binary(64, seed: 1);
        using var trainer = TinyVaeTrainer.Create();
        Poison(trainer.Model, "decoder.2.bias");

        var fault = Should.Throw<NonFiniteLossException>(() => trainer.TrainEpoch(new VaeData(data), 3));

        fault.Epoch.ShouldBe(3);
        fault.Step.ShouldBe(1);
        fault.Message.ShouldContain("reconstruction term");
        fault.Message.ShouldContain("epoch 3, step 1");
    }

    [Fact]
    public void NaNInTheEncoder_NamesBothTerms()
    {
        using var data = SyntheticData.Binary(64, seed: 2);
        using var trainer = TinyVaeTrainer.Create();
        Poison(trainer.Model, "meanHead.bias");

        var fault = Should.Throw<NonFiniteLossException>(() => trainer.TrainEpoch(new VaeData(data), 1));

        fault.Message.ShouldContain("KL term");
    }

    [Fact]
    public void Skip_LeavesTheParametersAsTheyWere_AndCountsTheSteps()
    {
        using var examples = SyntheticData.Binary(64, seed: 3);
        using var labels = tensor(Enumerable.Range(0, 64).Select(i => (long)(i % 4)).ToArray());
        using var trainer = ConditionalVaeTrainer.Create();
        Poison(trainer.Model, "decoder.2.bias");
        var before = trainer.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());

        var metrics = trainer.TrainEpoch(new VaeData(examples, labels), 1);

        metrics.SkippedSteps.ShouldBe(2, "64 examples in batches of 32");
        double.IsNaN(metrics.Elbo).ShouldBeTrue("no step was taken, so there is no average");
        foreach (var (name, parameter) in trainer.Model.named_parameters())
        {
            parameter.data<float>().ToArray().ShouldBe(before[name], $"{name} changed");
        }
    }

    [Fact]
    public void Rollback_RestartsTheEpochWithATenthOfTheLearningRate_AndLeavesNoNonFiniteParameter()
    {
        using var data = SyntheticData.Grey(256, seed: 4);
        using var trainer = TinyExpScaleVaeTrainer.Create();
        foreach (var group in ((IVaeTrainer)trainer).Optimizer.ParamGroups)
        {
            group.LearningRate = 1e6; // Adam steps of about 1e6 send the model to infinity within a few steps
        }

        var events = new System.Collections.Generic.List<Rollback.Event>();
        EpochMetrics? metrics = null;
        NonFiniteLossException? stopped = null;
        try
        {
            metrics = Rollback.TrainEpoch(trainer, new VaeData(data), 1, onRollback: events.Add);
        }
        catch (NonFiniteLossException e)
        {
            stopped = e;
        }

        events.ShouldNotBeEmpty("a learning rate of 1e6 must meet a non-finite loss");
        for (var i = 0; i < events.Count; i++)
        {
            events[i].Rollbacks.ShouldBe(i + 1);
            events[i].LearningRates.ShouldAllBe(rate => Math.Abs(rate - (1e6 / Math.Pow(10, i + 1))) < 1e-6 * rate);
        }

        if (stopped is not null)
        {
            events.Count.ShouldBe(Rollback.MaxRollbacks);
            stopped.Message.ShouldContain($"after {Rollback.MaxRollbacks} rollbacks of epoch 1");
        }
        else
        {
            double.IsFinite(metrics!.Elbo).ShouldBeTrue();
        }

        // a fault is found before any parameter changes, and a rollback restores the epoch's start
        foreach (var (name, parameter) in trainer.Model.named_parameters())
        {
            parameter.isfinite().all().item<bool>().ShouldBeTrue(name);
        }
    }

    [Theory]
    [InlineData(float.NaN, false)]
    [InlineData(float.PositiveInfinity, false)]
    [InlineData(float.NegativeInfinity, false)]
    [InlineData(3e38f, true)]
    public void GradientCheck_FindsEveryNonFiniteEntry_AndNoneWhereOnlyTheSumOverflows(float entry, bool finite)
    {
        // 1000 entries of 3e38 sum to 3e41, beyond float32 (3.4e38) but every entry is finite
        using var parameter = new TorchSharp.Modules.Parameter(zeros(1000));
        var values = Enumerable.Repeat(3e38f, 1000).ToArray();
        values[500] = entry;
        using var weights = tensor(values);
        // ∂/∂p Σ_i p_i w_i = w
        using (var product = (parameter * weights).sum())
        {
            product.backward();
        }

        NumericalGuard.GradientIsFinite([parameter], epoch: 1, step: 1, NonFiniteAction.Skip).ShouldBe(finite);
        if (!finite)
        {
            Should.Throw<NonFiniteLossException>(() => NumericalGuard.GradientIsFinite([parameter], epoch: 2, step: 7, NonFiniteAction.Stop))
                .Message.ShouldContain("at epoch 2, step 7");
        }
    }

    private static void Poison(nn.Module model, string parameter)
    {
        using var noGrad = no_grad();
        model.get_parameter(parameter).ShouldNotBeNull(parameter).fill_(float.NaN);
    }
}
