namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>Element types, numbered as c10::ScalarType.</summary>
        public enum ScalarType : sbyte
        {
            Byte = 0,
            Int8 = 1,
            Int16 = 2,
            Int32 = 3,
            Int64 = 4,
            Float16 = 5,
            Float32 = 6,
            Float64 = 7,
            ComplexFloat32 = 9,
            ComplexFloat64 = 10,
            Bool = 11,
            BFloat16 = 15,
        }

        public static ScalarType uint8 = ScalarType.Byte;
        public static ScalarType int8 = ScalarType.Int8;
        public static ScalarType int16 = ScalarType.Int16;
        public static ScalarType int32 = ScalarType.Int32;
        public static ScalarType int64 = ScalarType.Int64;
        public static ScalarType float16 = ScalarType.Float16;
        public static ScalarType bfloat16 = ScalarType.BFloat16;
        public static ScalarType float32 = ScalarType.Float32;
        public static ScalarType float64 = ScalarType.Float64;
        public static ScalarType complex64 = ScalarType.ComplexFloat32;
        public static ScalarType complex128 = ScalarType.ComplexFloat64;
        public static ScalarType half = ScalarType.Float16;
        public static ScalarType @bool = ScalarType.Bool;
        public static ScalarType @short = ScalarType.Int16;
        public static ScalarType @int = ScalarType.Int32;
        public static ScalarType @long = ScalarType.Int64;
        public static ScalarType @float = ScalarType.Float32;
        public static ScalarType @double = ScalarType.Float64;

        private static ScalarType defaultDType = ScalarType.Float32;

        /// <summary>The floating-point type factories use when none is given.</summary>
        public static ScalarType get_default_dtype() => defaultDType;

        public static void set_default_dtype(ScalarType dtype)
        {
            if (dtype != ScalarType.Float32 && dtype != ScalarType.Float64)
                throw new System.ArgumentException($"Only Float32 and Float64 can be the default type, not {dtype}.", nameof(dtype));
            defaultDType = dtype;
        }

        public static bool is_floating_point(ScalarType type) =>
            type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

        public static bool is_integral(ScalarType type) =>
            type is ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64 or ScalarType.Bool;

        /// <summary>The optional dtype argument of the native API: -1 stands for none.</summary>
        internal static sbyte NativeDType(ScalarType? dtype) => dtype.HasValue ? (sbyte)dtype.Value : (sbyte)-1;
    }
}
