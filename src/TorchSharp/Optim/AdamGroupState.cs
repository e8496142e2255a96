using System;
using System.IO;
using System.Linq;
using TorchSharp.PInvoke;
using static TorchSharp.torch;

namespace TorchSharp.Modules
{
    /// <summary>
    /// Adam's per-parameter state for one parameter group (first and second moments, their running maximum for
    /// AMSGrad, step counts), and the single native call that updates the whole group.
    /// </summary>
    internal sealed class AdamGroupState : IDisposable
    {
        private readonly Parameter[] parameters;
        private readonly Tensor[] expAvg;
        private readonly Tensor[] expAvgSq;
        private readonly Tensor?[] maxExpAvgSq;
        private readonly long[] steps;

        internal AdamGroupState(Parameter[] parameters, bool amsgrad, Func<Parameter, Tensor> stateLike)
        {
            this.parameters = parameters;
            expAvg = parameters.Select(stateLike).ToArray();
            expAvgSq = parameters.Select(stateLike).ToArray();
            maxExpAvgSq = parameters.Select(p => amsgrad ? stateLike(p) : null).ToArray();
            steps = new long[parameters.Length];
        }

        internal long Step(int index) => steps[index];

        internal Tensor ExpAvg(int index) => expAvg[index];

        internal Tensor ExpAvgSq(int index) => expAvgSq[index];

        internal unsafe void Update(double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad, bool maximize, bool decoupled)
        {
            if (amsgrad && maxExpAvgSq.Any(t => t is null))
                throw new InvalidOperationException("amsgrad was turned on after the optimizer was created.");
            var p = parameters.Select(t => t.Handle).ToArray();
            var m = expAvg.Select(t => t.Handle).ToArray();
            var v = expAvgSq.Select(t => t.Handle).ToArray();
            var vmax = maxExpAvgSq.Select(t => t?.Handle ?? IntPtr.Zero).ToArray();
            fixed (IntPtr* pp = p, mp = m, vp = v, vmaxp = vmax)
            fixed (long* sp = steps) {
                var status = NativeMethods.THSOptim_adam_step(pp, mp, vp, vmaxp, sp, p.Length, lr, beta1, beta2, eps, weightDecay,
                    amsgrad ? 1 : 0, maximize ? 1 : 0, decoupled ? 1 : 0);
                GC.KeepAlive(parameters);
                GC.KeepAlive(expAvg);
                GC.KeepAlive(expAvgSq);
                GC.KeepAlive(maxExpAvgSq);
                CheckStatus(status);
            }
        }

        /// <summary>Per parameter: its step count, then m, v and (under AMSGrad) the running maximum of v.</summary>
        internal void Write(BinaryWriter writer)
        {
            for (var i = 0; i < parameters.Length; i++) {
                writer.Write(steps[i]);
                expAvg[i].Save(writer);
                expAvgSq[i].Save(writer);
                writer.Write(maxExpAvgSq[i] is not null);
                maxExpAvgSq[i]?.Save(writer);
            }
        }

        internal void Read(BinaryReader reader)
        {
            for (var i = 0; i < parameters.Length; i++) {
                steps[i] = reader.ReadInt64();
                using (no_grad()) {
                    expAvg[i].Load(reader);
                    expAvgSq[i].Load(reader);
                    var hasMax = reader.ReadBoolean();
                    if (hasMax != (maxExpAvgSq[i] is not null))
                        throw new ArgumentException("the state and this optimizer disagree on amsgrad");
                    maxExpAvgSq[i]?.Load(reader);
                }
            }
        }

        public void Dispose()
        {
            foreach (var t in expAvg) t.Dispose();
            foreach (var t in expAvgSq) t.Dispose();
            foreach (var t in maxExpAvgSq) t?.Dispose();
        }
    }
}
