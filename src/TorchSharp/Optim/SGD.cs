using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using TorchSharp.PInvoke;
using static TorchSharp.torch;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class optim
        {
            /// <summary>Stochastic gradient descent, with optional momentum, dampening, Nesterov momentum and L2 decay.</summary>
            public static SGD SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
                new SGD(parameters, learningRate, momentum, dampening, weight_decay, nesterov, maximize);

            public static SGD SGD(IEnumerable<(string name, Parameter parameter)> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
                new SGD(parameters.Select(np => np.parameter), learningRate, momentum, dampening, weight_decay, nesterov, maximize);

            public static SGD SGD(IEnumerable<SGD.ParamGroup> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
                new SGD(parameters, learningRate, momentum, dampening, weight_decay, nesterov, maximize);
        }
    }

    namespace Modules
    {
        /// <summary>
        /// SGD with PyTorch 1.13's formulas, fused into one native pass per parameter group:
        /// d ← ±∇ + λθ; b ← d on the first step, else μb + (1-τ)d; d ← d + μb (Nesterov) or b; θ ← θ - lr·d.
        /// </summary>
        public class SGD : OptimizerHelper, optim.IMomentum
        {
            private readonly Options defaults;
            private readonly List<(Tensor?[] buffers, byte[] ready)> states = new();

            public SGD(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
                : this(new[] { new ParamGroup { Parameters = parameters } }, lr, momentum, dampening, weight_decay, nesterov, maximize)
            {
            }

            public SGD(IEnumerable<ParamGroup> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
            {
                if (lr < 0) throw new ArgumentException($"Invalid learning rate: {lr}");
                if (momentum < 0.0) throw new ArgumentException($"Invalid momentum value: {momentum}");
                if (weight_decay < 0.0) throw new ArgumentException($"Invalid weight_decay value: {weight_decay}");
                if (nesterov && (momentum <= 0 || dampening != 0)) throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
                defaults = new Options { LearningRate = lr, InitialLearningRate = lr, momentum = momentum, dampening = dampening, weight_decay = weight_decay, nesterov = nesterov, maximize = maximize };
                foreach (var group in parameters) add_param_group(group);
            }

            public override void add_param_group(Modules.ParamGroup param_group)
            {
                if (param_group.Options is not Options options) {
                    options = new Options { LearningRate = param_group.Options?.LearningRate };
                    param_group.Options = options;
                }
                options.LearningRate ??= defaults.LearningRate;
                options.momentum ??= defaults.momentum;
                options.dampening ??= defaults.dampening;
                options.weight_decay ??= defaults.weight_decay;
                options.nesterov ??= defaults.nesterov;
                options.maximize ??= defaults.maximize;
                var list = AddGroup(param_group);
                states.Add((list.Select(p => options.momentum != 0 ? StateLike(p) : null).ToArray(), new byte[list.Length]));
            }

            private protected override unsafe void StepGroup(int index)
            {
                var o = (Options)parameterGroups[index].Options;
                var (buffers, ready) = states[index];
                var momentum = o.momentum!.Value;
                if (momentum != 0 && buffers.Any(b => b is null))
                    throw new InvalidOperationException("momentum was turned on after the optimizer was created.");
                var p = HandlesOf(groupParameters[index]);
                var b = HandlesOf(buffers);
                fixed (IntPtr* pp = p, bp = b)
                fixed (byte* rp = ready) {
                    var status = NativeMethods.THSOptim_sgd_step(pp, bp, rp, p.Length, o.LearningRate!.Value, momentum, o.dampening!.Value,
                        o.weight_decay!.Value, o.nesterov!.Value ? 1 : 0, o.maximize!.Value ? 1 : 0);
                    GC.KeepAlive(buffers);
                    CheckStatus(status);
                }
            }

            /// <summary>Per parameter: whether its momentum buffer has been started, then the buffer where there is one.</summary>
            private protected override void WriteGroupState(System.IO.BinaryWriter writer, int index)
            {
                var (buffers, ready) = states[index];
                for (var i = 0; i < buffers.Length; i++) {
                    writer.Write(ready[i]);
                    writer.Write(buffers[i] is not null);
                    buffers[i]?.Save(writer);
                }
            }

            private protected override void ReadGroupState(System.IO.BinaryReader reader, int index)
            {
                var (buffers, ready) = states[index];
                for (var i = 0; i < buffers.Length; i++) {
                    ready[i] = reader.ReadByte();
                    var hasBuffer = reader.ReadBoolean();
                    if (hasBuffer != (buffers[i] is not null))
                        throw new ArgumentException("the state and this optimizer disagree on momentum");
                    using (no_grad()) buffers[i]?.Load(reader);
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) {
                    foreach (var (buffers, _) in states) {
                        foreach (var t in buffers) t?.Dispose();
                    }
                    states.Clear();
                }
                base.Dispose(disposing);
            }

            public double Momentum {
                get => defaults.momentum!.Value;
                set => defaults.momentum = value;
            }

            /// <summary>SGD's hyper-parameters; unset values take the optimizer's defaults.</summary>
            public class Options : OptimizerOptions
            {
                public double? momentum;
                public double? dampening;
                public double? weight_decay;
                public bool? nesterov;
                public bool? maximize;
            }

            public class ParamGroup : ParamGroup<Options>, optim.IMomentum
            {
                public ParamGroup()
                {
                }

                public ParamGroup(IEnumerable<Parameter> parameters, Options options) : base(parameters, options)
                {
                }

                public ParamGroup(IEnumerable<Parameter> parameters, double lr = 0.001, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false)
                    : base(parameters, new Options { LearningRate = lr, momentum = momentum, dampening = dampening, weight_decay = weight_decay, nesterov = nesterov, maximize = maximize })
                {
                }

                public double Momentum {
                    get => Options.momentum!.Value;
                    set => Options.momentum = value;
                }
            }
        }
    }
}
