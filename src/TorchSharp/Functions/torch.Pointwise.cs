namespace TorchSharp
{
    public static partial class torch
    {
        public static Tensor abs(Tensor input) => input.abs();

        public static Tensor atanh(Tensor input) => input.atanh();

        public static Tensor exp(Tensor input) => input.exp();

        public static Tensor expm1(Tensor input) => input.expm1();

        public static Tensor log(Tensor input) => input.log();

        public static Tensor log1p(Tensor input) => input.log1p();

        public static Tensor sqrt(Tensor input) => input.sqrt();

        public static Tensor square(Tensor input) => input.square();

        public static Tensor sigmoid(Tensor input) => input.sigmoid();

        public static Tensor tanh(Tensor input) => input.tanh();

        public static Tensor sign(Tensor input) => input.sign();

        /// <summary>Rounds to the given number of decimals, halves to even.</summary>
        public static Tensor round(Tensor input, long decimals = 0) => input.round(decimals);

        public static Tensor isfinite(Tensor tensor) => tensor.isfinite();

        public static Tensor clamp(Tensor input, Scalar? min = null, Scalar? max = null) => input.clamp(min, max);

        public static Tensor clamp(Tensor input, Tensor? min = null, Tensor? max = null) => input.clamp(min, max);

        public static Tensor clamp_min(Tensor input, Scalar min) => input.clamp_min(min);

        public static Tensor clamp_max(Tensor input, Scalar max) => input.clamp_max(max);

        public static Tensor maximum(Tensor input, Tensor other) => input.maximum(other);

        public static Tensor minimum(Tensor input, Tensor other) => input.minimum(other);

        public static Tensor eq(Tensor left, Tensor right) => left.eq(right);

        public static Tensor ne(Tensor left, Tensor right) => left.ne(right);

        public static Tensor lt(Tensor left, Tensor right) => left.lt(right);

        public static Tensor le(Tensor left, Tensor right) => left.le(right);

        public static Tensor gt(Tensor left, Tensor right) => left.gt(right);

        public static Tensor ge(Tensor left, Tensor right) => left.ge(right);

        public static Tensor logical_not(Tensor input) => input.logical_not();

        public static Tensor logical_and(Tensor left, Tensor right) => left.logical_and(right);

        public static Tensor logical_or(Tensor left, Tensor right) => left.logical_or(right);

        public static Tensor logical_xor(Tensor left, Tensor right) => left.logical_xor(right);

        /// <summary>exp(x) / Σ exp(x) along dim (computed in dtype, if given).</summary>
        public static Tensor softmax(Tensor input, int dim, ScalarType? dtype = null) => input.softmax(dim, dtype);
    }
}
