using System;
using System.Linq;
using Shouldly;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    public class ReductionAndShapeTests
    {
        // [[1, 2, 3], [4, 5, 6]]
        private static Tensor Matrix() => tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });

        [Fact]
        public void Sums_And_Means_OverAllOrSomeDimensions()
        {
            using var m = Matrix();
            m.sum().item<double>().ShouldBe(21);
            m.sum(dim: 0).data<double>().ToArray().ShouldBe(new double[] { 5, 7, 9 });
            // As in TorchSharp, a literal 0 alone would bind to sum(ScalarType? type): name the dimension.
            m.sum(1, keepdim: true).shape.ShouldBe(new long[] { 2, 1 });
            m.sum(new long[] { 0, 1 }).item<double>().ShouldBe(21);
            m.sum(0, 1).item<double>().ShouldBe(21);
            sum(m, 1).data<double>().ToArray().ShouldBe(new double[] { 6, 15 });
            m.mean().item<double>().ShouldBe(3.5);
            m.mean(new long[] { 1 }).data<double>().ToArray().ShouldBe(new double[] { 2, 5 });
            using var ints = tensor(new long[] { 1, 2, 3 });
            ints.sum(ScalarType.Float64).dtype.ShouldBe(ScalarType.Float64);
        }

        [Fact]
        public void LogSumExp_IsStable()
        {
            using var x = tensor(new double[] { 1000, 1000, 0, 0 }, new long[] { 2, 2 });
            var lse = x.logsumexp(1).data<double>().ToArray();
            lse[0].ShouldBe(1000 + Math.Log(2), 1e-9);
            lse[1].ShouldBe(Math.Log(2), 1e-12);
        }

        [Fact]
        public void MaxAndMin_ReturnValuesAndIndices()
        {
            using var m = Matrix();
            m.max().item<double>().ShouldBe(6);
            m.min().item<double>().ShouldBe(1);
            var (values, indexes) = m.max(1);
            values.data<double>().ToArray().ShouldBe(new double[] { 3, 6 });
            indexes.data<long>().ToArray().ShouldBe(new long[] { 2, 2 });
            var (minValues, minIndexes) = m.min(0, keepdim: true);
            minValues.shape.ShouldBe(new long[] { 1, 3 });
            minIndexes.data<long>().ToArray().ShouldBe(new long[] { 0, 0, 0 });
        }

        [Fact]
        public void ShapeOperations_RearrangeElementsAsPyTorch()
        {
            using var m = Matrix();
            m.t().data<double>().ToArray().ShouldBe(new double[] { 1, 4, 2, 5, 3, 6 });
            m.transpose(0, 1).contiguous().view(6).data<double>().ToArray().ShouldBe(new double[] { 1, 4, 2, 5, 3, 6 });
            m.reshape(3, 2).shape.ShouldBe(new long[] { 3, 2 });
            m.unsqueeze(0).shape.ShouldBe(new long[] { 1, 2, 3 });
            m.unsqueeze(0).squeeze().shape.ShouldBe(new long[] { 2, 3 });
            m.unsqueeze(2).squeeze(2).shape.ShouldBe(new long[] { 2, 3 });
            m.flatten().shape.ShouldBe(new long[] { 6 });
            m.narrow(1, 1, 2).data<double>().ToArray().ShouldBe(new double[] { 2, 3, 5, 6 });
            m.slice(1, 0, 3, 2).data<double>().ToArray().ShouldBe(new double[] { 1, 3, 4, 6 });
            m.index_select(1, tensor(new long[] { 2, 0 })).data<double>().ToArray().ShouldBe(new double[] { 3, 1, 6, 4 });
            m.gather(1, tensor(new long[] { 1, 0 }, new long[] { 2, 1 })).data<double>().ToArray().ShouldBe(new double[] { 2, 4 });
            tensor(new double[] { 1, 2 }).expand(3, 2).data<double>().ToArray().ShouldBe(new double[] { 1, 2, 1, 2, 1, 2 });
            cat(new[] { m, m }, 0).shape.ShouldBe(new long[] { 4, 3 });
            stack(new[] { m, m }, 1).shape.ShouldBe(new long[] { 2, 2, 3 });
        }

        [Fact]
        public void TriangularParts_And_Diagonals()
        {
            using var sq = tensor(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new long[] { 3, 3 });
            sq.tril().data<double>().ToArray().ShouldBe(new double[] { 1, 0, 0, 4, 5, 0, 7, 8, 9 });
            sq.triu(1).data<double>().ToArray().ShouldBe(new double[] { 0, 2, 3, 0, 0, 6, 0, 0, 0 });
            tril(sq, -1).data<double>().ToArray().ShouldBe(new double[] { 0, 0, 0, 4, 0, 0, 7, 8, 0 });
            sq.diagonal(0, 0, 1).data<double>().ToArray().ShouldBe(new double[] { 1, 5, 9 });
            using var d = tensor(new double[] { 1, 2 });
            d.diag_embed().data<double>().ToArray().ShouldBe(new double[] { 1, 0, 0, 2 });
        }

        [Fact]
        public void Factories_ProduceTheRequestedShapesTypesAndValues()
        {
            zeros(2, 3).dtype.ShouldBe(ScalarType.Float32);
            ones(new long[] { 2, 2 }, ScalarType.Float64).data<double>().ToArray().ShouldAllBe(v => v == 1);
            full(2, 2, 3.5, ScalarType.Float64).data<double>().ToArray().ShouldAllBe(v => v == 3.5);
            full(3, 4L).dtype.ShouldBe(ScalarType.Int64);
            empty(new long[] { 4, 5 }).shape.ShouldBe(new long[] { 4, 5 });
            arange(5).data<long>().ToArray().ShouldBe(new long[] { 0, 1, 2, 3, 4 });
            arange(0.0, 1.0, 0.25).data<float>().ToArray().ShouldBe(new float[] { 0, 0.25f, 0.5f, 0.75f });
            using var m = Matrix();
            zeros_like(m).data<double>().ToArray().ShouldAllBe(v => v == 0);
            ones_like(m, ScalarType.Float32).dtype.ShouldBe(ScalarType.Float32);
            tensor(new long[] { 1, 2, 3 }, ScalarType.Float32).data<float>().ToArray().ShouldBe(new float[] { 1, 2, 3 });
            Should.Throw<ArgumentException>(() => tensor(new float[] { 1, 2, 3 }, new long[] { 2, 2 }));
        }

        [Fact]
        public void Metadata_And_Accessors()
        {
            using var m = Matrix();
            m.dim().ShouldBe(2);
            m.numel().ShouldBe(6);
            m.shape.ShouldBe(new long[] { 2, 3 });
            m.device.type.ShouldBe(DeviceType.CPU);
            m.ToString().ShouldBe("[2x3], type = Float64, device = cpu");
            var accessor = m.data<double>();
            accessor.Count.ShouldBe(6);
            accessor[4].ShouldBe(5);
            accessor[1, 2].ShouldBe(6);
            m.t().data<double>()[1].ShouldBe(4);
            m.t().data<double>().ToList().ShouldBe(new double[] { 1, 4, 2, 5, 3, 6 });
            Should.Throw<ArgumentException>(() => m.data<float>());
            Should.Throw<ArgumentException>(() => m.item<double>());
        }

        [Fact]
        public void InPlaceOperations_ModifyTheTensor()
        {
            using var x = zeros(3, ScalarType.Float64);
            x.fill_(2);
            x.add_(1).mul_(2);
            x.data<double>().ToArray().ShouldBe(new double[] { 6, 6, 6 });
            x.copy_(tensor(new double[] { 1, 2, 3 }));
            x.data<double>().ToArray().ShouldBe(new double[] { 1, 2, 3 });
            x.zero_();
            x.sum().item<double>().ShouldBe(0);
        }

        [Fact]
        public void LinearAlgebra_SolvesAndFactors()
        {
            // A = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]].
            using var a = tensor(new double[] { 4, 2, 2, 3 }, new long[] { 2, 2 });
            var l = linalg.cholesky(a).data<double>().ToArray();
            l.ShouldBe(new[] { 2, 0, 1, Math.Sqrt(2) }, 1e-12);
            using var b = tensor(new double[] { 2, 1 }, new long[] { 2, 1 });
            var x = linalg.solve(a, b);
            a.matmul(x).data<double>().ToArray().ShouldBe(new double[] { 2, 1 }, 1e-12);
            a.mm(linalg.inv(a)).data<double>().ToArray().ShouldBe(new double[] { 1, 0, 0, 1 }, 1e-12);
            using var batch = ones(3, 2, 4);
            batch.bmm(ones(3, 4, 5)).shape.ShouldBe(new long[] { 3, 2, 5 });
            nn.functional.linear(ones(2, 4), ones(3, 4), ones(3)).data<float>().ToArray().ShouldAllBe(v => v == 5);
        }

        [Fact]
        public void BroadcastTensors_ExpandsToTheCommonShape_OrNamesTheMismatch()
        {
            using var a = ones(3, 1, 4);
            using var b = arange(4, dtype: ScalarType.Float32);
            using var c = ones(2, 1);

            var broadcast = broadcast_tensors(a, b, c);

            broadcast.Select(t => t.shape).ShouldAllBe(shape => shape.SequenceEqual(new long[] { 3, 2, 4 }));
            broadcast[1].data<float>().ToArray().ShouldBe(Enumerable.Repeat(new[] { 0f, 1f, 2f, 3f }, 6).SelectMany(v => v).ToArray());
            using var d = ones(3);
            Should.Throw<ArgumentException>(() => broadcast_tensors(b, d)).Message.ShouldContain("cannot be broadcast");
        }
    }
}
