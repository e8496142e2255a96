using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            /// <summary>The same elements in the given shape (one size may be -1); a view when possible.</summary>
            public unsafe Tensor reshape(params long[] shape)
            {
                fixed (long* p = shape) return Wrap(NativeMethods.THSTensor_reshape(Handle, p, shape.Length));
            }

            /// <summary>A view with the given shape; the strides must allow it.</summary>
            public unsafe Tensor view(params long[] shape)
            {
                fixed (long* p = shape) return Wrap(NativeMethods.THSTensor_view(Handle, p, shape.Length));
            }

            public unsafe Tensor expand(ReadOnlySpan<long> sizes, bool isImplicit = false)
            {
                fixed (long* p = sizes) return Wrap(NativeMethods.THSTensor_expand(Handle, p, sizes.Length, isImplicit ? 1 : 0));
            }

            public Tensor expand(long[] sizes, bool isImplicit = false) => expand((ReadOnlySpan<long>)sizes, isImplicit);

            public Tensor expand(params long[] sizes) => expand((ReadOnlySpan<long>)sizes, false);

            public Tensor unsqueeze(long dim) => Wrap(NativeMethods.THSTensor_unsqueeze(Handle, dim));

            /// <summary>Removes dimensions of size 1: all of them, or only dim.</summary>
            public Tensor squeeze(long? dim = null) =>
                Wrap(NativeMethods.THSTensor_squeeze(Handle, dim.HasValue ? 1 : 0, dim.GetValueOrDefault()));

            public Tensor flatten(long start_dim = 0, long end_dim = -1) => Wrap(NativeMethods.THSTensor_flatten(Handle, start_dim, end_dim));

            /// <summary>A view of length elements of dim starting at start.</summary>
            public Tensor narrow(long dim, long start, long length) => Wrap(NativeMethods.THSTensor_narrow(Handle, dim, start, length));

            /// <summary>A view of dim from start (inclusive) to finish (exclusive) every step elements.</summary>
            public Tensor slice(long dim, long start, long finish, long step) =>
                Wrap(NativeMethods.THSTensor_slice(Handle, dim, start, finish, step));

            public Tensor index_select(long dim, Tensor index) =>
                Wrap(NativeMethods.THSTensor_index_select(Handle, dim, index.Handle), index);

            public Tensor gather(long dim, Tensor index) => Wrap(NativeMethods.THSTensor_gather(Handle, dim, index.Handle), index);

            /// <summary>Transposes a matrix (a tensor of at most two dimensions).</summary>
            public Tensor t() => Wrap(NativeMethods.THSTensor_unary(Handle, UnaryOp.T));

            public Tensor transpose(long dim0, long dim1) => Wrap(NativeMethods.THSTensor_transpose(Handle, dim0, dim1));

            public Tensor tril(long diagonal = 0) => Wrap(NativeMethods.THSTensor_tril(Handle, diagonal));

            public Tensor triu(long diagonal = 0) => Wrap(NativeMethods.THSTensor_triu(Handle, diagonal));

            public Tensor diagonal(long offset = 0, long dim1 = 0, long dim2 = 0) =>
                Wrap(NativeMethods.THSTensor_diagonal(Handle, offset, dim1, dim2));

            public Tensor diag_embed(long offset = 0, long dim1 = -2, long dim2 = -1) =>
                Wrap(NativeMethods.THSTensor_diag_embed(Handle, offset, dim1, dim2));
        }
    }
}
