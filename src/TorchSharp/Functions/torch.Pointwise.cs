namespace TorchSharp
{
    public static partial class torch
    {
        public static Tensor abs(Tensor input) => input.abs();

        public static Tensor exp(Tensor input) => input.exp();

        public static Tensor log(Tensor input) => input.log();

        public static Tensor log1p(Tensor input) => input.log1p();

        public static Tensor sqrt(Tensor input) => input.sqrt();

        public static Tensor square(Tensor input) => input.square();

        public static Tensor sigmoid(Tensor input) => input.sigmoid();

        public static Tensor tanh(Tensor input) => input.tanh();

        public static Tensor isfinite(Tensor input) => input.isfinite();

        public static Tensor clamp(Tensor input, Scalar? min = null, Scalar? max = null) => input.clamp(min, max);

        public static Tensor clamp(Tensor input, Tensor? min = null, Tensor? max = null) => input.clamp(min, max);
    }
}
