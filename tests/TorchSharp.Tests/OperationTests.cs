using System;
using System.Linq;
using Shouldly;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    /// <summary>The operations the generated VAE code uses, against known values and (in float64) finite differences.</summary>
    public class OperationTests
    {
        private static double[] D(Tensor t) => t.data<double>().ToArray();

        // ---- torch.linalg.solve ---------------------------------------------------------------------------

        [Fact]
        public void Solve_OfA2x2System_HasTheAnalyticSolutionAndGradients()
        {
            // A = [[2, 1], [1, 3]], b = [1, 2]: x = A⁻¹b = [1/5, 3/5]. For L = wᵀx with w = [1, -1]:
            // ∂L/∂b = A⁻ᵀw = [4/5, -3/5], ∂L/∂A = -(A⁻ᵀw) xᵀ.
            using var a = tensor(new double[] { 2, 1, 1, 3 }, new long[] { 2, 2 }, requires_grad: true);
            using var b = tensor(new double[] { 1, 2 }, new long[] { 2, 1 }, requires_grad: true);
            using var w = tensor(new double[] { 1, -1 }, new long[] { 2, 1 });
            var x = linalg.solve(a, b);
            D(x).ShouldBe(new[] { 0.2, 0.6 }, 1e-14);
            (x * w).sum().backward();
            D(b.grad()!).ShouldBe(new[] { 0.8, -0.6 }, 1e-14);
            D(a.grad()!).ShouldBe(new[] { -0.8 * 0.2, -0.8 * 0.6, 0.6 * 0.2, 0.6 * 0.6 }, 1e-14);
        }

        [Fact]
        public void Solve_BroadcastsBatchDimensions_AsATensLinalgSolve()
        {
            // A: (2, 1, 3, 3) and B: (4, 3, 2) broadcast to X: (2, 4, 3, 2) with A X = B in every batch.
            var aValues = GradCheck.Values(18).Select((v, i) => v + (i % 9 % 4 == 0 ? 3.0 : 0.0)).ToArray();
            using var a = tensor(aValues, new long[] { 2, 1, 3, 3 });
            using var b = tensor(GradCheck.Values(24, 1.1), new long[] { 4, 3, 2 });
            var x = linalg.solve(a, b);
            x.shape.ShouldBe(new long[] { 2, 4, 3, 2 });
            D(a.matmul(x)).ShouldBe(D(b.expand(2, 4, 3, 2).contiguous()), 1e-12);

            // left = false solves X A = B: here B: (3, 3) against A: (2, 1, 3, 3).
            using var c = tensor(GradCheck.Values(9, 2.0), new long[] { 3, 3 });
            var y = linalg.solve(a, c, left: false);
            y.shape.ShouldBe(new long[] { 2, 1, 3, 3 });
            D(y.matmul(a)).ShouldBe(D(c.expand(2, 1, 3, 3).contiguous()), 1e-12);
        }

        [Fact]
        public void Solve_BroadcastGradients_MatchFiniteDifferences()
        {
            var aValues = GradCheck.Values(18).Select((v, i) => v + (i % 9 % 4 == 0 ? 3.0 : 0.0)).ToArray();
            var bValues = GradCheck.Values(24, 1.1);
            using var weights = tensor(GradCheck.Values(48, 0.7), new long[] { 2, 4, 3, 2 });
            GradCheck.MatchesFiniteDifferences(a => (linalg.solve(a, tensor(bValues, new long[] { 4, 3, 2 })) * weights).sum(),
                aValues, new long[] { 2, 1, 3, 3 }, "solve wrt A");
            GradCheck.MatchesFiniteDifferences(b => (linalg.solve(tensor(aValues, new long[] { 2, 1, 3, 3 }), b) * weights).sum(),
                bValues, new long[] { 4, 3, 2 }, "solve wrt B");
            GradCheck.MatchesFiniteDifferences(b => (linalg.solve(tensor(aValues, new long[] { 2, 1, 3, 3 }), b, left: false) * weights.narrow(3, 0, 1).narrow(1, 0, 1)).sum(),
                GradCheck.Values(9, 0.2), new long[] { 3, 3 }, "solve (right) wrt B");
        }

        // ---- Triangles and diagonals ------------------------------------------------------------------------

        [Fact]
        public void DiagEmbed_WithOffsetAndDimensions_PlacesTheValues()
        {
            using var v = tensor(new double[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
            // Offset 1 above the diagonal of the last two dimensions: (2, 3, 3).
            var e = diag_embed(v, offset: 1);
            e.shape.ShouldBe(new long[] { 2, 3, 3 });
            D(e).ShouldBe(new double[] { 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0 });
            // The matrices spanning dimensions 0 and 2, the batch in between: (2, 2, 2) with e[i, b, i] = v[b, i].
            var f = v.diag_embed(0, 0, 2);
            f.shape.ShouldBe(new long[] { 2, 2, 2 });
            D(f).ShouldBe(new double[] { 1, 0, 3, 0, 0, 2, 0, 4 });
            triu(tensor(new double[] { 1, 2, 3, 4 }, new long[] { 2, 2 })).data<double>().ToArray().ShouldBe(new double[] { 1, 2, 0, 4 });
        }

        // ---- Softmax family, gather, one_hot --------------------------------------------------------------

        [Fact]
        public void Softmax_And_LogSoftmax_MatchTheirDefinitions_AndHonourDtype()
        {
            var xs = new double[] { 1, 2, 3, -1, 0, 4 };
            using var x = tensor(xs, new long[] { 2, 3 });
            double[] Expected(int row, bool log)
            {
                var r = xs.Skip(3 * row).Take(3).ToArray();
                var lse = Math.Log(r.Sum(Math.Exp));
                return r.Select(v => log ? v - lse : Math.Exp(v - lse)).ToArray();
            }
            var expectedSoftmax = Expected(0, false).Concat(Expected(1, false)).ToArray();
            var expectedLogSoftmax = Expected(0, true).Concat(Expected(1, true)).ToArray();
            D(x.softmax(1)).ShouldBe(expectedSoftmax, 1e-14);
            D(softmax(x, 1)).ShouldBe(expectedSoftmax, 1e-14);
            D(special.softmax(x, -1)).ShouldBe(expectedSoftmax, 1e-14);
            D(nn.functional.softmax(x, 1)).ShouldBe(expectedSoftmax, 1e-14);
            D(x.log_softmax(1)).ShouldBe(expectedLogSoftmax, 1e-14);
            D(special.log_softmax(x, 1)).ShouldBe(expectedLogSoftmax, 1e-14);
            D(nn.functional.log_softmax(x, 1)).ShouldBe(expectedLogSoftmax, 1e-14);

            using var single = x.to(ScalarType.Float32);
            single.log_softmax(1, ScalarType.Float64).dtype.ShouldBe(ScalarType.Float64);
            single.softmax(0, dtype: ScalarType.Float64).dtype.ShouldBe(ScalarType.Float64);
            single.softmax(0).dtype.ShouldBe(ScalarType.Float32);
        }

        [Fact]
        public void Gather_And_OneHot()
        {
            using var logits = tensor(new double[] { 10, 20, 30, 40, 50, 60 }, new long[] { 2, 3 });
            using var index = tensor(new long[] { 2, 0 }, new long[] { 2, 1 });
            D(gather(logits, 1, index)).ShouldBe(new double[] { 30, 40 });
            D(logits.gather(1, index)).ShouldBe(new double[] { 30, 40 });

            using var classes = tensor(new long[] { 0, 2, 1 });
            var hot = nn.functional.one_hot(classes, 4);
            hot.dtype.ShouldBe(ScalarType.Int64);
            hot.shape.ShouldBe(new long[] { 3, 4 });
            hot.data<long>().ToArray().ShouldBe(new long[] { 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0 });
            nn.functional.one_hot(classes).shape.ShouldBe(new long[] { 3, 3 });
        }

        // ---- Element-wise -------------------------------------------------------------------------------------

        [Fact]
        public void ElementwiseFunctions_MatchMath()
        {
            var xs = new double[] { -0.9, -0.25, 0, 0.5, 0.75 };
            using var x = tensor(xs);
            D(x.atanh()).ShouldBe(xs.Select(Math.Atanh).ToArray(), 1e-14);
            D(atanh(x)).ShouldBe(xs.Select(Math.Atanh).ToArray(), 1e-14);
            D(x.expm1()).ShouldBe(xs.Select(v => Math.Exp(v) - 1).ToArray(), 1e-14);
            D(expm1(tensor(new double[] { 1e-10 })))[0].ShouldBe(1e-10 + 5e-21, 1e-25);
            D(x.sign()).ShouldBe(new double[] { -1, -1, 0, 1, 1 });
            D(sign(x)).ShouldBe(new double[] { -1, -1, 0, 1, 1 });
            D(abs(x)).ShouldBe(xs.Select(Math.Abs).ToArray());
            D(tanh(x)).ShouldBe(xs.Select(Math.Tanh).ToArray(), 1e-14);
            D(log1p(x)).ShouldBe(xs.Select(v => Math.Log(1 + v)).ToArray(), 1e-14);
            D(x.clamp_min(0)).ShouldBe(new double[] { 0, 0, 0, 0.5, 0.75 });
            D(clamp_min(x, 0)).ShouldBe(new double[] { 0, 0, 0, 0.5, 0.75 });
            D(x.clamp_max(0)).ShouldBe(new double[] { -0.9, -0.25, 0, 0, 0 });
            D(clamp(x, -0.5, 0.6)).ShouldBe(new double[] { -0.5, -0.25, 0, 0.5, 0.6 });

            // Halves round to even, as PyTorch.
            using var halves = tensor(new double[] { 0.5, 1.5, 2.5, -0.5, -1.5, 1.2345 });
            D(halves.round()).ShouldBe(new double[] { 0, 2, 2, 0, -2, 1 });
            D(round(halves, 2)).Last().ShouldBe(1.23, 1e-12);
        }

        [Fact]
        public void Comparisons_Logic_And_Where_GiveBoolTensors()
        {
            using var x = tensor(new double[] { 1, 2, 3 });
            using var y = tensor(new double[] { 3, 2, 1 });
            bool[] B(Tensor t)
            {
                t.dtype.ShouldBe(ScalarType.Bool);
                return t.data<bool>().ToArray();
            }
            B(x.lt(y)).ShouldBe(new[] { true, false, false });
            B(lt(x, y)).ShouldBe(new[] { true, false, false });
            B(x.le(2)).ShouldBe(new[] { true, true, false });
            B(le(x, y)).ShouldBe(new[] { true, true, false });
            B(x.gt(y)).ShouldBe(new[] { false, false, true });
            B(gt(x, y)).ShouldBe(new[] { false, false, true });
            B(x.ge(2)).ShouldBe(new[] { false, true, true });
            B(ge(x, y)).ShouldBe(new[] { false, true, true });
            B(x.eq(2)).ShouldBe(new[] { false, true, false });
            B(eq(x, y)).ShouldBe(new[] { false, true, false });
            B(ne(x, y)).ShouldBe(new[] { true, false, true });

            using var p = tensor(new[] { true, true, false, false });
            using var q = tensor(new[] { true, false, true, false });
            B(p.logical_and(q)).ShouldBe(new[] { true, false, false, false });
            B(logical_or(p, q)).ShouldBe(new[] { true, true, true, false });
            B(logical_xor(p, q)).ShouldBe(new[] { false, true, true, false });
            B(logical_not(p)).ShouldBe(new[] { false, false, true, true });
            B(logical_and(tensor(new double[] { 0, 2 }), tensor(new double[] { 1, 1 }))).ShouldBe(new[] { false, true });

            D(x.where(x.gt(1), y)).ShouldBe(new double[] { 3, 2, 3 });
            D(where(x.gt(1), x, y)).ShouldBe(new double[] { 3, 2, 3 });
            D(maximum(x, y)).ShouldBe(new double[] { 3, 2, 3 });
            D(minimum(x, y)).ShouldBe(new double[] { 1, 2, 1 });
        }

        [Fact]
        public void Conversions_And_Int64_RoundTrip()
        {
            var longs = new[] { long.MaxValue, long.MinValue, (1L << 53) + 1, -5 };
            using var l = tensor(longs);
            l.dtype.ShouldBe(ScalarType.Int64);
            l.data<long>().ToArray().ShouldBe(longs);
            l.clone().@long().data<long>().ToArray().ShouldBe(longs);

            using var d = tensor(new double[] { 1.7, -2.7, 0 });
            d.@long().data<long>().ToArray().ShouldBe(new long[] { 1, -2, 0 });
            d.to_type(ScalarType.Int32).data<int>().ToArray().ShouldBe(new[] { 1, -2, 0 });
            d.@int().dtype.ShouldBe(ScalarType.Int32);
            d.@float().data<float>().ToArray().ShouldBe(new[] { 1.7f, -2.7f, 0f });
            d.@bool().data<bool>().ToArray().ShouldBe(new[] { true, true, false });
            d.@long().@double().data<double>().ToArray().ShouldBe(new double[] { 1, -2, 0 });
            d.to(ScalarType.Float32).dtype.ShouldBe(ScalarType.Float32);

            // to_type shares the data when the type already matches, unless a copy is asked for.
            using var same = d.to_type(ScalarType.Float64);
            using var copy = d.to_type(ScalarType.Float64, copy: true);
            same.fill_(9);
            d.data<double>()[0].ShouldBe(9);
            copy.data<double>()[0].ShouldBe(1.7);
        }

        // ---- Shapes -------------------------------------------------------------------------------------------

        [Fact]
        public void ShapeOperations_FollowPyTorch()
        {
            using var x = arange(24, ScalarType.Float64).reshape(2, 3, 4);
            x.view(-1, 4).shape.ShouldBe(new long[] { 6, 4 });
            x.reshape(new long[] { 4, -1 }).shape.ShouldBe(new long[] { 4, 6 });
            reshape(x, 3, 8).shape.ShouldBe(new long[] { 3, 8 });
            x.unsqueeze(-1).shape.ShouldBe(new long[] { 2, 3, 4, 1 });
            unsqueeze(x, 1).shape.ShouldBe(new long[] { 2, 1, 3, 4 });
            squeeze(x.unsqueeze(0), 0).shape.ShouldBe(new long[] { 2, 3, 4 });
            x.narrow(0, 1, 1).expand(5, -1, -1).shape.ShouldBe(new long[] { 5, 3, 4 });
            x.flatten(1).shape.ShouldBe(new long[] { 2, 12 });
            flatten(x, 0, 1).shape.ShouldBe(new long[] { 6, 4 });
            x.flatten(1).unflatten(1, 3, 4).shape.ShouldBe(new long[] { 2, 3, 4 });
            unflatten(x, -1, 2, -1).shape.ShouldBe(new long[] { 2, 3, 2, 2 });

            var p = x.permute(2, 0, 1);
            p.shape.ShouldBe(new long[] { 4, 2, 3 });
            p.data<double>()[3, 1, 2].ShouldBe(x.data<double>()[1, 2, 3]);
            permute(x, 1, 2, 0).shape.ShouldBe(new long[] { 3, 4, 2 });
            transpose(x, -1, 0).shape.ShouldBe(new long[] { 4, 3, 2 });

            // narrow with a negative dimension counts from the end.
            D(x.narrow(-1, 2, 2).contiguous()).ShouldBe(D(x.narrow(2, 2, 2).contiguous()));
            D(narrow(x, -2, 1, 1).flatten()).ShouldBe(new double[] { 4, 5, 6, 7, 16, 17, 18, 19 });

            var chunks = x.chunk(2, -1);
            chunks.Length.ShouldBe(2);
            chunks[1].shape.ShouldBe(new long[] { 2, 3, 2 });
            D(chunks[1].contiguous()).Take(2).ShouldBe(new double[] { 2, 3 });
            chunk(x, 2, 1).Select(c => c.shape[1]).ShouldBe(new long[] { 2, 1 });
            x.split(3, -1).Select(s => s.shape[2]).ShouldBe(new long[] { 3, 1 });
            var pieces = split(x, new long[] { 1, 3 }, 2);
            pieces.Select(s => s.shape[2]).ShouldBe(new long[] { 1, 3 });
            D(pieces[0].flatten()).ShouldBe(new double[] { 0, 4, 8, 12, 16, 20 });
            arange(40).split(1).Length.ShouldBe(40);
            Should.Throw<System.Runtime.InteropServices.ExternalException>(() => x.split(new long[] { 1, 1 }, 2));

            using var m = arange(9, ScalarType.Float64).reshape(3, 3);
            D(m.diagonal(1, 0, 1)).ShouldBe(new double[] { 1, 5 });
            D(diagonal(m, -1, 0, 1)).ShouldBe(new double[] { 3, 7 });
            D(x.diagonal(0, -2, -1)).ShouldBe(new double[] { 0, 5, 10, 12, 17, 22 });
        }

        // ---- Reductions ---------------------------------------------------------------------------------------

        [Fact]
        public void Reductions_WithDimensionsAndKeepdim()
        {
            using var x = tensor(new double[] { 1, -2, 3, 4, 0, -6 }, new long[] { 2, 3 });
            var lse = x.logsumexp(1, keepdim: true);
            lse.shape.ShouldBe(new long[] { 2, 1 });
            D(lse).ShouldBe(new[] { Math.Log(Math.Exp(1) + Math.Exp(-2) + Math.Exp(3)), Math.Log(Math.Exp(4) + 1 + Math.Exp(-6)) }, 1e-14);
            D(logsumexp(x, 0)).ShouldBe(new[] { Math.Log(Math.Exp(1) + Math.Exp(4)), Math.Log(Math.Exp(-2) + 1), Math.Log(Math.Exp(3) + Math.Exp(-6)) }, 1e-14);
            x.sum(new long[] { 0, 1 }, keepdim: true).shape.ShouldBe(new long[] { 1, 1 });
            D(x.mean(new long[] { 0 }, keepdim: true)).ShouldBe(new double[] { 2.5, -1, -1.5 });
            D(mean(x, new long[] { 1 })).ShouldBe(new double[] { 2.0 / 3, -2.0 / 3 }, 1e-15);
            max(x).item<double>().ShouldBe(4);
            min(x).item<double>().ShouldBe(-6);
            var (values, indexes) = max(x, 1, keepdim: true);
            D(values).ShouldBe(new double[] { 3, 4 });
            indexes.shape.ShouldBe(new long[] { 2, 1 });
            min(x, 0).indexes.data<long>().ToArray().ShouldBe(new long[] { 0, 0, 1 });

            x.norm().item<double>().ShouldBe(Math.Sqrt(1 + 4 + 9 + 16 + 36), 1e-14);
            norm(x).item<double>().ShouldBe(Math.Sqrt(66), 1e-14);
            norm(x, 1f).item<double>().ShouldBe(16, 1e-14);
            x.norm(float.PositiveInfinity).item<double>().ShouldBe(6);
            D(x.norm(1, keepdim: false, p: 1)).ShouldBe(new double[] { 6, 10 });
            D(norm(x, 0, keepdim: true)).ShouldBe(new[] { Math.Sqrt(17), 2, Math.Sqrt(45) }, 1e-14);
        }

        // ---- Gradients of the above ------------------------------------------------------------------------

        [Theory]
        [InlineData("tril")]
        [InlineData("triu")]
        [InlineData("diag_embed")]
        [InlineData("diagonal")]
        [InlineData("permute")]
        [InlineData("gather")]
        [InlineData("chunk")]
        [InlineData("split")]
        [InlineData("narrow")]
        [InlineData("unflatten")]
        [InlineData("atanh")]
        [InlineData("expm1")]
        [InlineData("softmax")]
        [InlineData("log_softmax")]
        [InlineData("norm")]
        [InlineData("logsumexp")]
        [InlineData("clamp_min")]
        [InlineData("where")]
        [InlineData("cat_stack")]
        public void Gradients_MatchFiniteDifferences(string op)
        {
            var w = GradCheck.Values(64, 0.9);
            Tensor Weighted(Tensor t) => (t * tensor(w.Take((int)t.numel()).ToArray(), t.shape)).sum();
            Func<Tensor, Tensor> f = op switch {
                "tril" => x => Weighted(x.tril(-1)),
                "triu" => x => Weighted(triu(x, 1)),
                "diag_embed" => x => Weighted(x.narrow(0, 0, 2).diag_embed(1)),
                "diagonal" => x => Weighted(x.diagonal(0, 0, 1)),
                "permute" => x => Weighted(x.unsqueeze(0).permute(2, 0, 1)),
                "gather" => x => Weighted(x.gather(1, tensor(new long[] { 2, 0, 0, 1, 2, 2 }, new long[] { 3, 2 }))),
                "chunk" => x => Weighted(x.chunk(2, 1)[1]) + Weighted(x.chunk(2, 1)[0] * 3),
                "split" => x => Weighted(x.split(new long[] { 1, 2 }, 0)[1]),
                "narrow" => x => Weighted(x.narrow(-1, 1, 2)),
                "unflatten" => x => Weighted(x.flatten().unflatten(0, 9, 1)),
                "atanh" => x => Weighted((x * 0.9).atanh()),
                "expm1" => x => Weighted(x.expm1()),
                "softmax" => x => Weighted(x.softmax(1)),
                "log_softmax" => x => Weighted(x.log_softmax(0)),
                "norm" => x => x.norm(1, keepdim: true).sum() + x.norm(3.0f),
                "logsumexp" => x => Weighted(x.logsumexp(0, keepdim: true)),
                "clamp_min" => x => Weighted(x.clamp_min(0.1)),
                "where" => x => Weighted(x.where(x.gt(0), x.square())),
                _ => x => Weighted(cat(new[] { x, x * 2 }, 1)) + Weighted(stack(new[] { x, x.exp() }, 0)),
            };
            GradCheck.MatchesFiniteDifferences(f, GradCheck.Values(9), new long[] { 3, 3 }, op);
        }

        [Fact]
        public void RetainGrad_KeepsTheGradientOfAnIntermediateTensor()
        {
            using var x = tensor(new double[] { 1, -2 }, requires_grad: true);
            var y = x * 3;
            y.retain_grad();
            (y * y).sum().backward();
            D(y.grad()!).ShouldBe(new double[] { 6, -12 });
            D(x.grad()!).ShouldBe(new double[] { 18, -36 });
            y.detach().requires_grad.ShouldBeFalse();
        }

        [Fact]
        public void ClipGradNorm_ScalesEveryGradientByTheTotalNorm()
        {
            using var a = new Modules.Parameter(tensor(new double[] { 1, 2 }));
            using var b = new Modules.Parameter(tensor(new double[] { 3 }));
            using var c = new Modules.Parameter(tensor(new double[] { 5 }));
            void Backward()
            {
                a.grad()?.zero_();
                b.grad()?.zero_();
                // ∂/∂a = [3, 4], ∂/∂b = [12]; c gets no gradient.
                ((a * tensor(new double[] { 3, 4 })).sum() + b * 12).sum().backward();
            }
            Backward();
            var total = nn.utils.clip_grad_norm_(new[] { a, b, c }, max_norm: 6.5);
            total.ShouldBe(13, 1e-12);
            var scale = 6.5 / (13 + 1e-6);
            D(a.grad()!).ShouldBe(new[] { 3 * scale, 4 * scale }, 1e-12);
            D(b.grad()!).ShouldBe(new[] { 12 * scale }, 1e-12);
            c.grad().ShouldBeNull();

            // Under the limit nothing changes; the infinity norm is the largest magnitude.
            Backward();
            nn.utils.clip_grad_norm_(new[] { a, b }, 100).ShouldBe(13, 1e-12);
            D(a.grad()!).ShouldBe(new double[] { 3, 4 });
            nn.utils.clip_grad_norm_(new[] { a, b }, 6, double.PositiveInfinity).ShouldBe(12);
            D(b.grad()!).ShouldBe(new[] { 12 * 6 / (12 + 1e-6) }, 1e-12);
            nn.utils.clip_grad_norm_(new[] { c }, 1).ShouldBe(0);

            Backward();
            nn.utils.clip_grad_value_(new[] { a, b }, 3.5);
            D(a.grad()!).ShouldBe(new double[] { 3, 3.5 });
            D(b.grad()!).ShouldBe(new double[] { 3.5 });
        }
    }
}
