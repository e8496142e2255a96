#!/usr/bin/env python3
"""PyTorch reference for the default model (models/fashion-mnist.vae.yaml) and its full-covariance
variant (models/fashion-mnist-full.vae.yaml).

Same network, posterior, likelihood, prior, objective and protocol as the generated C# code:
784-400-20 ReLU MLP, Gaussian posterior with sigma = softplus(s) + 1e-4, Bernoulli likelihood on
dynamically binarized pixels, standard-normal prior, ELBO with analytic KL, Adam 1e-3, batch 128,
seed 1. The posterior is diagonal, N(mu, diag sigma^2) (--posterior diagonal, the default), or full,
N(mu, L L^T) with L = strictly-lower(L') + diag(sigma) (--posterior full). Prints one JSON object per
line so the benchmark can read it: first the OpenBLAS kernel and threading, torch's threads and the denormal mode, then one per epoch (with the
process's resident memory after it: rss_mib, VmRSS, and peak_rss_mib, VmHWM, from /proc/self/status), then the
test metrics.
With --step it waits for a line on stdin before each epoch and before each evaluation, so the benchmark
can alternate epochs and evaluations with its own (same training, same random numbers: only the waits are new); it
evaluates once per line until stdin closes.

Run with Debian's PyTorch: /usr/bin/python3 bench/reference/pytorch_vae.py --epochs 10
The benchmark runs it on Debian's OpenMP build of OpenBLAS where installed (LD_PRELOAD), with OPENBLAS_CORETYPE
set for the CPU unless the user set it (bench/Vae.Dsl.Bench/ReferenceOpenBlas.cs).
"""
import argparse, ctypes, gzip, json, math, struct, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"


def read_images(name):
    with gzip.open(f"{DATA}/{name}-images-idx3-ubyte.gz", "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 2051, f"bad IDX magic {magic}"
        data = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8)
    return data.view(n, rows * cols).float() / 255.0


def openblas_kernel():
    """The OpenBLAS kernel torch's matrix products run (Debian's libblas.so.3 is OpenBLAS), or n/a for another BLAS."""
    try:
        library = ctypes.CDLL("libopenblas.so.0")
        library.openblas_get_corename.restype = ctypes.c_char_p
        return library.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return "n/a (not OpenBLAS)"


def openblas_threading():
    """How the loaded OpenBLAS runs in parallel (openblas_get_parallel): OpenMP (one pool with torch's intra-op
    threads), pthreads (a pool of its own) or sequential; n/a for another BLAS. The benchmark picks the build by
    preloading it (LD_PRELOAD): Debian's OpenMP build where it is installed."""
    try:
        library = ctypes.CDLL("libopenblas.so.0")
        return {2: "OpenMP", 1: "pthreads"}.get(library.openblas_get_parallel(), "sequential")
    except (OSError, AttributeError):
        return "n/a (not OpenBLAS)"


def set_denormals(mode):
    """flush: float results below 1.18e-38 become 0 (torch.set_flush_denormal, which sets the calling thread's mode),
    and OpenBLAS's worker threads are restarted from this thread so they inherit it (Vae.Dsl sets the mode on every
    thread of its pool); keep: IEEE."""
    if not torch.set_flush_denormal(mode == "flush"):
        return "kept (no flush-to-zero mode on this CPU)"
    try:
        library = ctypes.CDLL("libopenblas.so.0")
        library.blas_thread_shutdown_()
        library.blas_thread_init()
        where = "this thread and OpenBLAS's"
    except (OSError, AttributeError):
        where = "this thread; the BLAS is not OpenBLAS"
    return f"flushed to zero ({where})" if mode == "flush" else f"kept ({where})"


def resident_memory():
    """This process's resident memory now (VmRSS) and its peak so far (VmHWM), in MiB, from /proc/self/status."""
    sizes = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                sizes[name] = int(value.split()[0]) / 1024  # the value is in kB
    return sizes["VmRSS"], sizes["VmHWM"]


def wait_for_turn(step):
    """With --step: blocks until the benchmark writes a line (its own epoch is done); stops when it closes stdin."""
    if step and not sys.stdin.readline():
        sys.exit(0)


class Vae(nn.Module):
    def __init__(self, features=784, hidden=400, latent=20, min_scale=1e-4):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(features, hidden), nn.ReLU())
        self.mean = nn.Linear(hidden, latent)
        self.raw_scale = nn.Linear(hidden, latent)
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, features))
        self.min_scale = min_scale

    def encode(self, x):
        h = self.encoder(x)
        return self.mean(h), F.softplus(self.raw_scale(h)) + self.min_scale

    def elbo(self, x):
        mu, sigma = self.encode(x)
        z = mu + sigma * torch.randn_like(mu)
        logits = self.decoder(z)
        rec = (x * logits - F.softplus(logits)).sum(-1)
        kl = 0.5 * (sigma.square() + mu.square() - 1 - 2 * sigma.log()).sum(-1)
        return rec - kl, rec, kl

    def iwae(self, x, k):
        mu, sigma = self.encode(x)                       # [B, d]
        eps = torch.randn(k, *mu.shape)                  # [k, B, d]
        z = mu + sigma * eps
        logits = self.decoder(z)                         # [k, B, D]
        log_px_z = (x * logits - F.softplus(logits)).sum(-1)
        log_pz = (-0.5 * z.square() - 0.5 * math.log(2 * math.pi)).sum(-1)
        log_qz = (-0.5 * eps.square() - 0.5 * math.log(2 * math.pi) - sigma.log()).sum(-1)
        return torch.logsumexp(log_px_z + log_pz - log_qz, 0) - math.log(k)


class FullCovarianceVae(nn.Module):
    """The default network with q(z|x) = N(mu, L L^T), as the generated FashionMnistFullVae computes it.

    The layers are created in the generated constructor's order (encoder, mean, scale, below-diagonal
    heads, decoder), each with nn.Linear's default initialization, as TorchSharp's nn.Linear has.
    """

    def __init__(self, features=784, hidden=400, latent=20, min_scale=1e-4):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(features, hidden), nn.ReLU())
        self.mean = nn.Linear(hidden, latent)
        self.raw_scale = nn.Linear(hidden, latent)
        self.below_diagonal = nn.Linear(hidden, latent * (latent - 1) // 2)
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, features))
        self.latent = latent
        self.min_scale = min_scale
        # The (row, column) of each L'_ij below the diagonal, row by row: (1, 0), (2, 0), (2, 1), (3, 0), ...
        self.rows, self.columns = torch.tril_indices(latent, latent, offset=-1)

    def encode(self, x):
        h = self.encoder(x)
        mu = self.mean(h)
        # sigma = softplus(s) + min_scale
        sigma = F.softplus(self.raw_scale(h)) + self.min_scale
        # L = strictly-lower(L') + diag(sigma): the entries L' placed below the diagonal, zeros elsewhere
        strictly_lower = mu.new_zeros(mu.shape[0], self.latent, self.latent)
        strictly_lower[:, self.rows, self.columns] = self.below_diagonal(h)
        scale_tril = strictly_lower + torch.diag_embed(sigma)
        return mu, sigma, scale_tril

    @staticmethod
    def reparameterize(mu, scale_tril, eps):
        # z = mu + L eps, for eps of [B, d] or [k, B, d]
        return mu + (scale_tril @ eps.unsqueeze(-1)).squeeze(-1)

    @staticmethod
    def log_posterior_of_draw(sigma, eps):
        # log q(z|x) = sum_i [ -1/2 eps_i^2 - 1/2 log 2 pi ] - sum_i log sigma_i   (log |det L| = sum_i log sigma_i)
        return (-0.5 * eps.square() - 0.5 * math.log(2 * math.pi)).sum(-1) - sigma.log().sum(-1)

    def elbo(self, x):
        mu, sigma, scale_tril = self.encode(x)
        z = self.reparameterize(mu, scale_tril, torch.randn_like(mu))
        logits = self.decoder(z)
        rec = (x * logits - F.softplus(logits)).sum(-1)
        # KL(N(mu, L L^T) || N(0, I)) = 1/2 [ tr(L L^T) + mu^T mu - d - 2 sum_i log sigma_i ],  tr(L L^T) = sum_ij L_ij^2
        kl = 0.5 * (scale_tril.square().sum((-2, -1)) + mu.square().sum(-1) - self.latent - 2 * sigma.log().sum(-1))
        return rec - kl, rec, kl

    def iwae(self, x, k):
        mu, sigma, scale_tril = self.encode(x)           # [B, d], [B, d], [B, d, d]
        eps = torch.randn(k, *mu.shape)                  # [k, B, d]
        z = self.reparameterize(mu, scale_tril, eps)
        logits = self.decoder(z)                         # [k, B, D]
        log_px_z = (x * logits - F.softplus(logits)).sum(-1)
        log_pz = (-0.5 * z.square() - 0.5 * math.log(2 * math.pi)).sum(-1)
        log_qz = self.log_posterior_of_draw(sigma, eps)
        return torch.logsumexp(log_px_z + log_pz - log_qz, 0) - math.log(k)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--k", type=int, default=0, help="IWAE samples for test log p(x); 0 skips it")
    p.add_argument("--k-chunk", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--posterior", choices=["diagonal", "full"], default="diagonal",
                   help="q(z|x): diagonal (models/fashion-mnist.vae.yaml) or full covariance (fashion-mnist-full)")
    p.add_argument("--denormals", choices=["flush", "keep"], default="keep",
                   help="flush denormal floats to zero (torch.set_flush_denormal) or keep them (PyTorch's default)")
    p.add_argument("--threads", type=int, default=0,
                   help="torch.set_num_threads (0: PyTorch's default); with OpenBLAS's OpenMP build it sizes its pool too")
    p.add_argument("--step", action="store_true",
                   help="wait for a line on stdin before each epoch and before the evaluation")
    a = p.parse_args()

    if a.threads:
        torch.set_num_threads(a.threads)
    denormals = set_denormals(a.denormals)
    torch.manual_seed(a.seed)
    train, test = read_images("train"), read_images("t10k")
    model = Vae() if a.posterior == "diagonal" else FullCovarianceVae()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    print(json.dumps({"blas_kernel": openblas_kernel(), "blas_threading": openblas_threading(),
                      "threads": torch.get_num_threads(), "denormals": denormals}), flush=True)
    for epoch in range(1, a.epochs + 1):
        wait_for_turn(a.step)
        start = time.perf_counter()
        order = torch.randperm(train.shape[0])
        total = rec_total = kl_total = 0.0
        for i in range(0, train.shape[0], a.batch_size):
            x = torch.bernoulli(train[order[i:i + a.batch_size]])
            elbo, rec, kl = model.elbo(x)
            loss = -elbo.mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += elbo.sum().item(); rec_total += rec.sum().item(); kl_total += kl.sum().item()
        seconds = time.perf_counter() - start
        rss_mib, peak_rss_mib = resident_memory()
        n = train.shape[0]
        print(json.dumps({"epoch": epoch, "elbo": total / n, "reconstruction": rec_total / n,
                          "kl": kl_total / n, "seconds": seconds,
                          "rss_mib": rss_mib, "peak_rss_mib": peak_rss_mib}), flush=True)

    with torch.no_grad():
        gen = torch.Generator().manual_seed(a.seed)
        test_bin = torch.bernoulli(test, generator=gen)
        # With --step, one evaluation per line the benchmark writes, until it closes stdin: it alternates its own
        # evaluations with these. The draws go on from the generator's state, so each round's log p(x) differs a little.
        while True:
            wait_for_turn(a.step)
            print(json.dumps(evaluate(model, test_bin, a)), flush=True)
            if not a.step:
                break


def evaluate(model, test_bin, a):
    """The test ELBO and, with --k, log p(x) by IWAE_K and the seconds it took."""
    elbo = sum(model.elbo(test_bin[i:i + 1000])[0].sum().item() for i in range(0, 10000, 1000)) / 10000
    result = {"test_elbo": elbo}
    if a.k:
        start = time.perf_counter()
        log_px = 0.0
        # K samples in chunks of at most k_chunk (the last one takes what is left)
        chunk_sizes = [min(a.k_chunk, a.k - start) for start in range(0, a.k, a.k_chunk)]
        for i in range(0, test_bin.shape[0], 100):
            x = test_bin[i:i + 100]
            # logsumexp over a chunk of k samples = IWAE_k + log k
            chunks = [model.iwae(x, k) + math.log(k) for k in chunk_sizes]
            log_px += (torch.logsumexp(torch.stack(chunks), 0) - math.log(a.k)).sum().item()
        result.update(log_px=log_px / test_bin.shape[0], k=a.k, iwae_seconds=time.perf_counter() - start)
    return result

if __name__ == "__main__":
    main()
