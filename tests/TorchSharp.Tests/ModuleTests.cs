using System;
using System.IO;
using System.Linq;
using Shouldly;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    [Collection(RandomCollection.Name)]
    public class ModuleTests
    {
        private sealed class Encoder : nn.Module<Tensor, Tensor>
        {
            private readonly Sequential body;
            private readonly Linear head;
            private readonly Parameter scale;
            private readonly Tensor offset;

            public Encoder() : base(nameof(Encoder))
            {
                body = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.Tanh());
                head = nn.Linear(8, 2);
                scale = new Parameter(ones(2));
                offset = zeros(2);
                RegisterComponents();
            }

            public override Tensor forward(Tensor input) => head.call(body.call(input)) * scale + offset;
        }

        [Fact]
        public void RegisterComponents_NamesEverythingAsPyTorchDoes()
        {
            using var model = new Encoder();
            model.named_parameters().Select(np => np.name).ShouldBe(new[] {
                "scale", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias", "head.weight", "head.bias",
            });
            model.state_dict().Keys.OrderBy(k => k, StringComparer.Ordinal).ShouldBe(new[] {
                "body.0.bias", "body.0.weight", "body.2.bias", "body.2.weight", "head.bias", "head.weight", "offset", "scale",
            });
            model.named_modules().Select(m => m.name).ShouldBe(new[] { "body", "head", "body.0", "body.1", "body.2", "body.3" });
            model.named_buffers().Select(b => b.name).ShouldBe(new[] { "offset" });
            model.call(ones(3, 4)).shape.ShouldBe(new long[] { 3, 2 });
        }

        [Fact]
        public void Parameter_SetToAnotherSize_IsWhatTheModuleComputesWith()
        {
            using var model = new Encoder();
            model.get_parameter("head.weight")!.shape.ShouldBe(new long[] { 2, 8 });
            model.has_parameter("body.2.bias").ShouldBeTrue();
            model.has_parameter("offset").ShouldBeFalse();
            model.get_parameter("missing").ShouldBeNull();
            using (no_grad())
            {
                model.get_parameter("scale")!.set_(tensor(new float[] { 2, 3, 4 }).reshape(3, 1, 1));
            }

            model.get_parameter("scale")!.shape.ShouldBe(new long[] { 3, 1, 1 });
            model.get_parameter("scale")!.requires_grad.ShouldBeTrue();
            var output = model.call(ones(5, 4));
            output.shape.ShouldBe(new long[] { 3, 5, 2 });
            output.sum().backward();
            model.get_parameter("scale")!.grad().ShouldNotBeNull().shape.ShouldBe(new long[] { 3, 1, 1 });
        }

        [Fact]
        public void Sequential_WithNames_UsesThem()
        {
            using var seq = nn.Sequential(("fc", nn.Linear(2, 3)), ("act", nn.GELU()));
            seq.state_dict().Keys.ShouldBe(new[] { "fc.weight", "fc.bias" }, ignoreOrder: true);
            seq.call(ones(1, 2)).shape.ShouldBe(new long[] { 1, 3 });
        }

        [Fact]
        public void Linear_Initialization_IsBoundedByOneOverSqrtFanIn_AndMatchesPyTorch()
        {
            manual_seed(0);
            using var small = nn.Linear(3, 2);
            // torch.manual_seed(0); torch.nn.Linear(3, 2) in PyTorch 1.13.
            small.weight!.data<float>().ToArray().ShouldBe(new[] { -0.004322517663240433f, 0.3097158372402191f, -0.4751853346824646f, -0.4248946011066437f, -0.2223689705133438f, 0.15482072532176971f }, 1e-7f);
            small.bias!.data<float>().ToArray().ShouldBe(new[] { -0.011439144611358643f, 0.45777493715286255f }, 1e-7f);

            using var wide = nn.Linear(400, 50);
            var bound = 1 / Math.Sqrt(400);
            var w = wide.weight!.data<float>().ToArray();
            w.ShouldAllBe(x => Math.Abs(x) <= bound);
            w.Max().ShouldBeGreaterThan((float)(0.95 * bound));
            w.Min().ShouldBeLessThan((float)(-0.95 * bound));
            wide.bias!.data<float>().ToArray().ShouldAllBe(x => Math.Abs(x) <= bound);
            wide.weight.requires_grad.ShouldBeTrue();
            nn.Linear(3, 2, hasBias: false).bias.ShouldBeNull();
            nn.Linear(3, 2, dtype: ScalarType.Float64).weight!.dtype.ShouldBe(ScalarType.Float64);
        }

        [Fact]
        public void SaveThenLoad_RoundTripsEveryParameterExactly()
        {
            using var original = new Encoder();
            using var copy = new Encoder();
            using (no_grad()) original.state_dict()["offset"].fill_(0.25);
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
            using var x = randn(2, 4);
            copy.call(x).data<float>().ToArray().ShouldBe(original.call(x).data<float>().ToArray());
        }

        [Fact]
        public void SaveFormat_IsTorchSharps_CountThenNamedTensorRecords()
        {
            using var model = nn.Linear(2, 1);
            using var stream = new MemoryStream();
            model.save(stream);
            using var reader = new BinaryReader(new MemoryStream(stream.ToArray()));
            reader.ReadByte().ShouldBe((byte)2);          // LEB128 entry count
            reader.ReadString().ShouldBe("weight");
            reader.ReadByte().ShouldBe((byte)6);          // Float32
            reader.ReadByte().ShouldBe((byte)2);          // rank
            reader.ReadByte().ShouldBe((byte)1);
            reader.ReadByte().ShouldBe((byte)2);
            var w = model.weight!.data<float>().ToArray();
            reader.ReadSingle().ShouldBe(w[0]);
            reader.ReadSingle().ShouldBe(w[1]);
            reader.ReadString().ShouldBe("bias");
        }

        [Fact]
        public void Load_WithStrict_RejectsMissingOrMismatchedEntries()
        {
            using var big = new Encoder();
            using var small = nn.Linear(4, 8);
            using var stream = new MemoryStream();
            small.save(stream);
            Should.Throw<ArgumentException>(() => big.load(new MemoryStream(stream.ToArray())));

            using var other = nn.Linear(4, 8, hasBias: false);
            using var otherStream = new MemoryStream();
            other.save(otherStream);
            Should.Throw<ArgumentException>(() => small.load(new MemoryStream(otherStream.ToArray())));

            using var wrongShape = nn.Linear(8, 4);
            Should.Throw<ArgumentException>(() => wrongShape.load(new MemoryStream(stream.ToArray())));

            // Not strict: the entries that exist are loaded, the others are skipped.
            using var partial = nn.Linear(4, 8);
            partial.load(new MemoryStream(otherStream.ToArray()), strict: false);
            partial.weight!.data<float>().ToArray().ShouldBe(other.weight!.data<float>().ToArray());
        }

        [Fact]
        public void LoadStateDict_CopiesValues_AndStrictRejectsKeyMismatch()
        {
            using var a = nn.Linear(3, 2);
            using var b = nn.Linear(3, 2);
            var (missing, unexpected) = b.load_state_dict(a.state_dict());
            missing.ShouldBeEmpty();
            unexpected.ShouldBeEmpty();
            b.weight!.data<float>().ToArray().ShouldBe(a.weight!.data<float>().ToArray());
            var partial = a.state_dict();
            partial.Remove("bias");
            Should.Throw<InvalidOperationException>(() => b.load_state_dict(partial));
            b.load_state_dict(partial, strict: false).missing_keys.ShouldBe(new[] { "bias" });
        }

        [Fact]
        public void TrainEval_ZeroGrad_And_Conversion()
        {
            using var model = new Encoder();
            model.training.ShouldBeTrue();
            model.eval();
            model.training.ShouldBeFalse();
            model.modules().ShouldAllBe(m => !m.training);
            model.train();
            model.call(ones(2, 4)).sum().backward();
            model.parameters().ShouldAllBe(p => p.grad() != null);
            model.zero_grad();
            model.parameters().ShouldAllBe(p => p.grad()!.abs().sum().item<float>() == 0);
            model.to(ScalarType.Float64);
            model.parameters().ShouldAllBe(p => p.dtype == ScalarType.Float64 && p.requires_grad);
            model.call(ones(2, 4, ScalarType.Float64)).dtype.ShouldBe(ScalarType.Float64);
        }

        [Fact]
        public void Activations_ComputeTheirFunctions()
        {
            using var x = tensor(new float[] { -1, 0, 2 });
            nn.ReLU().call(x).data<float>().ToArray().ShouldBe(new float[] { 0, 0, 2 });
            nn.LeakyReLU(0.5).call(x).data<float>().ToArray().ShouldBe(new float[] { -0.5f, 0, 2 });
            nn.Identity().call(x).data<float>().ToArray().ShouldBe(new float[] { -1, 0, 2 });
            nn.Sigmoid().call(x).data<float>()[1].ShouldBe(0.5f);
            nn.Tanh().call(x).data<float>()[1].ShouldBe(0f);
            nn.Softplus().call(x).data<float>()[1].ShouldBe((float)Math.Log(2), 1e-6f);
            nn.GELU().call(x).data<float>()[2].ShouldBe(1.9544997f, 1e-5f);
            var y = x.clone();
            nn.ReLU(inplace: true).call(y);
            y.data<float>().ToArray().ShouldBe(new float[] { 0, 0, 2 });
        }
    }
}
