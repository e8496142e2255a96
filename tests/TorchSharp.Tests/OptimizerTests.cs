using System;
using System.Linq;
using Shouldly;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    // Draws from the default generator (module initialization): kept apart from the tests that seed it.
    [Collection(RandomCollection.Name)]
    public class OptimizerTests
    {
        // loss(p) = Σ c_i p_i², so ∂loss/∂p_i = 2 c_i p_i: gradients the reference can compute exactly.
        private static readonly double[] C = { 0.5, -1.5, 2.0, 0.1, 3.0, -0.7 };
        private static readonly double[] P0 = { 1.0, -2.0, 0.3, 4.0, -0.05, 0.8 };

        private static Tensor Loss(Tensor p) => (tensor(C) * p.square()).sum();

        [Theory]
        [InlineData("adam")]
        [InlineData("adamw-amsgrad")]
        [InlineData("sgd-momentum")]
        public void SavedState_ResumesTheSameSteps(string kind)
        {
            OptimizerHelper Make(Parameter p) => kind switch {
                "adam" => optim.Adam(new[] { p }, lr: 0.05),
                "adamw-amsgrad" => optim.AdamW(new[] { p }, lr: 0.05, amsgrad: true),
                _ => optim.SGD(new[] { p }, 0.05, momentum: 0.9),
            };

            void Steps(OptimizerHelper optimizer, Parameter p, int count)
            {
                for (var i = 0; i < count; i++) {
                    optimizer.zero_grad();
                    Loss(p).backward();
                    optimizer.step();
                }
            }

            var path = System.IO.Path.GetTempFileName();
            try {
                using var p = new Parameter(tensor(P0));
                using var optimizer = Make(p);
                Steps(optimizer, p, 3);
                optimizer.save_state_dict(path);
                var saved = p.data<double>().ToArray();
                Steps(optimizer, p, 2);

                using var q = new Parameter(tensor(saved));
                using var resumed = Make(q);
                resumed.load_state_dict(path);
                Steps(resumed, q, 2);

                q.data<double>().ToArray().ShouldBe(p.data<double>().ToArray());
                using var fresh = new Parameter(tensor(saved));
                using var restarted = Make(fresh);
                Steps(restarted, fresh, 2);
                fresh.data<double>().ToArray().ShouldNotBe(p.data<double>().ToArray(), "without the state the steps differ");
            }
            finally {
                System.IO.File.Delete(path);
            }
        }

        [Fact]
        public void SavedState_OfAnotherOptimizer_IsRefused()
        {
            var path = System.IO.Path.GetTempFileName();
            try {
                using var p = new Parameter(tensor(P0));
                using (var adam = optim.Adam(new[] { p })) adam.save_state_dict(path);
                using var sgd = optim.SGD(new[] { p }, 0.1);
                Should.Throw<ArgumentException>(() => sgd.load_state_dict(path)).Message.ShouldContain("Adam");
            }
            finally {
                System.IO.File.Delete(path);
            }
        }

        [Theory]
        [InlineData(false, 0.0, false, false)]
        [InlineData(true, 0.0, false, false)]
        [InlineData(false, 0.1, false, false)]
        [InlineData(false, 0.0, true, false)]
        [InlineData(true, 0.05, true, false)]
        [InlineData(false, 0.1, false, true)]
        [InlineData(true, 0.2, false, true)]
        public void AdamAndAdamW_MatchAFloat64ReferenceOfPyTorch113(bool amsgrad, double weightDecay, bool maximize, bool decoupled)
        {
            const double lr = 0.05, beta1 = 0.8, beta2 = 0.95, eps = 1e-6;
            using var p = new Parameter(tensor(P0));
            using optim.Optimizer optimizer = decoupled
                ? optim.AdamW(new[] { p }, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize)
                : optim.Adam(new[] { p }, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);

            var reference = (double[])P0.Clone();
            var m = new double[P0.Length];
            var v = new double[P0.Length];
            var vmax = new double[P0.Length];
            for (var step = 1; step <= 5; step++) {
                optimizer.zero_grad();
                Loss(p).backward();
                optimizer.step();

                for (var i = 0; i < P0.Length; i++) {
                    var g = 2 * C[i] * reference[i];
                    if (maximize) g = -g;
                    if (decoupled) reference[i] *= 1 - lr * weightDecay;
                    else g += weightDecay * reference[i];
                    m[i] = beta1 * m[i] + (1 - beta1) * g;
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                    vmax[i] = Math.Max(vmax[i], v[i]);
                    var bc1 = 1 - Math.Pow(beta1, step);
                    var bc2 = 1 - Math.Pow(beta2, step);
                    var denom = Math.Sqrt(amsgrad ? vmax[i] : v[i]) / Math.Sqrt(bc2) + eps;
                    reference[i] -= lr / bc1 * m[i] / denom;
                }
                p.data<double>().ToArray().ShouldBe(reference, 1e-12, $"step {step}");
            }
        }

        [Fact]
        public void Adam_InFloat32_TracksTheReferenceAndCountsSteps()
        {
            using var p = new Parameter(tensor(P0, ScalarType.Float32));
            using var adam = optim.Adam(new[] { p }, lr: 0.01);
            var reference = (double[])P0.Clone();
            var m = new double[P0.Length];
            var v = new double[P0.Length];
            for (var step = 1; step <= 20; step++) {
                adam.zero_grad();
                (tensor(C, ScalarType.Float32) * p.square()).sum().backward();
                adam.step();
                for (var i = 0; i < P0.Length; i++) {
                    var g = 2 * C[i] * reference[i];
                    m[i] = 0.9 * m[i] + 0.1 * g;
                    v[i] = 0.999 * v[i] + 0.001 * g * g;
                    reference[i] -= 0.01 / (1 - Math.Pow(0.9, step)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999, step)) + 1e-8);
                }
            }
            p.data<float>().ToArray().Select(x => (double)x).ToArray().ShouldBe(reference, 1e-5);
            adam.StateOf(0).step.ShouldBe(20);
        }

        [Theory]
        [InlineData(0.0, 0.0, 0.0, false, false)]
        [InlineData(0.9, 0.1, 0.0, false, false)]
        [InlineData(0.9, 0.0, 0.01, true, false)]
        [InlineData(0.5, 0.0, 0.0, false, true)]
        public void SGD_MatchesAFloat64ReferenceOfPyTorch113(double momentum, double dampening, double weightDecay, bool nesterov, bool maximize)
        {
            const double lr = 0.1;
            using var p = new Parameter(tensor(P0));
            using var sgd = optim.SGD(new[] { p }, lr, momentum, dampening, weightDecay, nesterov, maximize);
            var reference = (double[])P0.Clone();
            var buffer = new double[P0.Length];
            for (var step = 1; step <= 4; step++) {
                sgd.zero_grad();
                Loss(p).backward();
                sgd.step();
                for (var i = 0; i < P0.Length; i++) {
                    var d = 2 * C[i] * reference[i];
                    if (maximize) d = -d;
                    d += weightDecay * reference[i];
                    if (momentum != 0) {
                        buffer[i] = step == 1 ? d : momentum * buffer[i] + (1 - dampening) * d;
                        d = nesterov ? d + momentum * buffer[i] : buffer[i];
                    }
                    reference[i] -= lr * d;
                }
                p.data<double>().ToArray().ShouldBe(reference, 1e-12, $"step {step}");
            }
        }

        [Fact]
        public void SGDConstructor_TakesLr_AndFollowsPyTorchForThreeSteps()
        {
            // PyTorch 1.13: d = g + λθ; b = d (first step), else μb + (1 - τ)d; θ -= lr · b.
            const double lr = 0.05, momentum = 0.8, dampening = 0.3, weightDecay = 0.02;
            using var p = new Parameter(tensor(P0));
            using var sgd = new SGD(new[] { p }, lr: lr, momentum: momentum, dampening: dampening, weight_decay: weightDecay);
            var reference = (double[])P0.Clone();
            var buffer = new double[P0.Length];
            for (var step = 1; step <= 3; step++) {
                sgd.zero_grad();
                Loss(p).backward();
                sgd.step();
                for (var i = 0; i < P0.Length; i++) {
                    var d = 2 * C[i] * reference[i] + weightDecay * reference[i];
                    buffer[i] = step == 1 ? d : momentum * buffer[i] + (1 - dampening) * d;
                    reference[i] -= lr * buffer[i];
                }
                p.data<double>().ToArray().ShouldBe(reference, 1e-12, $"step {step}");
            }
            sgd.ParamGroups.Single().LearningRate.ShouldBe(lr);
        }

        [Fact]
        public void Step_SkipsParametersWithoutGradients_AndReturnsTheClosureLoss()
        {
            using var used = new Parameter(tensor(new double[] { 1 }));
            using var unused = new Parameter(tensor(new double[] { 1 }));
            using var adam = optim.Adam(new[] { used, unused }, lr: 0.1);
            var loss = adam.step(() => {
                adam.zero_grad();
                var l = (used * 3).sum();
                l.backward();
                return l;
            });
            loss!.item<double>().ShouldBe(3);
            // The first Adam step moves by lr · ĝ / (|ĝ| + ε).
            used.item<double>().ShouldBe(1 - 0.1 * 3 / (3 + 1e-8), 1e-12);
            unused.item<double>().ShouldBe(1);
            adam.StateOf(1).step.ShouldBe(0);
        }

        [Fact]
        public void ZeroGrad_ZeroesEveryGradient_AndLearningRatesAreControllable()
        {
            using var model = nn.Linear(3, 2);
            using var opt = optim.Adam(model.named_parameters(), lr: 0.5);
            model.call(ones(4, 3)).sum().backward();
            opt.zero_grad();
            model.parameters().ShouldAllBe(p => p.grad()!.abs().sum().item<float>() == 0);
            var group = opt.ParamGroups.Single();
            group.LearningRate.ShouldBe(0.5);
            group.InitialLearningRate.ShouldBe(0.5);
            group.LearningRate = 0.1;
            opt.ParamGroups.Single().LearningRate.ShouldBe(0.1);
            opt.parameters().Count().ShouldBe(2);
        }
    }
}
