using System;
using TorchSharp.Modules;

namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>y = x Wᵀ + b, with W of shape (outputSize, inputSize).</summary>
        public sealed class Linear : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            internal Linear(long inputSize, long outputSize, bool hasBias, torch.Device? device, torch.ScalarType? dtype) : base(nameof(Linear))
            {
                torch.ValidateDevice(device);
                var type = dtype ?? torch.get_default_dtype();
                // PyTorch's reset_parameters: kaiming_uniform_(weight, a=√5), then bias ~ U(-1/√fan_in, 1/√fan_in).
                var w = torch.empty(outputSize, inputSize, type);
                Init.KaimingUniform(w, Math.Sqrt(5.0), inputSize);
                weight = new Parameter(w);
                if (hasBias) {
                    var b = torch.empty(outputSize, type);
                    var bound = inputSize > 0 ? 1.0 / Math.Sqrt(inputSize) : 0.0;
                    Init.Uniform(b, -bound, bound);
                    bias = new Parameter(b);
                }
            }

            public override torch.Tensor forward(torch.Tensor tensor) => torch.nn.functional.linear(tensor, weight!, bias);

            public Parameter? bias {
                get => GetRegisteredParameter(nameof(bias));
                set => ConditionallyRegisterParameter(nameof(bias), value);
            }

            public Parameter? weight {
                get => GetRegisteredParameter(nameof(weight));
                set => ConditionallyRegisterParameter(nameof(weight), value);
            }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>A linear layer with PyTorch's default initialization, drawn from the default generator.</summary>
            public static Linear Linear(long inputSize, long outputSize, bool hasBias = true, Device? device = null, ScalarType? dtype = null) =>
                new Linear(inputSize, outputSize, hasBias, device, dtype);
        }
    }
}
