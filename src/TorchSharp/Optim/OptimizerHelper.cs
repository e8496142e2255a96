using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.PInvoke;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace TorchSharp.Modules
{
    /// <summary>
    /// Common machinery of the optimizers implemented here: parameter groups, per-parameter state, zero_grad,
    /// and running the loss closure before the (fused, native) update.
    /// </summary>
    public abstract class OptimizerHelper : Optimizer
    {
        private protected readonly List<ParamGroup> parameterGroups = new();
        private protected readonly List<Parameter[]> groupParameters = new();

        private protected OptimizerHelper()
        {
        }

        public override IEnumerable<Parameter> parameters() => groupParameters.SelectMany(g => g);

        public override IEnumerable<ILearningRateController> ParamGroups => parameterGroups;

        public override unsafe void zero_grad()
        {
            var handles = parameters().Select(p => p.Handle).ToArray();
            fixed (IntPtr* h = handles) CheckStatus(NativeMethods.THSOptim_zero_grad(h, handles.Length));
            GC.KeepAlive(groupParameters);
        }

        public override Tensor? step(Func<Tensor>? closure = null)
        {
            Tensor? loss = null;
            if (closure is not null) {
                using (enable_grad()) loss = closure();
            }
            for (var i = 0; i < parameterGroups.Count; i++) StepGroup(i);
            GC.KeepAlive(groupParameters);
            return loss;
        }

        /// <summary>Updates every parameter of group index with one native call.</summary>
        private protected abstract void StepGroup(int index);

        /// <summary>Records the group and its parameters (materialized once).</summary>
        private protected Parameter[] AddGroup(ParamGroup group)
        {
            var list = group.Parameters.ToArray();
            group.Parameters = list;
            group.Options.InitialLearningRate = group.Options.LearningRate ?? 0;
            parameterGroups.Add(group);
            groupParameters.Add(list);
            return list;
        }

        /// <summary>A zero tensor shaped like p that no dispose scope owns: optimizer state lives with the optimizer.</summary>
        private protected static Tensor StateLike(Parameter p)
        {
            using (no_grad()) return zeros_like(p).DetachFromDisposeScope();
        }

        private protected static IntPtr[] HandlesOf(IEnumerable<Tensor?> tensors) =>
            tensors.Select(t => t?.Handle ?? IntPtr.Zero).ToArray();
    }
}
