using System;
using System.Collections.Generic;
using TorchSharp.Modules;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class optim
        {
            /// <summary>Base class of the optimizers.</summary>
            public abstract partial class Optimizer : IDisposable
            {
                private protected Optimizer()
                {
                }

                ~Optimizer() => Dispose(false);

                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing)
                {
                }

                /// <summary>Zeroes the gradients of the optimized parameters.</summary>
                public virtual void zero_grad()
                {
                }

                /// <summary>Performs one optimization step; returns the closure's loss, if a closure was given.</summary>
                /// <param name="closure">Re-evaluates the model and returns the loss; run with gradients enabled.</param>
                public virtual Tensor? step(Func<Tensor>? closure = null) => null;

                /// <summary>The parameters being optimized.</summary>
                public virtual IEnumerable<Parameter> parameters() => Array.Empty<Parameter>();

                /// <summary>Adds a group of parameters with its own options.</summary>
                public virtual void add_param_group(Modules.ParamGroup param_group) =>
                    throw new NotImplementedException("add_param_group");

                /// <summary>The parameter groups, through which schedulers read and set learning rates.</summary>
                public virtual IEnumerable<ILearningRateController> ParamGroups => Array.Empty<ILearningRateController>();
            }

            /// <summary>Read and set by learning-rate schedulers.</summary>
            public interface ILearningRateController
            {
                double LearningRate { set; get; }

                double InitialLearningRate { set; get; }
            }

            /// <summary>Optimizers with momentum.</summary>
            public interface IMomentum
            {
                double Momentum { get; set; }
            }

            /// <summary>Optimizers with Adam's two betas.</summary>
            public interface IBetas
            {
                (double, double) Betas { get; set; }
            }
        }
    }
}
