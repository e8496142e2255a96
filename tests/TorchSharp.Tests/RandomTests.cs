using System;
using System.Linq;
using Shouldly;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    [Collection(RandomCollection.Name)]
    public class RandomTests
    {
        [Fact]
        public void ManualSeed_MakesDrawsReproducible_AndMatchesPyTorch()
        {
            manual_seed(42);
            var first = randn(5).data<float>().ToArray();
            manual_seed(42);
            var second = randn(5).data<float>().ToArray();
            second.ShouldBe(first);
            // torch.manual_seed(42); torch.randn(5) in PyTorch 1.13.
            first.ShouldBe(new[] { 0.33669036626815796f, 0.12880940735340118f, 0.23446236550807953f, 0.23033303022384644f, -1.1228563785552979f }, 1e-7f);
            manual_seed(42);
            rand(3, ScalarType.Float64).data<double>().ToArray().ShouldBe(new[] { 0.05815448596142969, 0.06291016742457756, 0.12358607277440903 }, 1e-15);
        }

        [Fact]
        public void Generators_AreIndependentOfTheDefaultOne()
        {
            using var g1 = new Generator(7);
            using var g2 = new Generator(7);
            randn(4, generator: g1).data<float>().ToArray().ShouldBe(randn(4, generator: g2).data<float>().ToArray());
            g1.initial_seed().ShouldBe(7);
            g1.manual_seed(9).initial_seed().ShouldBe(9);
        }

        [Fact]
        public void RandPerm_IsAPermutation()
        {
            manual_seed(1);
            var p = randperm(50).data<long>().ToArray();
            p.OrderBy(v => v).ShouldBe(Enumerable.Range(0, 50).Select(i => (long)i));
            manual_seed(1);
            randperm(50).data<long>().ToArray().ShouldBe(p);
        }

        [Fact]
        public void LikeFactories_KeepShapeAndType()
        {
            using var x = zeros(3, 4, ScalarType.Float64);
            randn_like(x).shape.ShouldBe(new long[] { 3, 4 });
            rand_like(x).dtype.ShouldBe(ScalarType.Float64);
            rand_like(x).data<double>().ToArray().ShouldAllBe(v => v >= 0 && v < 1);
        }

        [Theory]
        [InlineData(0.1)]
        [InlineData(0.5)]
        [InlineData(0.93)]
        public void Bernoulli_MeanIsWithinFourBinomialStandardDeviationsOfP(double p)
        {
            manual_seed(123);
            const int n = 128 * 784;
            using var probabilities = full(128, 784, p);
            double total = 0;
            const int draws = 10;
            for (var i = 0; i < draws; i++) {
                using var sample = bernoulli(probabilities);
                sample.dtype.ShouldBe(ScalarType.Float32);
                sample.shape.ShouldBe(new long[] { 128, 784 });
                var values = sample.data<float>().ToArray();
                values.ShouldAllBe(v => v == 0 || v == 1);
                total += values.Sum();
            }
            var count = (double)n * draws;
            var sd = Math.Sqrt(count * p * (1 - p));
            Math.Abs(total - count * p).ShouldBeLessThan(4 * sd);
        }

        [Fact]
        public void Bernoulli_HonorsPerElementProbabilities_AndTheSeed()
        {
            using var p = tensor(Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 0.0 : 1.0).ToArray());
            p.bernoulli().data<double>().ToArray().ShouldBe(p.data<double>().ToArray());
            using var half = full(1003, 0.5);
            manual_seed(5);
            var a = half.bernoulli().data<float>().ToArray();
            manual_seed(5);
            var b = bernoulli(half).data<float>().ToArray();
            b.ShouldBe(a);
            using var g = new Generator(5);
            half.bernoulli(g).data<float>().ToArray().Sum().ShouldBeInRange(400f, 600f);
            Should.Throw<System.Runtime.InteropServices.ExternalException>(() => full(3, 1.5).bernoulli());
        }
    }

    /// <summary>Tests that seed or draw from the default generator run one at a time, so seeded sequences stay exact.</summary>
    [CollectionDefinition(Name)]
    public sealed class RandomCollection
    {
        public const string Name = "Default generator";
    }
}
