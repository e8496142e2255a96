using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Dsl.Kernels;

/// <summary>
/// Vae.Dsl's own native library, libvae_dsl_kernels.so (the C files of Kernels/native/, docs/kernels.md): whether
/// it is loaded, which tensors its passes take, and its entry points. It is built for Linux x64; elsewhere, or where
/// it was built without gcc, <see cref="IsLoaded"/> is false and every kernel's caller uses TorchSharp's operations.
/// </summary>
public static unsafe partial class NativeKernels
{
    private const string Library = "vae_dsl_kernels";

    /// <summary>The interface version this assembly calls; a library that reports another one is not used.</summary>
    private const int InterfaceVersion = 12;

    /// <summary>True when the library is loaded and speaks this assembly's interface: the fused passes run.</summary>
    public static bool IsLoaded => Load.Outcome is null;

    /// <summary>What happened when the library was looked for: "loaded", or why it is not used.</summary>
    public static string Status => Load.Outcome ?? "loaded";

    /// <summary>
    /// True for a tensor a pass can read and write as one float32 buffer: on the CPU, float32, dense and contiguous,
    /// and small enough for a span (below 2 GiB).
    /// </summary>
    internal static bool Takes(Tensor tensor) =>
        tensor.device_type == DeviceType.CPU && tensor.dtype == ScalarType.Float32 && !tensor.is_sparse &&
        tensor.is_contiguous() && tensor.numel() <= int.MaxValue / sizeof(float);

    /// <summary>The address of the first element of a tensor that <see cref="Takes"/> accepts.</summary>
    internal static float* Address(Tensor tensor) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));

    /// <summary>The address of the first element of a CPU int64 contiguous tensor.</summary>
    internal static long* IndexAddress(Tensor indices) => (long*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(indices.bytes));

    [LibraryImport(Library, EntryPoint = "vae_dsl_kernels_version")]
    private static partial int Version();

    /// <summary>
    /// The threads a pass started on the calling thread runs on: the size of libtorch's OpenMP pool there (which
    /// torch.set_num_threads sets), or 1 where libtorch's libgomp was not found.
    /// </summary>
    public static int PoolThreads => IsLoaded ? ThreadsOfPool() : 1;

    [LibraryImport(Library, EntryPoint = "vae_dsl_pool_threads")]
    private static partial int ThreadsOfPool();

    /// <summary>
    /// Makes the MKL inside libtorch_cpu choose its code paths by the processor's features, whoever made it, by putting
    /// this library's answer to MKL's <c>mkl_serv_intel_cpu_true</c> in the process's global scope (mkl_dispatch.c):
    /// true where it took, false where the library is not loaded or the dynamic linker found another answer first.
    /// Call it before anything reaches MKL: once libtorch_cpu has made that call, its binding to MKL's own answer stays.
    /// </summary>
    public static bool TryMklDispatchByFeatures() => IsLoaded && MklDispatchByFeatures() == 1;

    [LibraryImport(Library, EntryPoint = "vae_dsl_mkl_dispatch_by_features")]
    private static partial int MklDispatchByFeatures();

    /// <summary>
    /// log p(x|η) = Σ_j [x_j η_j − softplus(η_j)] per row, row r reading data row r mod <paramref name="dataRows"/>; and
    /// sigmoid(η) into <paramref name="sigmoid"/> unless it is null.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_bernoulli_log_likelihood")]
    internal static partial void BernoulliLogLikelihood(float* logits, float* x, float* logP, float* sigmoid, long rows, long dataRows, long features);

    /// <summary>∂/∂η_j = (x_j − sigmoid(η_j)) · the gradient of row r's log p, from the forward pass's sigmoid(η).</summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_bernoulli_log_likelihood_backward")]
    internal static partial void BernoulliLogLikelihoodBackward(float* sigmoid, float* x, float* gradLogP, float* gradLogits, long rows, long dataRows, long features);

    /// <summary>
    /// log p(x|η) per row for η = h Wᵀ + b (<paramref name="bias"/> may be null), η never stored, in a
    /// <paramref name="workspace"/> of <see cref="LinearBernoulliLogLikelihoodWorkspace"/> floats (any alignment). Returns
    /// 1, or 0 without touching anything where the processor lacks AVX2 or FMA.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_linear_bernoulli_log_likelihood")]
    internal static partial int LinearBernoulliLogLikelihood(float* h, float* weight, float* bias, float* x, float* logP, float* workspace,
        long rows, long inputs, long features, long dataRows);

    /// <summary>
    /// <see cref="LinearBernoulliLogLikelihood"/> on the path given (<see cref="LinearBernoulliAvx2"/> or
    /// <see cref="LinearBernoulliAvx512"/>), for the tests that compare the two, with row r reading data row
    /// (r / repeats) mod dataRows: 1, or 0 where the processor lacks the path.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_linear_bernoulli_log_likelihood_on")]
    internal static partial int LinearBernoulliLogLikelihoodOn(int path, float* h, float* weight, float* bias, float* x, float* logP,
        float* workspace, long rows, long inputs, long features, long dataRows, long repeats);

    /// <summary>The AVX2 and FMA path of <see cref="LinearBernoulliLogLikelihoodOn"/>: 6 x 16 tiles.</summary>
    internal const int LinearBernoulliAvx2 = 1;

    /// <summary>The AVX-512 path of <see cref="LinearBernoulliLogLikelihoodOn"/>: 12 x 32 tiles, the same result to the bit.</summary>
    internal const int LinearBernoulliAvx512 = 2;

    /// <summary>The floats of workspace <see cref="LinearBernoulliLogLikelihood"/> needs (on either path).</summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_linear_bernoulli_log_likelihood_workspace")]
    internal static partial long LinearBernoulliLogLikelihoodWorkspace(long rows, long inputs, long features);

    /// <summary>
    /// The path <see cref="LinearBernoulliLogLikelihood"/> runs on this processor: <see cref="LinearBernoulliAvx512"/>,
    /// <see cref="LinearBernoulliAvx2"/>, or 0 where it lacks AVX2 or FMA.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_linear_bernoulli_log_likelihood_available")]
    internal static partial int LinearBernoulliLogLikelihoodAvailable();

    /// <summary>
    /// One Adam step of <paramref name="count"/> parameters, each over its weight, gradient and both moments, in one
    /// parallel region on libtorch's pool.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_adam_step")]
    internal static partial void AdamStep(AdamParameter* parameters, int count);

    /// <summary>
    /// x ~ Bernoulli(p) from the 64-bit <paramref name="key"/>, element e from Philox4x32-10 of the key and e, on
    /// libtorch's pool, for p the rows <paramref name="rows"/> (<paramref name="rowCount"/> of them) of a table of
    /// <paramref name="tableRows"/> rows of <paramref name="rowLength"/> floats, in that order, or the whole table where
    /// <paramref name="rows"/> is null. Returns 1, or 0 without touching anything where a row number is outside the table.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_bernoulli_draw")]
    internal static partial int BernoulliDraw(float* table, long tableRows, long* rows, long rowCount, long rowLength, float* draws, ulong key);

    /// <summary>
    /// <see cref="BernoulliDraw"/> on the path given (<see cref="DrawScalar"/>, <see cref="DrawAvx2"/> or
    /// <see cref="DrawAvx512"/>), for the tests that compare them: 1, or 0 where the processor lacks it.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_bernoulli_draw_on")]
    internal static partial int BernoulliDrawOn(int path, float* table, long tableRows, long* rows, long rowCount, long rowLength, float* draws, ulong key);

    /// <summary>The path of <see cref="BernoulliDrawOn"/> that draws one block of four elements at a time.</summary>
    internal const int DrawScalar = 0;

    /// <summary>The AVX2 path of <see cref="BernoulliDrawOn"/>: four blocks at a time, the same draws.</summary>
    internal const int DrawAvx2 = 1;

    /// <summary>The AVX-512 path of <see cref="BernoulliDrawOn"/>: eight blocks at a time, the same draws.</summary>
    internal const int DrawAvx512 = 2;

    /// <summary>Philox4x32-10 of one 128-bit counter and 64-bit key, as the draws use it: four 32-bit words.</summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_philox4x32_10")]
    internal static partial void Philox4x32(uint[] counter, uint[] key, [Out] uint[] result);

    /// <summary>
    /// Whether every element of <paramref name="tensors"/> is finite, in one native read-only pass over all of them;
    /// false where the pass does not take them all (the library not loaded, a tensor not CPU float32 contiguous), and
    /// the caller checks otherwise.
    /// </summary>
    internal static bool TryAllFinite(IReadOnlyList<Tensor> tensors, out bool allFinite)
    {
        allFinite = false;
        if (!IsLoaded || !tensors.All(Takes))
        {
            return false;
        }

        var buffers = stackalloc float*[tensors.Count];
        var lengths = stackalloc long[tensors.Count];
        for (var i = 0; i < tensors.Count; i++)
        {
            buffers[i] = Address(tensors[i]);
            lengths[i] = tensors[i].numel();
        }

        allFinite = AllFinite(buffers, lengths, tensors.Count) != 0;
        return true;
    }

    [LibraryImport(Library, EntryPoint = "vae_dsl_all_finite")]
    private static partial int AllFinite(float** buffers, long* lengths, int count);

    /// <summary>1 where libtorch_cpu exports MKL's sgemm, which the MLP VAE's passes run their products on, else 0.</summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_mlp_vae_available")]
    internal static partial int MlpVaeAvailable();

    /// <summary>The floats of workspace the MLP VAE's two passes need for <paramref name="rows"/> examples, or -1 for a model they do not take.</summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_mlp_vae_workspace")]
    internal static partial long MlpVaeWorkspace(MlpVae* model, long rows);

    /// <summary>
    /// The MLP VAE's loss for x [rows, features] and ε [rows, latent], (1/B) Σ_b [β KL_b − log p(x_b|z_b)], its terms per
    /// example, and every parameter's gradient of the loss into its layer's gradient buffers, forward and backward in
    /// one call. Returns 1, or 0 without touching anything where it cannot run.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_mlp_vae_elbo_gradients")]
    internal static partial int MlpVaeElboGradients(MlpVae* model, float* x, float* eps, long rows, float beta, float* workspace,
        float* reconstruction, float* kl, float* elbo, float* loss);

    /// <summary>The floats of workspace the MLP VAE's IWAE needs for <paramref name="batch"/> examples and <paramref name="samples"/> draws each, or -1 for a model it does not take.</summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_mlp_vae_iwae_workspace")]
    internal static partial long MlpVaeIwaeWorkspace(MlpVae* model, long batch, long samples);

    /// <summary>
    /// IWAE_k of each example of x [batch, features] with the draws ε [samples, batch, latent], into iwae [batch], forward
    /// only in one call. Returns 1, or 0 without touching anything where it cannot run.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "vae_dsl_mlp_vae_iwae")]
    internal static partial int MlpVaeIwae(MlpVae* model, float* x, float* eps, long batch, long samples, float* workspace, float* iwae);

    /// <summary>One Linear layer's weight, bias, their gradients' buffers and its sizes, laid out as the C struct <c>mlp_vae_linear</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MlpVaeLinear
    {
        public float* Weight;
        public float* Bias;
        public float* WeightGradient;
        public float* BiasGradient;
        public long Inputs;
        public long Outputs;
    }

    /// <summary>The network's layers and its shape, laid out as the C struct <c>mlp_vae</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MlpVae
    {
        public MlpVaeLinear* Layers;
        public int EncoderLayers;
        public int DecoderLayers;
        public float MinScale;
        public int FullCovariance;
    }

    /// <summary>One parameter's buffers, their length and its step's scalars, laid out as the C struct <c>adam_parameter</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct AdamParameter
    {
        public float* Weight;
        public float* Gradient;
        public float* FirstMoment;
        public float* SecondMoment;
        public long Count;
        public AdamScalars Scalars;
    }

    /// <summary>The scalars of one Adam step, laid out as the C struct <c>adam_scalars</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct AdamScalars
    {
        public float WeightScale;
        public float GradientDecay;
        public float Beta1;
        public float OneMinusBeta1;
        public float Beta2;
        public float OneMinusBeta2;
        public float SqrtBiasCorrection2;
        public float Eps;
        public float NegativeStepSize;
    }

    /// <summary>Looks for the library once: null when it is loaded and of this interface, else the reason it is not used.</summary>
    private static class Load
    {
        public static string? Outcome { get; } = Find();

        private static string? Find()
        {
            if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            {
                return $"not built for {RuntimeInformation.RuntimeIdentifier}";
            }

            try
            {
                var version = Version();
                return version == InterfaceVersion ? null : $"lib{Library}.so has interface version {version}, this Vae.Dsl calls version {InterfaceVersion}";
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                return $"lib{Library}.so not loaded: {e.Message.Split('\n')[0]}";
            }
        }
    }
}
