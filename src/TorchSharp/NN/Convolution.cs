using System;
using TorchSharp.Modules;

namespace TorchSharp
{
    /// <summary>How a convolution pads its input.</summary>
    public enum PaddingModes
    {
        Zeros = 0,
        Reflect = 1,
        Replicate = 2,
        Circular = 3,
        Constant = 4,
    }

    namespace Modules
    {
        /// <summary>
        /// 2-D convolution over (N, C_in, H, W) inputs with a weight of shape (C_out, C_in / groups, kH, kW) and a bias
        /// of shape (C_out), initialized as PyTorch's Conv2d.
        /// </summary>
        public sealed class Conv2d : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            private readonly long[] stride;
            private readonly long[] padding;
            private readonly long[] dilation;
            private readonly long groups;

            internal Conv2d(long inputChannel, long outputChannel, (long, long) kernelSize, (long, long) stride, (long, long) padding,
                (long, long) dilation, PaddingModes paddingMode, long groups, bool bias, torch.Device? device, torch.ScalarType? dtype)
                : base(nameof(Conv2d))
            {
                ConvolutionInit.Validate(inputChannel, outputChannel, groups, paddingMode);
                this.stride = new[] { stride.Item1, stride.Item2 };
                this.padding = new[] { padding.Item1, padding.Item2 };
                this.dilation = new[] { dilation.Item1, dilation.Item2 };
                this.groups = groups;
                var (w, b) = ConvolutionInit.Create(new[] { outputChannel, inputChannel / groups, kernelSize.Item1, kernelSize.Item2 }, outputChannel, bias, device, dtype);
                weight = w;
                this.bias = b;
            }

            public override torch.Tensor forward(torch.Tensor tensor) =>
                torch.nn.functional.conv2d(tensor, weight!, bias, stride, padding, dilation, groups);

            public Parameter? bias {
                get => GetRegisteredParameter(nameof(bias));
                set => ConditionallyRegisterParameter(nameof(bias), value);
            }

            public Parameter? weight {
                get => GetRegisteredParameter(nameof(weight));
                set => ConditionallyRegisterParameter(nameof(weight), value);
            }
        }

        /// <summary>
        /// 2-D transposed convolution over (N, C_in, H, W) inputs with a weight of shape (C_in, C_out / groups, kH, kW)
        /// and a bias of shape (C_out), initialized as PyTorch's ConvTranspose2d.
        /// </summary>
        public sealed class ConvTranspose2d : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            private readonly long[] stride;
            private readonly long[] padding;
            private readonly long[] outputPadding;
            private readonly long[] dilation;
            private readonly long groups;

            internal ConvTranspose2d(long inputChannel, long outputChannel, (long, long) kernelSize, (long, long) stride, (long, long) padding,
                (long, long) outputPadding, (long, long) dilation, PaddingModes paddingMode, long groups, bool bias, torch.Device? device, torch.ScalarType? dtype)
                : base(nameof(ConvTranspose2d))
            {
                ConvolutionInit.Validate(inputChannel, outputChannel, groups, paddingMode);
                this.stride = new[] { stride.Item1, stride.Item2 };
                this.padding = new[] { padding.Item1, padding.Item2 };
                this.outputPadding = new[] { outputPadding.Item1, outputPadding.Item2 };
                this.dilation = new[] { dilation.Item1, dilation.Item2 };
                this.groups = groups;
                var (w, b) = ConvolutionInit.Create(new[] { inputChannel, outputChannel / groups, kernelSize.Item1, kernelSize.Item2 }, outputChannel, bias, device, dtype);
                weight = w;
                this.bias = b;
            }

            public override torch.Tensor forward(torch.Tensor tensor) =>
                torch.nn.functional.conv_transpose2d(tensor, weight!, bias, stride, padding, outputPadding, dilation, groups);

            public Parameter? bias {
                get => GetRegisteredParameter(nameof(bias));
                set => ConditionallyRegisterParameter(nameof(bias), value);
            }

            public Parameter? weight {
                get => GetRegisteredParameter(nameof(weight));
                set => ConditionallyRegisterParameter(nameof(weight), value);
            }
        }

        /// <summary>Checks and initial parameters shared by the convolution modules.</summary>
        internal static class ConvolutionInit
        {
            internal static void Validate(long inputChannel, long outputChannel, long groups, PaddingModes paddingMode)
            {
                if (groups <= 0) throw new ArgumentException("groups must be a positive integer", nameof(groups));
                if (inputChannel % groups != 0) throw new ArgumentException("in_channels must be divisible by groups", nameof(inputChannel));
                if (outputChannel % groups != 0) throw new ArgumentException("out_channels must be divisible by groups", nameof(outputChannel));
                if (paddingMode != PaddingModes.Zeros)
                    throw new NotSupportedException($"Padding mode {paddingMode} is not supported by this TorchSharp binding; only Zeros is.");
            }

            /// <summary>
            /// PyTorch's _ConvNd.reset_parameters: kaiming_uniform_(weight, a=√5), then bias ~ U(-1/√fan_in, 1/√fan_in),
            /// where fan_in = weight.size(1) · kH · kW, drawn in that order from the default generator.
            /// </summary>
            internal static (Parameter weight, Parameter? bias) Create(long[] weightShape, long outputChannel, bool hasBias, torch.Device? device, torch.ScalarType? dtype)
            {
                torch.ValidateDevice(device);
                var type = dtype ?? torch.get_default_dtype();
                var fanIn = weightShape[1] * weightShape[2] * weightShape[3];
                var w = torch.empty(weightShape, type);
                Init.KaimingUniform(w, Math.Sqrt(5.0), fanIn);
                var weight = new Parameter(w);
                Parameter? bias = null;
                if (hasBias) {
                    var b = torch.empty(outputChannel, type);
                    var bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0.0;
                    Init.Uniform(b, -bound, bound);
                    bias = new Parameter(b);
                }
                return (weight, bias);
            }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>
            /// A 2-D convolution with a square kernel and the same stride, padding and dilation in both dimensions,
            /// initialized from the default generator as PyTorch does. Only PaddingModes.Zeros is supported.
            /// </summary>
            public static Conv2d Conv2d(long inputChannel, long outputChannel, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, PaddingModes paddingMode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new Conv2d(inputChannel, outputChannel, (kernelSize, kernelSize), (stride, stride), (padding, padding), (dilation, dilation), paddingMode, groups, bias, device, dtype);

            /// <summary>A 2-D convolution with (height, width) kernel size, stride (default 1), padding (default 0) and dilation (default 1).</summary>
            public static Conv2d Conv2d(long inputChannel, long outputChannel, (long, long) kernelSize, (long, long)? stride = null, (long, long)? padding = null, (long, long)? dilation = null, PaddingModes paddingMode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new Conv2d(inputChannel, outputChannel, kernelSize, stride ?? (1, 1), padding ?? (0, 0), dilation ?? (1, 1), paddingMode, groups, bias, device, dtype);

            /// <summary>
            /// A 2-D transposed convolution with a square kernel; outputPadding adds rows and columns on one side of the
            /// output. Initialized from the default generator as PyTorch does. Only PaddingModes.Zeros is supported.
            /// </summary>
            public static ConvTranspose2d ConvTranspose2d(long inputChannel, long outputChannel, long kernelSize, long stride = 1, long padding = 0, long outputPadding = 0, long dilation = 1, PaddingModes paddingMode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
                new ConvTranspose2d(inputChannel, outputChannel, (kernelSize, kernelSize), (stride, stride), (padding, padding), (outputPadding, outputPadding), (dilation, dilation), paddingMode, groups, bias, device, dtype);
        }
    }
}
