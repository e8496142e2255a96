using System;
using System.IO;
using System.Linq;
using Shouldly;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    // Module construction draws from the default generator: kept with the other tests that use it.
    [Collection(RandomCollection.Name)]
    public class ConvolutionTests
    {
        private static double[] D(Tensor t) => t.data<double>().ToArray();

        /// <summary>conv2d by its definition: out[n,o,y,x] = b[o] + Σ in[n,c,y·s-p+i·d, x·s-p+j·d] w[o,c,i,j], zero outside.</summary>
        private static double[] NaiveConv2d(double[] input, long[] inShape, double[] weight, long[] wShape, double[]? bias, long stride, long padding, long dilation, out long[] outShape)
        {
            long n = inShape[0], c = inShape[1], h = inShape[2], w = inShape[3];
            long o = wShape[0], kh = wShape[2], kw = wShape[3];
            var oh = (h + 2 * padding - dilation * (kh - 1) - 1) / stride + 1;
            var ow = (w + 2 * padding - dilation * (kw - 1) - 1) / stride + 1;
            outShape = new[] { n, o, oh, ow };
            var result = new double[n * o * oh * ow];
            for (long b = 0; b < n; b++)
            for (long oc = 0; oc < o; oc++)
            for (long y = 0; y < oh; y++)
            for (long x = 0; x < ow; x++) {
                var sum = bias?[oc] ?? 0;
                for (long ic = 0; ic < c; ic++)
                for (long i = 0; i < kh; i++)
                for (long j = 0; j < kw; j++) {
                    var yy = y * stride - padding + i * dilation;
                    var xx = x * stride - padding + j * dilation;
                    if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                    sum += input[((b * c + ic) * h + yy) * w + xx] * weight[((oc * c + ic) * kh + i) * kw + j];
                }
                result[((b * o + oc) * oh + y) * ow + x] = sum;
            }
            return result;
        }

        /// <summary>The transposed convolution by its definition: each input element scatters input · w[c,o] into the output.</summary>
        private static double[] NaiveConvTranspose2d(double[] input, long[] inShape, double[] weight, long[] wShape, double[]? bias, long stride, long padding, long outputPadding, long dilation, out long[] outShape)
        {
            long n = inShape[0], c = inShape[1], h = inShape[2], w = inShape[3];
            long o = wShape[1], kh = wShape[2], kw = wShape[3];
            var oh = (h - 1) * stride - 2 * padding + dilation * (kh - 1) + outputPadding + 1;
            var ow = (w - 1) * stride - 2 * padding + dilation * (kw - 1) + outputPadding + 1;
            outShape = new[] { n, o, oh, ow };
            var result = new double[n * o * oh * ow];
            for (long b = 0; b < n; b++)
            for (long oc = 0; oc < o; oc++)
            for (long y = 0; y < oh; y++)
            for (long x = 0; x < ow; x++)
                result[((b * o + oc) * oh + y) * ow + x] = bias?[oc] ?? 0;
            for (long b = 0; b < n; b++)
            for (long ic = 0; ic < c; ic++)
            for (long y = 0; y < h; y++)
            for (long x = 0; x < w; x++)
            for (long oc = 0; oc < o; oc++)
            for (long i = 0; i < kh; i++)
            for (long j = 0; j < kw; j++) {
                var yy = y * stride - padding + i * dilation;
                var xx = x * stride - padding + j * dilation;
                if (yy < 0 || yy >= oh || xx < 0 || xx >= ow) continue;
                result[((b * o + oc) * oh + yy) * ow + xx] += input[((b * c + ic) * h + y) * w + x] * weight[((ic * o + oc) * kh + i) * kw + j];
            }
            return result;
        }

        [Theory]
        [InlineData(1, 0, 1)]
        [InlineData(2, 1, 1)]
        [InlineData(1, 2, 2)]
        public void Conv2d_MatchesTheDefinition_AndItsGradients(long stride, long padding, long dilation)
        {
            var inShape = new long[] { 2, 3, 6, 5 };
            var wShape = new long[] { 4, 3, 3, 2 };
            var input = GradCheck.Values(180);
            var weight = GradCheck.Values(72, 1.3);
            var bias = new double[] { 0.1, -0.2, 0.3, 0.05 };
            var expected = NaiveConv2d(input, inShape, weight, wShape, bias, stride, padding, dilation, out var outShape);
            var s = new[] { stride };
            var p = new[] { padding };
            var d = new[] { dilation };
            var actual = nn.functional.conv2d(tensor(input, inShape), tensor(weight, wShape), tensor(bias), s, p, d);
            actual.shape.ShouldBe(outShape);
            D(actual).ShouldBe(expected, 1e-12);

            using var w = tensor(weight, wShape);
            using var x = tensor(input, inShape);
            var upstream = GradCheck.Values((int)outShape.Aggregate(1L, (a, b) => a * b), 0.4);
            GradCheck.MatchesFiniteDifferences(t => (nn.functional.conv2d(t, w, strides: s, padding: p, dilation: d) * tensor(upstream, outShape)).sum(),
                input, inShape, "conv2d wrt input");
            GradCheck.MatchesFiniteDifferences(t => (nn.functional.conv2d(x, t, tensor(bias), s, p, d) * tensor(upstream, outShape)).sum(),
                weight, wShape, "conv2d wrt weight");
        }

        [Theory]
        [InlineData(1, 0, 0, 1)]
        [InlineData(2, 1, 1, 1)]
        [InlineData(3, 1, 2, 2)]
        public void ConvTranspose2d_MatchesTheDefinition_AndIsTheAdjointOfConv2d(long stride, long padding, long outputPadding, long dilation)
        {
            var inShape = new long[] { 2, 3, 4, 3 };
            var wShape = new long[] { 3, 2, 3, 3 };
            var input = GradCheck.Values(72);
            var weight = GradCheck.Values(54, 0.8);
            var bias = new double[] { 0.5, -0.25 };
            var expected = NaiveConvTranspose2d(input, inShape, weight, wShape, bias, stride, padding, outputPadding, dilation, out var outShape);
            var actual = nn.functional.conv_transpose2d(tensor(input, inShape), tensor(weight, wShape), tensor(bias),
                new[] { stride }, new[] { padding }, new[] { outputPadding }, new[] { dilation });
            actual.shape.ShouldBe(outShape);
            D(actual).ShouldBe(expected, 1e-12);

            // ⟨conv2d(y, w), x⟩ = ⟨y, conv_transpose2d(x, w)⟩ for the same stride, padding and dilation.
            using var x = tensor(input, inShape);
            using var w = tensor(weight, wShape);
            using var y = tensor(GradCheck.Values((int)outShape.Aggregate(1L, (a, b) => a * b), 2.2), outShape);
            var left = (nn.functional.conv2d(y, w, strides: new[] { stride }, padding: new[] { padding }, dilation: new[] { dilation }) * x).sum().item<double>();
            var right = (y * nn.functional.conv_transpose2d(x, w, strides: new[] { stride }, padding: new[] { padding },
                outputPadding: new[] { outputPadding }, dilation: new[] { dilation })).sum().item<double>();
            left.ShouldBe(right, 1e-10);

            GradCheck.MatchesFiniteDifferences(t => (nn.functional.conv_transpose2d(t, w, strides: new[] { stride }, padding: new[] { padding },
                outputPadding: new[] { outputPadding }, dilation: new[] { dilation }) * y).sum(), input, inShape, "conv_transpose2d wrt input");
        }

        [Fact]
        public void Conv2dModule_RegistersWeightAndBias_InitializedAsPyTorch()
        {
            manual_seed(7);
            using var conv = nn.Conv2d(3, 8, 3, stride: 2, padding: 1);
            conv.named_parameters().Select(np => np.name).ShouldBe(new[] { "weight", "bias" });
            conv.weight!.shape.ShouldBe(new long[] { 8, 3, 3, 3 });
            conv.bias!.shape.ShouldBe(new long[] { 8 });
            conv.weight.requires_grad.ShouldBeTrue();

            // reset_parameters: kaiming_uniform_(a=√5) gives U(±1/√fan_in) with fan_in = 3·3·3, then the bias the same,
            // drawn in that order from the default generator.
            var bound = 1 / Math.Sqrt(27);
            manual_seed(7);
            using var expectedWeight = empty(new long[] { 8, 3, 3, 3 });
            using var expectedBias = empty(8);
            using (no_grad()) {
                expectedWeight.uniform_(-bound, bound);
                expectedBias.uniform_(-bound, bound);
            }
            conv.weight.data<float>().ToArray().ShouldBe(expectedWeight.data<float>().ToArray());
            conv.bias.data<float>().ToArray().ShouldBe(expectedBias.data<float>().ToArray());
            conv.weight.data<float>().ToArray().ShouldAllBe(v => Math.Abs(v) <= bound);

            using var x = randn(2, 3, 9, 9);
            var y = conv.call(x);
            y.shape.ShouldBe(new long[] { 2, 8, 5, 5 });
            y.data<float>().ToArray().ShouldBe(nn.functional.conv2d(x, conv.weight, conv.bias, new long[] { 2 }, new long[] { 1 }).data<float>().ToArray());
            y.sum().backward();
            conv.weight.grad()!.shape.ShouldBe(new long[] { 8, 3, 3, 3 });
            // ∂Σy/∂b[o] counts the output positions.
            conv.bias.grad()!.data<float>().ToArray().ShouldAllBe(g => g == 2 * 5 * 5);

            nn.Conv2d(2, 4, (3, 1), padding: (1, 0), bias: false, dtype: ScalarType.Float64).call(ones(1, 2, 5, 5, ScalarType.Float64)).shape
                .ShouldBe(new long[] { 1, 4, 5, 5 });
            nn.Conv2d(2, 4, 1, bias: false).bias.ShouldBeNull();
            nn.Conv2d(4, 4, 3, groups: 2).weight!.shape.ShouldBe(new long[] { 4, 2, 3, 3 });
            Should.Throw<NotSupportedException>(() => nn.Conv2d(1, 1, 3, paddingMode: PaddingModes.Reflect));
        }

        [Fact]
        public void ConvTranspose2dModule_UpsamplesWithOutputPadding_InitializedAsPyTorch()
        {
            manual_seed(3);
            using var deconv = nn.ConvTranspose2d(8, 3, 3, stride: 2, padding: 1, outputPadding: 1);
            deconv.weight!.shape.ShouldBe(new long[] { 8, 3, 3, 3 });
            deconv.bias!.shape.ShouldBe(new long[] { 3 });

            // For a transposed convolution fan_in = weight.size(1) · kH · kW = 3 · 3 · 3.
            var bound = 1 / Math.Sqrt(27);
            manual_seed(3);
            using var expectedWeight = empty(new long[] { 8, 3, 3, 3 });
            using var expectedBias = empty(3);
            using (no_grad()) {
                expectedWeight.uniform_(-bound, bound);
                expectedBias.uniform_(-bound, bound);
            }
            deconv.weight.data<float>().ToArray().ShouldBe(expectedWeight.data<float>().ToArray());
            deconv.bias.data<float>().ToArray().ShouldBe(expectedBias.data<float>().ToArray());

            using var x = randn(2, 8, 7, 7);
            var y = deconv.call(x);
            // (7 - 1)·2 - 2 + 3 + 1 = 14: the inverse of a stride-2 convolution of 14 × 14.
            y.shape.ShouldBe(new long[] { 2, 3, 14, 14 });
            y.square().sum().backward();
            deconv.weight.grad()!.abs().sum().item<float>().ShouldBeGreaterThan(0);
        }

        [Fact]
        public void FlattenAndUnflatten_Modules_RoundTripInASequential()
        {
            using var model = nn.Sequential(nn.Flatten(), nn.Unflatten(1, new long[] { 3, 4 }));
            using var x = randn(2, 3, 2, 2);
            nn.Flatten().call(x).shape.ShouldBe(new long[] { 2, 12 });
            nn.Flatten(0, 1).call(x).shape.ShouldBe(new long[] { 6, 2, 2 });
            var y = model.call(x);
            y.shape.ShouldBe(new long[] { 2, 3, 4 });
            y.data<float>().ToArray().ShouldBe(x.data<float>().ToArray());
        }

        [Fact]
        public void Sequential_Append_ReturnsTheSequential_ForChaining()
        {
            using var seq = nn.Sequential();
            seq.append(nn.Conv2d(1, 2, 3, padding: 1)).append("act", nn.ReLU()).append(nn.Flatten());
            seq.named_children().Select(c => c.name).ShouldBe(new[] { "0", "act", "2" });
            seq.call(ones(1, 1, 4, 4)).shape.ShouldBe(new long[] { 1, 32 });
        }

        private sealed class Scaled : nn.Module<Tensor, Tensor>
        {
            private readonly Conv2d conv;
            private readonly Parameter gain;

            public Scaled() : base(nameof(Scaled))
            {
                conv = nn.Conv2d(1, 1, 2);
                gain = new Parameter(randn(1));
                RegisterComponents();
            }

            public override Tensor forward(Tensor input) => conv.call(input) * gain;
        }

        [Fact]
        public void ParameterFields_AreRegistered_Trained_And_SavedAndLoaded()
        {
            using var original = new Scaled();
            original.named_parameters().Select(np => np.name).ShouldBe(new[] { "gain", "conv.weight", "conv.bias" });
            original.parameters().Count().ShouldBe(3);
            original.call(ones(1, 1, 3, 3)).sum().backward();
            original.parameters().ShouldAllBe(p => p.grad() != null);

            using var copy = new Scaled();
            var path = Path.Combine(Path.GetTempPath(), $"torchsharp-{Guid.NewGuid():N}.bin");
            try {
                original.save(path);
                copy.load(path);
            } finally {
                File.Delete(path);
            }
            var expected = original.state_dict();
            foreach (var (key, value) in copy.state_dict())
                value.data<float>().ToArray().ShouldBe(expected[key].data<float>().ToArray(), key);
            copy.state_dict()["gain"].item<float>().ShouldBe(expected["gain"].item<float>());
        }
    }
}
