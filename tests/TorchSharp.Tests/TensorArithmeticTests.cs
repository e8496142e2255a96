using System;
using System.Runtime.InteropServices;
using Shouldly;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    public class TensorArithmeticTests
    {
        private static double[] Values(Tensor t) => t.to(ScalarType.Float64).data<double>().ToArray();

        [Fact]
        public void Operators_WithTensorsAndScalarsOnBothSides_ComputeElementwise()
        {
            using var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
            using var b = tensor(new float[] { 10, 20, 30, 40 }, new long[] { 2, 2 });

            (a + b).data<float>().ToArray().ShouldBe(new float[] { 11, 22, 33, 44 });
            (b - a).data<float>().ToArray().ShouldBe(new float[] { 9, 18, 27, 36 });
            (a * b).data<float>().ToArray().ShouldBe(new float[] { 10, 40, 90, 160 });
            (b / a).data<float>().ToArray().ShouldBe(new float[] { 10, 10, 10, 10 });
            (a + 1).data<float>().ToArray().ShouldBe(new float[] { 2, 3, 4, 5 });
            (1 + a).data<float>().ToArray().ShouldBe(new float[] { 2, 3, 4, 5 });
            (a - 1).data<float>().ToArray().ShouldBe(new float[] { 0, 1, 2, 3 });
            (10 - a).data<float>().ToArray().ShouldBe(new float[] { 9, 8, 7, 6 });
            (a * 2.5).data<float>().ToArray().ShouldBe(new float[] { 2.5f, 5, 7.5f, 10 });
            (2 * a).data<float>().ToArray().ShouldBe(new float[] { 2, 4, 6, 8 });
            (a / 2).data<float>().ToArray().ShouldBe(new float[] { 0.5f, 1, 1.5f, 2 });
            (12 / a).data<float>().ToArray().ShouldBe(new float[] { 12, 6, 4, 3 });
            (-a).data<float>().ToArray().ShouldBe(new float[] { -1, -2, -3, -4 });
        }

        [Fact]
        public void AddWithAlpha_ScalesTheSecondOperand()
        {
            using var a = tensor(new double[] { 1, 2 });
            using var b = tensor(new double[] { 10, 20 });
            a.add(b, 0.5).data<double>().ToArray().ShouldBe(new double[] { 6, 12 });
            a.add(3, 2).data<double>().ToArray().ShouldBe(new double[] { 7, 8 });
        }

        [Fact]
        public void Division_HonorsRoundingModes()
        {
            using var a = tensor(new double[] { -7, 7 });
            a.div(2, RoundingMode.trunc).data<double>().ToArray().ShouldBe(new double[] { -3, 3 });
            a.div(2, RoundingMode.floor).data<double>().ToArray().ShouldBe(new double[] { -4, 3 });
            a.div(2).data<double>().ToArray().ShouldBe(new double[] { -3.5, 3.5 });
        }

        [Fact]
        public void PointwiseFunctions_MatchMathValues()
        {
            var xs = new double[] { -2, -0.5, 0, 0.5, 3 };
            using var x = tensor(xs);
            Values(x.abs()).ShouldBe(Array.ConvertAll(xs, Math.Abs));
            Values(x.exp()).ShouldBe(Array.ConvertAll(xs, Math.Exp), 1e-12);
            Values(x.sigmoid()).ShouldBe(Array.ConvertAll(xs, v => 1 / (1 + Math.Exp(-v))), 1e-12);
            Values(x.tanh()).ShouldBe(Array.ConvertAll(xs, Math.Tanh), 1e-12);
            Values(x.relu()).ShouldBe(Array.ConvertAll(xs, v => Math.Max(0, v)));
            Values(x.softplus()).ShouldBe(Array.ConvertAll(xs, v => Math.Log(1 + Math.Exp(v))), 1e-12);
            Values(x.square()).ShouldBe(Array.ConvertAll(xs, v => v * v));
            Values(x.pow(3)).ShouldBe(Array.ConvertAll(xs, v => v * v * v), 1e-12);
            Values(nn.functional.softplus(x, beta: 2)).ShouldBe(Array.ConvertAll(xs, v => Math.Log(1 + Math.Exp(2 * v)) / 2), 1e-12);
            Values(nn.functional.leaky_relu(x, 0.1)).ShouldBe(Array.ConvertAll(xs, v => v > 0 ? v : 0.1 * v), 1e-12);
            Values(nn.ELU().call(x)).ShouldBe(Array.ConvertAll(xs, v => v > 0 ? v : Math.Exp(v) - 1), 1e-12);
            Values(nn.SiLU().call(x)).ShouldBe(Array.ConvertAll(xs, v => v / (1 + Math.Exp(-v))), 1e-12);

            using var positive = tensor(new double[] { 0.25, 1, 4 });
            Values(positive.sqrt()).ShouldBe(new double[] { 0.5, 1, 2 });
            Values(positive.log()).ShouldBe(new[] { Math.Log(0.25), 0, Math.Log(4) }, 1e-12);
            Values(positive.log1p()).ShouldBe(new[] { Math.Log(1.25), Math.Log(2), Math.Log(5) }, 1e-12);
        }

        [Fact]
        public void Comparisons_And_Clamp_And_Where()
        {
            using var x = tensor(new float[] { -1, 0, 2 });
            x.gt(0).data<bool>().ToArray().ShouldBe(new[] { false, false, true });
            x.le(0).data<bool>().ToArray().ShouldBe(new[] { true, true, false });
            x.clamp(min: -0.5, max: 1).data<float>().ToArray().ShouldBe(new float[] { -0.5f, 0, 1 });
            x.clamp(min: 0).data<float>().ToArray().ShouldBe(new float[] { 0, 0, 2 });
            using var y = full(3, 7f);
            where(x.gt(0), x, y).data<float>().ToArray().ShouldBe(new float[] { 7, 7, 2 });
            var indices = where(x.ne(0));
            indices.Length.ShouldBe(1);
            indices[0].data<long>().ToArray().ShouldBe(new long[] { 0, 2 });
        }

        [Fact]
        public void IsFinite_FlagsInfinitiesAndNaN()
        {
            using var x = tensor(new double[] { 1, double.PositiveInfinity, double.NaN, -3 });
            x.isfinite().data<bool>().ToArray().ShouldBe(new[] { true, false, false, true });
            x.isfinite().all().item<bool>().ShouldBeFalse();
            x.isfinite().any().item<bool>().ShouldBeTrue();
        }

        [Fact]
        public void MatmulOfIncompatibleShapes_ThrowsExternalExceptionWithLibtorchMessage()
        {
            using var a = zeros(2, 3);
            using var b = zeros(4, 5);
            var error = Should.Throw<ExternalException>(() => a.matmul(b));
            error.Message.ShouldContain("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)");
        }

        [Fact]
        public void LibtorchErrors_AreExceptions_NotCrashes()
        {
            using var a = ones(2, 3);
            Should.Throw<ExternalException>(() => a.view(4, 4)).Message.ShouldContain("shape '[4, 4]' is invalid");
            Should.Throw<ExternalException>(() => a + ones(3, 2));
            Should.Throw<ExternalException>(() => a.index_select(0, tensor(new float[] { 0 })));
            Should.Throw<ExternalException>(() => linalg.cholesky(tensor(new double[] { 1, 2, 2, 1 }, new long[] { 2, 2 })));
            // The thread's error slot is cleared: the next call succeeds.
            (a + 1).sum().item<float>().ShouldBe(12);
        }

        [Fact]
        public void NonCpuDevices_AreRefusedClearly()
        {
            Should.Throw<NotSupportedException>(() => zeros(2, device: new Device(DeviceType.CUDA, 0))).Message.ShouldContain("CPU only");
            using var a = ones(2);
            Should.Throw<NotSupportedException>(() => a.to(DeviceType.CUDA));
        }
    }
}
