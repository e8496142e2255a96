using System;
using System.Collections.Generic;
using System.IO;
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

        public override void zero_grad() => Gradients.Zero(parameters());

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

        /// <summary>
        /// Saves the optimizer's state (each group's learning rate and per-parameter state: Adam's step counts and
        /// moments, SGD's momentum buffers), so that training resumed from a checkpoint takes the same steps.
        /// </summary>
        public void save_state_dict(string location)
        {
            using var stream = File.Create(location);
            using var writer = new BinaryWriter(stream);
            save_state_dict(writer);
        }

        public void save_state_dict(BinaryWriter writer)
        {
            writer.Write(GetType().Name);
            writer.Write(parameterGroups.Count);
            for (var i = 0; i < parameterGroups.Count; i++) {
                writer.Write(parameterGroups[i].Options.LearningRate ?? 0);
                writer.Write(groupParameters[i].Length);
                WriteGroupState(writer, i);
            }
            writer.Flush();
        }

        /// <summary>Restores a state saved by an optimizer of the same kind over parameters of the same shapes.</summary>
        public void load_state_dict(string location)
        {
            if (!File.Exists(location)) throw new FileNotFoundException(location);
            using var stream = File.OpenRead(location);
            using var reader = new BinaryReader(stream);
            load_state_dict(reader);
        }

        public void load_state_dict(BinaryReader reader)
        {
            var kind = reader.ReadString();
            if (kind != GetType().Name)
                throw new ArgumentException($"the state is {kind}'s, not {GetType().Name}'s");
            var groups = reader.ReadInt32();
            if (groups != parameterGroups.Count)
                throw new ArgumentException($"the state has {groups} parameter groups; this optimizer has {parameterGroups.Count}");
            for (var i = 0; i < groups; i++) {
                parameterGroups[i].Options.LearningRate = reader.ReadDouble();
                var count = reader.ReadInt32();
                if (count != groupParameters[i].Length)
                    throw new ArgumentException($"group {i} of the state has {count} parameters; this optimizer's has {groupParameters[i].Length}");
                ReadGroupState(reader, i);
            }
        }

        /// <summary>Writes the per-parameter state of group index.</summary>
        private protected abstract void WriteGroupState(BinaryWriter writer, int index);

        /// <summary>Reads into the per-parameter state of group index what WriteGroupState wrote.</summary>
        private protected abstract void ReadGroupState(BinaryReader reader, int index);

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
