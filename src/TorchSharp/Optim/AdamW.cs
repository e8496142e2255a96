using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class optim
        {
            /// <summary>AdamW: Adam with decoupled weight decay (Loshchilov and Hutter, 2017).</summary>
            public static AdamW AdamW(IEnumerable<Parameter> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1E-08, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new AdamW(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

            public static AdamW AdamW(IEnumerable<(string name, Parameter parameter)> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1E-08, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new AdamW(parameters.Select(np => np.parameter), lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);

            public static AdamW AdamW(IEnumerable<AdamW.ParamGroup> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1E-08, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
                new AdamW(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize);
        }
    }

    namespace Modules
    {
        /// <summary>
        /// AdamW: Adam with decoupled weight decay (Loshchilov and Hutter, 2017). Each step updates every parameter of a group in one fused native pass, with PyTorch 1.13's
        /// formulas: θ ← θ(1 - lr·λ); then Adam's update without the
        /// λθ term in the gradient.
        /// </summary>
        public class AdamW : OptimizerHelper, optim.IBetas
        {
            private readonly Options defaults;
            private readonly List<AdamGroupState> states = new();

            public AdamW(IEnumerable<Parameter> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1E-08, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
                : this(new[] { new ParamGroup { Parameters = parameters } }, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
            {
            }

            public AdamW(IEnumerable<ParamGroup> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1E-08, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
            {
                if (lr < 0) throw new ArgumentException($"Invalid learning rate: {lr}");
                if (eps < 0) throw new ArgumentException($"Invalid ε: {eps}");
                if (beta1 < 0 || beta1 >= 1.0) throw new ArgumentException($"Invalid beta1: {beta1}");
                if (beta2 < 0 || beta2 >= 1.0) throw new ArgumentException($"Invalid beta2: {beta2}");
                if (weight_decay < 0.0) throw new ArgumentException($"Invalid weight_decay value: {weight_decay}");
                defaults = new Options { LearningRate = lr, InitialLearningRate = lr, beta1 = beta1, beta2 = beta2, eps = eps, weight_decay = weight_decay, amsgrad = amsgrad, maximize = maximize };
                foreach (var group in parameters) add_param_group(group);
            }

            public override void add_param_group(Modules.ParamGroup param_group)
            {
                if (param_group.Options is not Options options) {
                    options = new Options { LearningRate = param_group.Options?.LearningRate };
                    param_group.Options = options;
                }
                options.LearningRate ??= defaults.LearningRate;
                options.beta1 ??= defaults.beta1;
                options.beta2 ??= defaults.beta2;
                options.eps ??= defaults.eps;
                options.weight_decay ??= defaults.weight_decay;
                options.amsgrad ??= defaults.amsgrad;
                options.maximize ??= defaults.maximize;
                var list = AddGroup(param_group);
                states.Add(new AdamGroupState(list, options.amsgrad ?? false, StateLike));
            }

            private protected override void StepGroup(int index)
            {
                var o = (Options)parameterGroups[index].Options;
                states[index].Update(o.LearningRate!.Value, o.beta1!.Value, o.beta2!.Value, o.eps!.Value, o.weight_decay!.Value,
                    o.amsgrad!.Value, o.maximize!.Value, decoupled: true);
            }

            /// <summary>The state of a parameter of the first group: (step, exp_avg, exp_avg_sq), for tests.</summary>
            internal (long step, Tensor expAvg, Tensor expAvgSq) StateOf(int parameterIndex) =>
                (states[0].Step(parameterIndex), states[0].ExpAvg(parameterIndex), states[0].ExpAvgSq(parameterIndex));

            private protected override void WriteGroupState(System.IO.BinaryWriter writer, int index) => states[index].Write(writer);

            private protected override void ReadGroupState(System.IO.BinaryReader reader, int index) => states[index].Read(reader);

            protected override void Dispose(bool disposing)
            {
                if (disposing) {
                    foreach (var s in states) s.Dispose();
                    states.Clear();
                }
                base.Dispose(disposing);
            }

            public (double, double) Betas {
                get => (defaults.beta1!.Value, defaults.beta2!.Value);
                set {
                    defaults.beta1 = value.Item1;
                    defaults.beta2 = value.Item2;
                }
            }

            /// <summary>AdamW's hyper-parameters; unset values take the optimizer's defaults.</summary>
            public class Options : OptimizerOptions
            {
                public double? beta1;
                public double? beta2;
                public double? weight_decay;
                public double? eps;
                public bool? amsgrad;
                public bool? maximize;
            }

            public class ParamGroup : ParamGroup<Options>, optim.IBetas
            {
                public ParamGroup()
                {
                }

                public ParamGroup(IEnumerable<Parameter> parameters, Options options) : base(parameters, options)
                {
                }

                public ParamGroup(IEnumerable<Parameter> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1E-08, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
                    : base(parameters, new Options { LearningRate = lr, beta1 = beta1, beta2 = beta2, eps = eps, weight_decay = weight_decay, amsgrad = amsgrad, maximize = maximize })
                {
                }

                public (double, double) Betas {
                    get => (Options.beta1!.Value, Options.beta2!.Value);
                    set {
                        Options.beta1 = value.Item1;
                        Options.beta2 = value.Item2;
                    }
                }
            }
        }
    }
}
