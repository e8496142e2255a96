using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public static Tensor matmul(Tensor input, Tensor target) => input.matmul(target);

        public static Tensor mm(Tensor input, Tensor target) => input.mm(target);

        public static Tensor bmm(Tensor input, Tensor batch2) => input.bmm(batch2);

        public static class linalg
        {
            /// <summary>The lower Cholesky factor L of a symmetric positive-definite matrix A = L Lᵀ (batched).</summary>
            public static Tensor cholesky(Tensor input) => input.Wrap(NativeMethods.THSLinalg_cholesky(input.Handle));

            public static Tensor inv(Tensor input) => input.Wrap(NativeMethods.THSLinalg_inv(input.Handle));

            /// <summary>The solution X of input X = other (left) or X input = other (not left).</summary>
            public static Tensor solve(Tensor input, Tensor other, bool left = true) =>
                input.Wrap(NativeMethods.THSLinalg_solve(input.Handle, other.Handle, left ? 1 : 0), other);
        }
    }
}
