using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            /// <summary>The matrix product with broadcasting of batch dimensions.</summary>
            public Tensor matmul(Tensor target) => Wrap(NativeMethods.THSTensor_product(Handle, target.Handle, ProductOp.Matmul), target);

            /// <summary>The product of two matrices.</summary>
            public Tensor mm(Tensor target) => Wrap(NativeMethods.THSTensor_product(Handle, target.Handle, ProductOp.Mm), target);

            /// <summary>The batched product of two 3-D tensors.</summary>
            public Tensor bmm(Tensor batch2) => Wrap(NativeMethods.THSTensor_product(Handle, batch2.Handle, ProductOp.Bmm), batch2);
        }
    }
}
