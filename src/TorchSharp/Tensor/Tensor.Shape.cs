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

            /// <summary>This tensor expanded (a view, strides 0 where it repeats) to the shape of <paramref name="other"/>.</summary>
            public Tensor expand_as(Tensor other) => expand(other.shape);

            /// <summary>A view with the dimensions reordered: dimension i of the result is dimension permutation[i] of this.</summary>
            public unsafe Tensor permute(params long[] permutation)
            {
                fixed (long* p = permutation) return Wrap(NativeMethods.THSTensor_permute(Handle, p, permutation.Length));
            }

            /// <summary>Expands dimension dim into the given sizes (one may be -1).</summary>
            public unsafe Tensor unflatten(long dim, params long[] sizes)
            {
                fixed (long* p = sizes) return Wrap(NativeMethods.THSTensor_unflatten(Handle, dim, p, sizes.Length));
            }

            /// <summary>Splits into (at most) chunks views of equal size along dim, the last one possibly smaller.</summary>
            public Tensor[] chunk(long chunks, long dim = 0) => Split(SplitOp.Chunk, chunks, Array.Empty<long>(), dim);

            /// <summary>Splits into views of size elements along dim, the last one possibly smaller.</summary>
            public Tensor[] split(long size, int dim = 0) => Split(SplitOp.Split, size, Array.Empty<long>(), dim);

            /// <summary>Splits into views of the given sizes along dim; the sizes must add up to the dimension's size.</summary>
            public Tensor[] split(long[] sizes, long dim = 0) => Split(SplitOp.SplitWithSizes, 0, sizes, dim);

            private unsafe Tensor[] Split(SplitOp op, long sizeOrChunks, long[] sizes, long dim)
            {
                var capacity = Math.Max(sizes.Length, 16);
                while (true) {
                    var outputs = new IntPtr[capacity];
                    int count;
                    fixed (long* s = sizes)
                    fixed (IntPtr* o = outputs)
                        count = NativeMethods.THSTensor_split(Handle, op, sizeOrChunks, s, sizes.Length, dim, o, capacity);
                    GC.KeepAlive(this);
                    if (count < 0) {
                        CheckForErrors();
                        throw new System.Runtime.InteropServices.ExternalException("split failed.");
                    }
                    if (count > capacity) {
                        capacity = count;
                        continue;
                    }
                    var result = new Tensor[count];
                    for (var i = 0; i < count; i++) result[i] = new Tensor(outputs[i]);
                    return result;
                }
            }

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
