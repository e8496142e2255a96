using System;

namespace TorchSharp
{
    /// <summary>
    /// A number passed to tensor operations. Unlike TorchSharp's, this one is a plain managed value:
    /// it crosses to native code by value, so Dispose has nothing to release.
    /// </summary>
    public sealed class Scalar : IDisposable
    {
        internal const int FloatingKind = 0;
        internal const int IntegralKind = 1;
        internal const int BooleanKind = 2;

        internal readonly double Double;
        internal readonly long Long;
        internal readonly int Kind;

        private Scalar(double value)
        {
            Double = value;
            Long = (long)value;
            Kind = FloatingKind;
        }

        private Scalar(long value, int kind)
        {
            Double = value;
            Long = value;
            Kind = kind;
        }

        public static implicit operator Scalar(byte value) => new Scalar(value, IntegralKind);

        public static implicit operator Scalar(sbyte value) => new Scalar(value, IntegralKind);

        public static implicit operator Scalar(short value) => new Scalar(value, IntegralKind);

        public static implicit operator Scalar(int value) => new Scalar(value, IntegralKind);

        public static implicit operator Scalar(long value) => new Scalar(value, IntegralKind);

        public static implicit operator Scalar(float value) => new Scalar(value);

        public static implicit operator Scalar(double value) => new Scalar(value);

        public static implicit operator Scalar(bool value) => new Scalar(value ? 1 : 0, BooleanKind);

        /// <summary>The element type libtorch gives this scalar: Float64, Int64 or Bool.</summary>
        public torch.ScalarType Type => Kind switch {
            IntegralKind => torch.ScalarType.Int64,
            BooleanKind => torch.ScalarType.Bool,
            _ => torch.ScalarType.Float64,
        };

        public void Dispose()
        {
        }

        public override string ToString() => Kind switch {
            IntegralKind => Long.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BooleanKind => Long != 0 ? "True" : "False",
            _ => Double.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
