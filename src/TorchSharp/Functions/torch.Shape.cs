using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>Concatenates tensors along an existing dimension.</summary>
        public static unsafe Tensor cat(IList<Tensor> tensors, long dim = 0)
        {
            var handles = Tensor.Handles(tensors);
            IntPtr result;
            fixed (IntPtr* p = handles) result = NativeMethods.THSTensor_cat(p, handles.Length, dim);
            GC.KeepAlive(tensors);
            return Tensor.FromNative(result);
        }

        /// <summary>Joins tensors of equal shape along a new dimension.</summary>
        public static unsafe Tensor stack(IEnumerable<Tensor> tensors, long dim = 0)
        {
            var list = tensors as IList<Tensor> ?? tensors.ToList();
            var handles = Tensor.Handles(list);
            IntPtr result;
            fixed (IntPtr* p = handles) result = NativeMethods.THSTensor_stack(p, handles.Length, dim);
            GC.KeepAlive(list);
            return Tensor.FromNative(result);
        }

        /// <summary>
        /// Views of the tensors expanded to one common shape by the broadcasting rules: shapes are aligned at their
        /// last dimension, and each dimension is the one size all tensors share there or 1 (missing dimensions are 1).
        /// </summary>
        public static IList<Tensor> broadcast_tensors(params Tensor[] tensors)
        {
            var rank = tensors.Length == 0 ? 0 : tensors.Max(t => t.shape.Length);
            var shape = new long[rank];
            shape.AsSpan().Fill(1);
            foreach (var tensor in tensors) {
                var own = tensor.shape;
                for (var i = 0; i < own.Length; i++) {
                    var d = rank - own.Length + i;
                    if (own[i] == shape[d] || own[i] == 1) continue;
                    if (shape[d] != 1) {
                        throw new ArgumentException(
                            $"shape mismatch: objects cannot be broadcast to a single shape: [{string.Join(", ", own)}] against [{string.Join(", ", shape)}]",
                            nameof(tensors));
                    }
                    shape[d] = own[i];
                }
            }
            return tensors.Select(t => t.expand(shape)).ToList();
        }

        /// <summary>Picks x where condition holds and y elsewhere (broadcasting).</summary>
        public static Tensor where(Tensor condition, Tensor x, Tensor y) =>
            condition.Wrap(NativeMethods.THSTensor_where(condition.Handle, x.Handle, y.Handle), x, y);

        /// <summary>The indices of the true elements, one index tensor per dimension.</summary>
        public static unsafe Tensor[] where(Tensor condition)
        {
            var capacity = (int)Math.Max(condition.dim(), 1);
            var outputs = new IntPtr[capacity];
            int count;
            fixed (IntPtr* p = outputs) count = NativeMethods.THSTensor_where_indices(condition.Handle, p, capacity);
            GC.KeepAlive(condition);
            if (count < 0) {
                CheckForErrors();
                throw new System.Runtime.InteropServices.ExternalException("where failed.");
            }
            var result = new Tensor[count];
            for (var i = 0; i < count; i++) result[i] = new Tensor(outputs[i]);
            return result;
        }

        /// <summary>Picks, along dim, the elements of input at index (which has input's rank).</summary>
        public static Tensor gather(Tensor input, long dim, Tensor index) => input.gather(dim, index);

        public static Tensor reshape(Tensor input, params long[] shape) => input.reshape(shape);

        public static Tensor permute(Tensor input, params long[] permutation) => input.permute(permutation);

        public static Tensor transpose(Tensor input, long dim0, long dim1) => input.transpose(dim0, dim1);

        public static Tensor squeeze(Tensor input, long? dim = null) => input.squeeze(dim);

        public static Tensor unsqueeze(Tensor input, long dim) => input.unsqueeze(dim);

        public static Tensor flatten(Tensor input, long start_dim = 0, long end_dim = -1) => input.flatten(start_dim, end_dim);

        public static Tensor unflatten(Tensor input, long dim, params long[] sizes) => input.unflatten(dim, sizes);

        public static Tensor narrow(Tensor input, long dim, long start, long length) => input.narrow(dim, start, length);

        public static Tensor diagonal(Tensor input, long offset = 0, long dim1 = 0, long dim2 = 0) => input.diagonal(offset, dim1, dim2);

        public static Tensor[] chunk(Tensor input, long chunks, long dim = 0) => input.chunk(chunks, dim);

        public static Tensor[] split(Tensor tensor, long[] split_size_or_sections, long dim = 0) => tensor.split(split_size_or_sections, dim);

        public static Tensor tril(Tensor input, long diagonal = 0) => input.tril(diagonal);

        public static Tensor triu(Tensor input, long diagonal = 0) => input.triu(diagonal);

        public static Tensor diag_embed(Tensor input, long offset = 0, long dim1 = -2, long dim2 = -1) => input.diag_embed(offset, dim1, dim2);
    }
}
