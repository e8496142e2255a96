using System.Collections.Generic;
using static TorchSharp.torch.optim;

namespace TorchSharp.Modules
{
    /// <summary>Hyper-parameters shared by all optimizers.</summary>
    public class OptimizerOptions
    {
        public double? LearningRate { get; set; }

        public double InitialLearningRate { get; set; }
    }

    /// <summary>A group of parameters optimized with the same options.</summary>
    public class ParamGroup : ILearningRateController
    {
        public IEnumerable<Parameter> Parameters { get; set; } = new List<Parameter>();

        public OptimizerOptions Options { get; set; } = new OptimizerOptions();

        public double LearningRate {
            get => Options.LearningRate ?? 0;
            set => Options.LearningRate = value;
        }

        public double InitialLearningRate {
            get => Options.InitialLearningRate;
            set => Options.InitialLearningRate = value;
        }
    }

    /// <summary>A parameter group with the options type of a particular optimizer.</summary>
    public class ParamGroup<TOptions> : ParamGroup where TOptions : OptimizerOptions
    {
        public ParamGroup()
        {
        }

        public ParamGroup(IEnumerable<Parameter> parameters, TOptions? options = null)
        {
            Parameters = parameters;
            if (options is not null) base.Options = options;
        }

        public new TOptions Options {
            get => (TOptions)base.Options;
            set => base.Options = value;
        }
    }
}
