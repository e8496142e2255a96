#!/usr/bin/env python3
"""Reference values for every density and closed-form KL that the generated Vae.Dsl code computes.

What it produces
    One JSON file per family next to this script (likelihood.*.json, posterior.*.json, prior.*.json,
    kl.*.json).  Every value comes from PyTorch's torch.distributions evaluated in float64, using exactly
    the parameterisations of spec/language.md ("Parameterisations") and docs/math.md, so the C# tests can
    check the generated methods to 1e-10 relative error without Python.

    File format:
      { "kind": "likelihood|posterior|prior|kl", "family": "<word>",
        "generator": "make_reference_values.py, PyTorch <version>",
        "notes": [...],                      # free text; continuous-bernoulli also has "regions"
        "cases": [ { "name": ..., "options": {...},
                     "inputs":   { "<name>": {"shape": [...], "data": [flat row-major floats]}, ... },
                     "expected": {"shape": [...], "data": [...]},
                     "expected_per_dim": {...},          # diagonal KL files only: [B, d]
                     "source": "torch" | "exact" } ] }   # see below

    Cross-check.  Every case is also computed independently in high precision (Python's decimal at
    80 digits, fractions for the triangular solves of the full-covariance Gaussian) from the same float64
    inputs.  If torch's float64 value differs from that by more than 1e-12 relative
    (and 1e-30 absolute) in any element,
    the case's expected values are the correctly rounded high-precision ones ("source": "exact",
    with "torch_max_rel_error" recording how far torch was off); otherwise they are torch's own values
    ("source": "torch").  The script prints which cases were replaced.

How to run (from the repository root; needs Debian's python3-torch, PyTorch 1.13):
    /usr/bin/python3 tests/Vae.Dsl.Tests/Reference/make_reference_values.py

Deterministic: fixed seeds (one torch.Generator per file, seeded from the file name), float64 throughout
(torch.set_default_dtype(torch.float64)); rerunning rewrites byte-identical files.
"""

import json
import math
import os
import zlib
from decimal import Decimal, getcontext
from fractions import Fraction

import torch
import torch.nn.functional as F
from torch.distributions import (Bernoulli, Categorical, ContinuousBernoulli, Independent, Laplace,
                                 MixtureSameFamily, MultivariateNormal, Normal, kl_divergence)

torch.set_default_dtype(torch.float64)
getcontext().prec = 80

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = f"make_reference_values.py, PyTorch {torch.__version__}"
REL_TOL = 1e-12  # torch's value is kept when within this of the high-precision value, element-wise,
ABS_TOL = 1e-30  # or within this absolutely (KL = 0 cases: tau = exp(log_scale) is irrational, float64 is not)
MIN_SCALE = 1e-3  # the likelihood's default min-scale

COMMON_NOTES = [
    "expected values are torch.distributions float64 values unless the case says \"source\": \"exact\"; "
    "then they are the correctly rounded 80-digit decimal values for the same float64 inputs "
    "(torch's float64 value was more than 1e-12 relative and 1e-30 absolute away from them)",
    "some expected values are (close to) 0; compare with a tolerance such as 1e-10 * max(1, |expected|)",
]


# ----------------------------------------------------------------------------------------------------
# High-precision independent formulas (decimal / fractions).  Inputs are Python floats (exact in Decimal).
# ----------------------------------------------------------------------------------------------------

def D(value):
    return Decimal(float(value))


def _atan_inverse(n):
    """atan(1/n) by its Taylor series, at the context precision plus guard digits."""
    x = Decimal(1) / n
    x2 = x * x
    term, total, k = x, x, 1
    eps = Decimal(10) ** -(getcontext().prec + 5)
    while abs(term) > eps:
        term *= -x2
        k += 2
        total += term / k
    return total


PI = 16 * _atan_inverse(5) - 4 * _atan_inverse(239)  # Machin
HALF_LN_2PI = (2 * PI).ln() / 2
LN2 = Decimal(2).ln()

assert abs(float(PI) - math.pi) == 0.0


def d_softplus(x):
    return x + (1 + (-x).exp()).ln() if x > 0 else (1 + x.exp()).ln()


def d_logsumexp(values):
    m = max(values)
    return m + sum((v - m).exp() for v in values).ln()


def d_tanh(y):
    e = (2 * y).exp()
    return (e - 1) / (e + 1)


def d_log_cb_norm(eta):
    """log C(lambda) with lambda = sigmoid(eta): log|eta| - log|tanh(eta/2)|, and log 2 at eta = 0."""
    if eta == 0:
        return LN2
    return abs(eta).ln() - abs(d_tanh(eta / 2)).ln()


def d_normal(x, m, s):
    return -((x - m) / s) ** 2 / 2 - s.ln() - HALF_LN_2PI


def d_laplace(x, m, b):
    return -abs(x - m) / b - (2 * b).ln()


def d_frac_to_decimal(q):
    return Decimal(q.numerator) / Decimal(q.denominator)


def d_mvn(z, mu, L):
    """log N(z; mu, L L^T), the triangular solve done exactly in rationals."""
    d = len(z)
    r = [Fraction(z[i]) - Fraction(mu[i]) for i in range(d)]
    eps = []
    for i in range(d):
        acc = r[i] - sum((Fraction(L[i][j]) * eps[j] for j in range(i)), Fraction(0))
        eps.append(acc / Fraction(L[i][i]))
    maha = d_frac_to_decimal(sum((e * e for e in eps), Fraction(0)))
    return -maha / 2 - d * HALF_LN_2PI - sum(D(L[i][i]).ln() for i in range(d))


def d_kl_normal(mu, sigma, m, tau):
    """KL(N(mu, sigma^2) || N(m, tau^2)) for one dimension."""
    return tau.ln() - sigma.ln() + (sigma * sigma + (mu - m) ** 2) / (2 * tau * tau) - Decimal("0.5")


def d_kl_full(mu, L, m, tau):
    """KL(N(mu, L L^T) || N(m, diag tau^2))."""
    d = len(mu)
    total = Decimal(0)
    for i in range(d):
        row = sum(D(L[i][j]) ** 2 for j in range(i + 1))
        total += (row + (D(mu[i]) - m[i]) ** 2) / (tau[i] * tau[i])
    return sum(t.ln() for t in tau) - sum(D(L[i][i]).ln() for i in range(d)) + (total - d) / 2


# ----------------------------------------------------------------------------------------------------
# Case assembly
# ----------------------------------------------------------------------------------------------------

class Gen:
    """Deterministic random inputs for one file."""

    def __init__(self, file_name):
        self.g = torch.Generator().manual_seed(zlib.crc32(file_name.encode()))

    def randn(self, *shape, scale=1.0, shift=0.0):
        return torch.randn(*shape, generator=self.g) * scale + shift

    def uniform(self, *shape, low=0.0, high=1.0):
        return torch.rand(*shape, generator=self.g) * (high - low) + low

    def bits(self, *shape):
        return (torch.rand(*shape, generator=self.g) < 0.5).to(torch.float64)

    def pick(self, values, *shape):
        v = torch.tensor(values)
        return v[torch.randint(len(values), shape, generator=self.g)]

    def tril(self, diag, off_scale):
        """Lower-triangular factor with the given positive diagonal [..., d] and N(0, off_scale^2) below."""
        d = diag.shape[-1]
        off = self.randn(*diag.shape, d) * off_scale
        return torch.tril(off, -1) + torch.diag_embed(diag)


def tensor_json(t):
    t = t.detach().to(torch.float64).contiguous()
    data = [float(v) for v in t.reshape(-1).tolist()]
    assert all(math.isfinite(v) for v in data), "non-finite value"
    return {"shape": list(t.shape), "data": data}


def decimal_tensor(values, shape):
    return torch.tensor([float(v) for v in values], dtype=torch.float64).reshape(shape)


def max_rel_error(torch_value, exact_floats_and_decimals):
    worst = 0.0
    for t, e in zip(torch_value.reshape(-1).tolist(), exact_floats_and_decimals):
        err = abs(D(t) - e)
        if err <= ABS_TOL:
            continue
        if e == 0:
            rel = float(err)
        else:
            rel = float(err / abs(e))
        worst = max(worst, rel)
    return worst


class FileBuilder:
    def __init__(self, kind, family, notes=()):
        self.kind, self.family = kind, family
        self.file_name = f"{kind}.{family}.json"
        self.gen = Gen(self.file_name)
        self.notes = list(COMMON_NOTES) + list(notes)
        self.cases = []
        self.regions = {}
        self.replaced = []
        self.kept_error = 0.0  # worst relative disagreement of the torch values that were kept

    def add(self, name, options, inputs, torch_value, exact_values, torch_per_dim=None, exact_per_dim=None,
            region=None):
        assert all(c["name"] != name for c in self.cases), name
        case = {"name": name, "options": options,
                "inputs": {k: tensor_json(v) for k, v in inputs.items()}}
        err = max_rel_error(torch_value, exact_values)
        if torch_per_dim is not None:
            err = max(err, max_rel_error(torch_per_dim, exact_per_dim))
        use_torch = err <= REL_TOL
        expected = torch_value if use_torch else decimal_tensor(exact_values, torch_value.shape)
        case["expected"] = tensor_json(expected)
        if torch_per_dim is not None:
            per_dim = torch_per_dim if use_torch else decimal_tensor(exact_per_dim, torch_per_dim.shape)
            case["expected_per_dim"] = tensor_json(per_dim)
        case["source"] = "torch" if use_torch else "exact"
        if use_torch:
            self.kept_error = max(self.kept_error, err)
        else:
            case["torch_max_rel_error"] = float(f"{err:.3g}")
            self.replaced.append((name, err))
        if region is not None:
            self.regions[name] = region
        self.cases.append(case)

    def document(self):
        doc = {"kind": self.kind, "family": self.family, "generator": GENERATOR, "notes": self.notes}
        if self.regions:
            doc["regions"] = self.regions
        doc["cases"] = self.cases
        return doc


# ----------------------------------------------------------------------------------------------------
# JSON writing: structure indented, each {"shape", "data"} on one line, floats as Python repr.
# ----------------------------------------------------------------------------------------------------

def dumps(obj, indent=0):
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(obj, dict):
        if set(obj) == {"shape", "data"} or all(not isinstance(v, (dict, list)) for v in obj.values()):
            return json.dumps(obj, allow_nan=False)
        items = [f"{inner}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if all(not isinstance(v, (dict, list)) for v in obj):
            return json.dumps(obj, allow_nan=False)
        return "[\n" + ",\n".join(inner + dumps(v, indent + 1) for v in obj) + "\n" + pad + "]"
    return json.dumps(obj, allow_nan=False)


# ----------------------------------------------------------------------------------------------------
# Helpers: evaluate the exact formula per example row, broadcasting the data-dependent input's leading dims
# ----------------------------------------------------------------------------------------------------

def rows(t, width):
    return t.reshape(-1, width).tolist()


def per_row(leading, batch_rows, fn):
    """fn(row_index, batch_index) for every flattened leading index; batch index = row % B."""
    B = len(batch_rows)
    return [fn(r, r % B) for r in range(leading)]


# ----------------------------------------------------------------------------------------------------
# Likelihoods
# ----------------------------------------------------------------------------------------------------

def likelihood_bernoulli():
    fb = FileBuilder("likelihood", "bernoulli", [
        "x in {0,1} [B,F]; decoded = logits eta [B,F] or [S,B,F]; expected = sum over F of "
        "Bernoulli(logits=eta).log_prob(x): [B] or [S,B]",
        "torch's -binary_cross_entropy_with_logits evaluates log(1 + e^-30) as the log of a rounded sum "
        "(1e-3 relative off); where that matters (case 'logits +-30', total -3.7e-13) the value is "
        "x eta - softplus(eta) in decimal"])
    g = fb.gen

    def case(name, x, eta):
        Fdim = x.shape[-1]
        torch_value = Bernoulli(logits=eta).log_prob(x).sum(-1)
        xr, er = rows(x, Fdim), rows(eta, Fdim)
        exact = per_row(len(er), xr, lambda r, b: sum(
            D(xr[b][j]) * D(er[r][j]) - d_softplus(D(er[r][j])) for j in range(Fdim)))
        fb.add(name, {}, {"x": x, "decoded": eta}, torch_value, exact)

    case("ordinary d=3", g.bits(2, 3), g.randn(2, 3, scale=2.0))
    case("ordinary d=1, logits 0", torch.tensor([[0.0], [1.0], [1.0]]), torch.tensor([[0.0], [0.0], [1.5]]))
    case("logits +-30", torch.tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 1.0, 0.0]]),
         torch.tensor([[30.0, -30.0, -30.0, 30.0], [-30.0, 30.0, 30.0, -30.0]]))
    case("logits +-100", torch.tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0], [1.0, 1.0, 0.0, 0.0]]),
         torch.tensor([[100.0, -100.0, -100.0, 100.0], [100.0, -100.0, -100.0, 100.0],
                       [100.0, -100.0, 100.0, -100.0]]))
    case("mixed logits 0, +-30, +-100 d=8", g.bits(4, 8),
         g.pick([0.0, 30.0, -30.0, 100.0, -100.0, 0.7, -2.3], 4, 8))
    case("sample dim S=3 d=5", g.bits(2, 5), g.randn(3, 2, 5, scale=3.0))
    case("sample dim S=2 extremes d=4", g.bits(2, 4), g.pick([0.0, 30.0, -30.0, 100.0, -100.0], 2, 2, 4))
    return fb


def likelihood_continuous_bernoulli():
    fb = FileBuilder("likelihood", "continuous-bernoulli", [
        "x in [0,1] [B,F]; decoded = logits eta [B,F] or [S,B,F]; expected = sum over F of "
        "ContinuousBernoulli(logits=eta).log_prob(x): [B] or [S,B]",
        "torch uses the Taylor form of log C for 0.499 < lambda < 0.501 (|eta| < ~0.004), the exact form "
        "outside; \"regions\" says which region each case exercises",
        "torch's exact form log|log1p(-lambda) - log(lambda)| - log|1 - 2 lambda| loses accuracy for large "
        "|eta| (1 - lambda rounds; 1.7e-5 relative at eta = +-30) and, by cancellation, just outside the Taylor "
        "region (2.9e-11 at +-0.0041); such cases, and the +-1e-6 case whose totals are ~4e-7 (torch's "
        "absolute error 4e-16), are computed with log C = log|eta| - log|tanh(eta/2)| in decimal"])
    g = fb.gen

    def case(name, x, eta, region):
        Fdim = x.shape[-1]
        torch_value = ContinuousBernoulli(logits=eta).log_prob(x).sum(-1)
        xr, er = rows(x, Fdim), rows(eta, Fdim)

        def one(xv, ev):
            e = D(ev)
            return D(xv) * e - d_softplus(e) + d_log_cb_norm(e)

        exact = per_row(len(er), xr, lambda r, b: sum(one(xr[b][j], er[r][j]) for j in range(Fdim)))
        fb.add(name, {}, {"x": x, "decoded": eta}, torch_value, exact, region=region)

    def xs(B, Fdim):
        x = g.uniform(B, Fdim)
        x.view(-1)[0] = 0.0
        x.view(-1)[-1] = 1.0
        return x

    case("logits exactly 0 d=3", xs(2, 3), torch.zeros(2, 3), "lambda = 1/2 exactly: Taylor form, log C = log 2")
    case("logits +-1e-6 d=4", xs(2, 4), torch.tensor([[1e-6, -1e-6, 1e-6, -1e-6], [-1e-6, 1e-6, 1e-6, -1e-6]]),
         "|lambda - 1/2| = 2.5e-7: Taylor form")
    case("logits +-1e-3 d=2", xs(3, 2), torch.tensor([[1e-3, -1e-3], [-1e-3, 1e-3], [1e-3, 1e-3]]),
         "|lambda - 1/2| = 2.5e-4: Taylor form")
    case("logits +-0.0039 d=4", xs(2, 4),
         torch.tensor([[0.0039, -0.0039, 0.0039, -0.0039], [-0.0039, 0.0039, -0.0039, 0.0039]]),
         "|lambda - 1/2| = 9.75e-4, just inside torch's Taylor region (0.499, 0.501)")
    case("logits +-0.0041 d=4", xs(2, 4),
         torch.tensor([[0.0041, -0.0041, 0.0041, -0.0041], [-0.0041, 0.0041, -0.0041, 0.0041]]),
         "|lambda - 1/2| = 1.025e-3, just outside torch's Taylor region: exact form")
    case("logits +-5 d=3", xs(2, 3), torch.tensor([[5.0, -5.0, 5.0], [-5.0, 5.0, -5.0]]),
         "lambda = 0.9933 / 0.0067: exact form")
    case("logits +-30 d=2", xs(3, 2), torch.tensor([[30.0, -30.0], [-30.0, 30.0], [30.0, 30.0]]),
         "lambda = 1 - 9e-14 / 9e-14: exact form, saturated")
    case("mixed regions d=8", xs(4, 8),
         g.pick([0.0, 1e-6, -1e-6, 1e-3, -1e-3, 0.0039, -0.0039, 0.0041, -0.0041, 5.0, -5.0, 30.0, -30.0, 0.8],
                4, 8),
         "all of the above mixed")
    case("ordinary d=6", xs(3, 6), g.randn(3, 6, scale=2.0), "ordinary logits N(0, 4): exact form")
    case("sample dim S=3 d=4", xs(2, 4), g.randn(3, 2, 4, scale=2.0), "ordinary logits N(0, 4) with S = 3")
    case("sample dim S=2 mixed regions d=5", xs(2, 5),
         g.pick([0.0, 1e-6, -0.0039, 0.0041, -5.0, 30.0], 2, 2, 5), "Taylor and exact regions with S = 2")
    return fb


def scale_cases(fb, name_of_density, torch_dist, d_density):
    g = fb.gen

    def softplus_scale_exact(raw):
        return d_softplus(D(raw)) + D(MIN_SCALE)

    def run(name, options, x, decoded, raw_scale=None):
        Fdim = x.shape[-1]
        inputs = {"x": x, "decoded": decoded}
        if options["scale"] == "fixed":
            mean, s = decoded, torch.tensor(options["value"])
            scales_exact = lambda r, j: D(options["value"])
        elif options["scale"] == "learned":
            inputs["raw_scale"] = raw_scale
            mean, s = decoded, F.softplus(raw_scale) + MIN_SCALE
            rs = raw_scale.tolist()
            scales_exact = lambda r, j: softplus_scale_exact(rs[j])
        else:
            mean, raw = decoded[..., :Fdim], decoded[..., Fdim:]
            s = F.softplus(raw) + MIN_SCALE
            rr = rows(raw, Fdim)
            scales_exact = lambda r, j: softplus_scale_exact(rr[r][j])
        torch_value = torch_dist(mean, s).log_prob(x).sum(-1)
        xr, mr = rows(x, Fdim), rows(mean, Fdim)
        exact = per_row(len(mr), xr, lambda r, b: sum(
            d_density(D(xr[b][j]), D(mr[r][j]), scales_exact(r, j)) for j in range(Fdim)))
        fb.add(name, options, inputs, torch_value, exact)

    # softplus raws avoid (20, 37): torch's softplus returns raw itself above 20, 1e-9 short of the truth.
    raws = [-100.0, -30.0, -3.0, -0.5, 0.0, 0.5, 3.0, 12.0, 40.0, 100.0]

    def fixed(value):
        return {"scale": "fixed", "value": value}

    learned = {"scale": "learned", "min_scale": MIN_SCALE}
    predicted = {"scale": "predicted", "min_scale": MIN_SCALE}

    x = g.uniform(2, 4)
    run("fixed s=0.3 d=4", fixed(0.3), x, x + g.randn(2, 4, scale=0.4))
    x = g.uniform(2, 3)
    near = x + g.randn(2, 3, scale=2e-6)
    near[1, 2] = x[1, 2] + 0.25  # one far feature
    run("fixed s=1e-6 d=3", fixed(1e-6), x, near)
    x = g.randn(3, 2, scale=1e5)
    run("fixed s=1e6 d=2", fixed(1e6), x, g.randn(3, 2, scale=1e6))
    x = g.uniform(4, 1)
    run("fixed s=0.3 d=1 sample dim S=2", fixed(0.3), x, g.randn(2, 4, 1))
    x = g.uniform(3, 6)
    run("learned d=6, raw scales -30..40", learned, x, x + g.randn(3, 6, scale=0.05),
        torch.tensor([-30.0, -3.0, 0.0, 0.5, 12.0, 40.0]))
    x = g.uniform(2, 3)
    run("learned d=3 sample dim S=2", learned, x, g.uniform(2, 2, 3), g.randn(3))
    x = g.uniform(2, 8)
    run("learned d=8 raw +-100", learned, x, g.uniform(2, 8),
        torch.tensor([-100.0, 100.0, -0.5, 3.0, 0.0, -3.0, 40.0, -30.0]))
    x = g.uniform(2, 5)
    mean = x + g.randn(2, 5, scale=0.1)
    run("predicted d=5 raw extremes", predicted, x, torch.cat([mean, g.pick(raws, 2, 5)], -1))
    x = g.uniform(2, 4)
    run("predicted d=4 sample dim S=3", predicted, x,
        torch.cat([g.uniform(3, 2, 4), g.randn(3, 2, 4, scale=2.0)], -1))
    x = g.uniform(3, 1)
    run("predicted d=1", predicted, x, torch.cat([g.uniform(3, 1), torch.tensor([[-30.0], [0.0], [100.0]])], -1))


def likelihood_gaussian():
    fb = FileBuilder("likelihood", "gaussian", [
        "x [B,F]; scale fixed/learned: decoded = mean [B,F] or [S,B,F]; predicted: decoded = [mean | raw] "
        "[..,2F] (parameter-major); learned: extra input raw_scale [F]; s = softplus(raw) + min_scale "
        "(torch.nn.functional.softplus, float64); expected = sum over F of Normal(mean, s).log_prob(x)",
        "raw scales avoid (20, 37), where torch's softplus (threshold 20) returns raw, up to 2e-9 below "
        "softplus(raw)"])
    scale_cases(fb, "gaussian", Normal, d_normal)
    return fb


def likelihood_laplace():
    fb = FileBuilder("likelihood", "laplace", [
        "x [B,F]; scale fixed/learned: decoded = mean [B,F] or [S,B,F]; predicted: decoded = [mean | raw] "
        "[..,2F] (parameter-major); learned: extra input raw_scale [F]; b = softplus(raw) + min_scale "
        "(torch.nn.functional.softplus, float64); expected = sum over F of Laplace(mean, b).log_prob(x)",
        "raw scales avoid (20, 37), where torch's softplus (threshold 20) returns raw, up to 2e-9 below "
        "softplus(raw)"])
    scale_cases(fb, "laplace", Laplace, d_laplace)
    return fb


def likelihood_categorical():
    fb = FileBuilder("likelihood", "categorical", [
        "x in [0,1] on the grid c/(K-1) [B,F]; decoded [..,K*F] class-major: decoded.view(..,K,F); "
        "class c = round(x*(K-1)); expected = sum over F of "
        "Categorical(logits=decoded.view(..,K,F).transpose(-1,-2)).log_prob(c)"])
    g = fb.gen

    def case(name, K, x_classes, decoded):
        Fdim = x_classes.shape[-1]
        x = x_classes.to(torch.float64) / (K - 1)
        c = torch.round(x * (K - 1)).to(torch.long)
        assert torch.equal(c, x_classes), "grid value does not round back to its class"
        lead = decoded.shape[:-1]
        logits = decoded.reshape(*lead, K, Fdim).transpose(-1, -2)
        torch_value = Categorical(logits=logits).log_prob(c).sum(-1)
        cr = rows(x_classes, Fdim)
        lr = logits.reshape(-1, Fdim, K).tolist()
        exact = per_row(len(lr), cr, lambda r, b: sum(
            D(lr[r][j][cr[b][j]]) - d_logsumexp([D(v) for v in lr[r][j]]) for j in range(Fdim)))
        fb.add(name, {"classes": K}, {"x": x, "decoded": decoded}, torch_value, exact)

    def classes(K, *shape):
        return torch.randint(K, shape, generator=g.g)

    case("K=2 d=3", 2, classes(2, 2, 3), g.randn(2, 2 * 3, scale=2.0))
    case("K=5 d=4", 5, classes(5, 3, 4), g.randn(3, 5 * 4, scale=2.0))
    c = classes(256, 2, 2)
    c[0, 0], c[1, 1] = 0, 255
    case("K=256 d=2, classes 0 and 255", 256, c, g.randn(2, 256 * 2, scale=3.0))
    case("K=5 d=3 logits +-30", 5, classes(5, 2, 3), g.pick([30.0, -30.0, 0.0, 1.0], 2, 5 * 3))
    case("K=2 d=2 sample dim S=3", 2, classes(2, 2, 2), g.randn(3, 2, 2 * 2, scale=2.0))
    case("K=256 d=1 sample dim S=2 logits +-30", 256, classes(256, 2, 1),
         g.pick([30.0, -30.0, 0.0, 2.5, -7.0], 2, 2, 256))
    case("K=5 d=8", 5, classes(5, 4, 8), g.randn(4, 5 * 8))
    case("K=256 d=3", 256, classes(256, 2, 3), g.randn(2, 256 * 3))
    return fb


# ----------------------------------------------------------------------------------------------------
# Posteriors
# ----------------------------------------------------------------------------------------------------

def posterior_gaussian_diagonal():
    fb = FileBuilder("posterior", "gaussian-diagonal", [
        "inputs mean [B,d], scale [B,d] (sigma > 0), z [B,d] or [S,B,d]; expected = "
        "Independent(Normal(mean, scale), 1).log_prob(z): [B] or [S,B]"])
    g = fb.gen

    def case(name, mean, scale, z):
        d = mean.shape[-1]
        torch_value = Independent(Normal(mean, scale), 1).log_prob(z)
        mr, sr, zr = rows(mean, d), rows(scale, d), rows(z, d)
        exact = per_row(len(zr), mr, lambda r, b: sum(
            d_normal(D(zr[r][i]), D(mr[b][i]), D(sr[b][i])) for i in range(d)))
        fb.add(name, {}, {"mean": mean, "scale": scale, "z": z}, torch_value, exact)

    m, s = g.randn(2, 3), F.softplus(g.randn(2, 3)) + 1e-4
    case("ordinary d=3", m, s, m + s * g.randn(2, 3))
    m, s = g.randn(4, 1), F.softplus(g.randn(4, 1)) + 1e-4
    case("ordinary d=1", m, s, g.randn(4, 1))
    m = g.randn(2, 4)
    s = torch.tensor([[1e-6, 1e-6, 0.5, 1e-6], [1e-6, 2.0, 1e-6, 1e-6]])
    z = m + s * g.randn(2, 4)
    z[1, 3] = m[1, 3] + 1e-3  # 1000 sigma away
    case("tiny scales 1e-6 d=4", m, s, z)
    m, s = g.randn(3, 2, scale=1e5), torch.tensor([[1e6, 1e6], [1e6, 0.3], [3e5, 1e6]])
    case("huge scales 1e6 d=2", m, s, m + s * g.randn(3, 2))
    m, s = g.randn(4, 8, scale=2.0), g.pick([1e-6, 1e-3, 0.1, 1.0, 7.0, 1e3, 1e6], 4, 8)
    case("mixed scales d=8", m, s, m + s * g.randn(4, 8) * 3.0)
    m, s = g.randn(2, 5), F.softplus(g.randn(2, 5)) + 1e-4
    case("sample dim S=3 d=5", m, s, m + s * g.randn(3, 2, 5))
    m, s = g.randn(3, 2), torch.tensor([[1e-6, 1e6], [1e6, 1e-6], [1.0, 1.0]])
    case("sample dim S=2 extreme scales d=2", m, s, m + s * g.randn(2, 3, 2))
    return fb


def full_cases(g):
    """(name, mean [B,d], scale_tril [B,d,d], z-maker) shared by the full-covariance posterior files."""
    out = []
    m = g.randn(2, 3)
    L = g.tril(F.softplus(g.randn(2, 3)) + 1e-4, 0.5)
    out.append(("ordinary d=3", m, L))
    out.append(("d=1", g.randn(3, 1), F.softplus(g.randn(3, 1, 1)) + 1e-4))
    diag = torch.tensor([[1e-2, 1e-2], [0.5, 2.0]])
    L = torch.diag_embed(diag)
    L[0, 1, 0] = 10.0   # 1000x the diagonal
    L[1, 1, 0] = 250.0  # 500x / 125x the diagonal
    out.append(("strongly correlated d=2, off-diagonal 1000x", g.randn(2, 2), L))
    diag = g.uniform(2, 4, low=0.5, high=1.0)
    off = g.uniform(2, 4, 4, low=10.0, high=30.0) * g.pick([1.0, -1.0], 2, 4, 4)
    L = torch.tril(off * diag.unsqueeze(-2), -1) + torch.diag_embed(diag)
    out.append(("strongly correlated d=4, off-diagonal 10-30x", g.randn(2, 4), L))
    out.append(("ordinary d=8", g.randn(4, 8), g.tril(F.softplus(g.randn(4, 8)) + 1e-4, 0.3)))
    diag = torch.tensor([[1e-6, 1.0, 1e6], [1e6, 1e-6, 0.5]])
    L = torch.diag_embed(diag)
    L[0, 1, 0], L[0, 2, 0], L[0, 2, 1] = 5e-6, 3.0, -2.0
    L[1, 1, 0], L[1, 2, 0], L[1, 2, 1] = 5e-6, 2.0, -4e-6  # |L_ij| <= 10 L_ii: float64 solve stays accurate
    out.append(("extreme diagonal 1e-6 / 1e6 d=3", g.randn(2, 3), L))
    out.append(("diagonal factor d=4", g.randn(2, 4), torch.diag_embed(F.softplus(g.randn(2, 4)) + 1e-4)))
    return out


def posterior_gaussian_full():
    fb = FileBuilder("posterior", "gaussian-full", [
        "inputs mean [B,d], scale_tril [B,d,d] (lower triangular, positive diagonal, zeros above), "
        "z [B,d] or [S,B,d]; expected = MultivariateNormal(mean, scale_tril=scale_tril).log_prob(z): [B] or [S,B]",
        "z = mean + L eps with eps ~ N(0, I), except where the case name says otherwise"])
    g = fb.gen

    def case(name, mean, L, z):
        d = mean.shape[-1]
        torch_value = MultivariateNormal(mean, scale_tril=L).log_prob(z)
        mr, zr, Lr = rows(mean, d), rows(z, d), L.reshape(-1, d, d).tolist()
        exact = per_row(len(zr), mr, lambda r, b: d_mvn(zr[r], mr[b], Lr[b]))
        fb.add(name, {}, {"mean": mean, "scale_tril": L, "z": z}, torch_value, exact)

    def draw(mean, L, *lead):
        eps = g.randn(*lead, *mean.shape)
        return mean + (L @ eps.unsqueeze(-1)).squeeze(-1)

    for name, mean, L in full_cases(g):
        case(name, mean, L, draw(mean, L))
    mean, L = full_cases(g)[0][1:]
    case("sample dim S=3 d=3", mean, L, draw(mean, L, 3))
    mean, L = full_cases(g)[2][1:]
    case("strongly correlated d=2 sample dim S=2", mean, L, draw(mean, L, 2))
    mean, L = full_cases(g)[0][1:]
    case("ordinary d=3, z off the draws", mean, L, g.randn(2, 3, scale=3.0))
    return fb


# ----------------------------------------------------------------------------------------------------
# Priors
# ----------------------------------------------------------------------------------------------------

def prior_standard_normal():
    fb = FileBuilder("prior", "standard-normal", [
        "input z [B,d] or [S,B,d]; expected = Independent(Normal(0, 1), 1).log_prob(z): [B] or [S,B]"])
    g = fb.gen

    def case(name, z):
        d = z.shape[-1]
        torch_value = Independent(Normal(torch.zeros(d), torch.ones(d)), 1).log_prob(z)
        exact = [sum(d_normal(D(v), Decimal(0), Decimal(1)) for v in row) for row in rows(z, d)]
        fb.add(name, {}, {"z": z}, torch_value, exact)

    case("ordinary d=3", g.randn(2, 3))
    case("d=1", g.randn(4, 1))
    case("z = 0 d=2", torch.zeros(2, 2))
    case("large |z| d=3", torch.tensor([[1e3, -1e8, 0.5], [-3e4, 1e-10, 40.0]]))
    case("ordinary d=8", g.randn(4, 8, scale=2.0))
    case("sample dim S=3 d=4", g.randn(3, 2, 4))
    case("sample dim S=2 d=1", torch.tensor([[[0.0], [1e4], [-2.0]], [[1e-300], [-7.5], [3.0]]]))
    return fb


def prior_gaussian():
    fb = FileBuilder("prior", "gaussian", [
        "inputs mean [d], log_scale [d] (the learned prior's parameters; tau = exp(log_scale)), z [B,d] or "
        "[S,B,d]; expected = Independent(Normal(mean, exp(log_scale)), 1).log_prob(z): [B] or [S,B]"])
    g = fb.gen

    def case(name, mean, log_scale, z):
        d = mean.shape[-1]
        torch_value = Independent(Normal(mean, log_scale.exp()), 1).log_prob(z)
        m, ls = mean.tolist(), log_scale.tolist()
        exact = [sum(d_normal(D(row[i]), D(m[i]), D(ls[i]).exp()) for i in range(d)) for row in rows(z, d)]
        fb.add(name, {}, {"mean": mean, "log_scale": log_scale, "z": z}, torch_value, exact)

    m, ls = g.randn(3), g.randn(3, scale=0.5)
    case("ordinary d=3", m, ls, m + ls.exp() * g.randn(2, 3))
    case("d=1", torch.tensor([0.7]), torch.tensor([-0.3]), g.randn(4, 1))
    case("mean 0, log_scale 0 (standard normal) d=2", torch.zeros(2), torch.zeros(2), g.randn(3, 2))
    m, ls = g.randn(4), torch.tensor([-10.0, 10.0, -20.0, 5.0])
    case("extreme log_scale -20..10 d=4", m, ls, m + ls.exp() * g.randn(2, 4) * 2.0)
    m, ls = g.randn(8), g.randn(8)
    case("ordinary d=8", m, ls, m + ls.exp() * g.randn(4, 8))
    m, ls = g.randn(5), g.randn(5, scale=0.5)
    case("sample dim S=3 d=5", m, ls, m + ls.exp() * g.randn(3, 2, 5))
    m, ls = torch.tensor([100.0, -1e3]), torch.tensor([-8.0, 4.0])
    case("far z, sample dim S=2 d=2", m, ls, g.randn(2, 3, 2, scale=3.0))
    return fb


def prior_mixture():
    fb = FileBuilder("prior", "mixture", [
        "inputs means [K,d], log_scales [K,d], logits [K], z [B,d] or [S,B,d]; expected = "
        "MixtureSameFamily(Categorical(logits=logits), Independent(Normal(means, exp(log_scales)), 1))"
        ".log_prob(z): [B] or [S,B]"])
    g = fb.gen

    def case(name, means, log_scales, logits, z):
        K, d = means.shape
        mix = MixtureSameFamily(Categorical(logits=logits), Independent(Normal(means, log_scales.exp()), 1))
        torch_value = mix.log_prob(z)
        M, LS, LG = means.tolist(), log_scales.tolist(), [D(v) for v in logits.tolist()]
        log_pi = [v - d_logsumexp(LG) for v in LG]
        exact = [d_logsumexp([log_pi[k] + sum(d_normal(D(row[i]), D(M[k][i]), D(LS[k][i]).exp())
                                              for i in range(d)) for k in range(K)])
                 for row in rows(z, d)]
        fb.add(name, {"components": K},
               {"means": means, "log_scales": log_scales, "logits": logits, "z": z}, torch_value, exact)

    case("K=1 d=2", g.randn(1, 2), g.randn(1, 2, scale=0.3), torch.tensor([0.4]), g.randn(3, 2))
    case("K=3 d=3", g.randn(3, 3, scale=2.0), g.randn(3, 3, scale=0.3), g.randn(3), g.randn(2, 3, scale=2.0))
    means = g.randn(4, 2)
    means[3] = torch.tensor([1e3, -1e3])
    z = g.randn(3, 2)
    z[2] = torch.tensor([999.5, -1000.2])
    case("K=4 d=2 one component far away", means, g.randn(4, 2, scale=0.3), g.randn(4), z)
    case("K=5 d=3 logits +-30", g.randn(5, 3), g.randn(5, 3, scale=0.3),
         torch.tensor([30.0, -30.0, 0.0, 29.0, -30.0]), g.randn(2, 3, scale=2.0))
    case("K=10 d=8", g.randn(10, 8, scale=2.0), g.randn(10, 8, scale=0.5), g.randn(10), g.randn(4, 8, scale=2.0))
    case("K=3 d=2 sample dim S=2", g.randn(3, 2), g.randn(3, 2, scale=0.3), g.randn(3), g.randn(2, 2, 2))
    case("K=6 d=1 extreme log_scales", g.randn(6, 1), torch.tensor([[-10.0], [8.0], [0.0], [-3.0], [2.0], [-20.0]]),
         g.randn(6), torch.tensor([[0.0], [1e4], [-0.5], [3.0]]))
    case("K=2 d=4 sample dim S=3 logits +-30", g.randn(2, 4), g.randn(2, 4, scale=0.3),
         torch.tensor([30.0, -30.0]), g.randn(3, 2, 4))
    return fb


def prior_vamp():
    fb = FileBuilder("prior", "vamp", [
        "the vamp prior evaluated from the posteriors q(z|u_k) of the K pseudo-inputs: expected = "
        "logsumexp_k log q(z|u_k) - log K: [B] or [S,B]",
        "options posterior gaussian-diagonal: inputs component_means [K,d], component_scales [K,d], z; "
        "gaussian-full: component_means [K,d], component_scale_trils [K,d,d] (lower, positive diagonal), z"])
    g = fb.gen

    def diag_case(name, means, scales, z):
        K, d = means.shape
        lq = Independent(Normal(means, scales), 1).log_prob(z.unsqueeze(-2))
        torch_value = torch.logsumexp(lq, -1) - math.log(K)
        M, Sc = means.tolist(), scales.tolist()
        exact = [d_logsumexp([sum(d_normal(D(row[i]), D(M[k][i]), D(Sc[k][i])) for i in range(d))
                              for k in range(K)]) - Decimal(K).ln() for row in rows(z, d)]
        fb.add(name, {"posterior": "gaussian-diagonal", "pseudo_inputs": K},
               {"component_means": means, "component_scales": scales, "z": z}, torch_value, exact)

    def full_case(name, means, trils, z):
        K, d = means.shape
        lq = MultivariateNormal(means, scale_tril=trils).log_prob(z.unsqueeze(-2))
        torch_value = torch.logsumexp(lq, -1) - math.log(K)
        M, T = means.tolist(), trils.tolist()
        exact = [d_logsumexp([d_mvn(row, M[k], T[k]) for k in range(K)]) - Decimal(K).ln() for row in rows(z, d)]
        fb.add(name, {"posterior": "gaussian-full", "pseudo_inputs": K},
               {"component_means": means, "component_scale_trils": trils, "z": z}, torch_value, exact)

    def sp(*shape):
        return F.softplus(g.randn(*shape)) + 1e-4

    diag_case("diagonal K=1 d=2", g.randn(1, 2), sp(1, 2), g.randn(3, 2))
    diag_case("diagonal K=5 d=3", g.randn(5, 3), sp(5, 3), g.randn(2, 3))
    means = g.randn(4, 2)
    means[0] = torch.tensor([500.0, -500.0])
    scales = sp(4, 2)
    scales[1] = torch.tensor([1e-6, 1e-6])
    diag_case("diagonal K=4 d=2 far component, tiny scales", means, scales,
              torch.cat([g.randn(2, 2), means[1:2] + 1e-6 * g.randn(1, 2)]))
    diag_case("diagonal K=10 d=8 sample dim S=2", g.randn(10, 8), sp(10, 8), g.randn(2, 4, 8))
    full_case("full K=1 d=1", g.randn(1, 1), sp(1, 1, 1), g.randn(3, 1))
    full_case("full K=4 d=3", g.randn(4, 3), g.tril(sp(4, 3), 0.5), g.randn(2, 3))
    trils = torch.diag_embed(torch.tensor([[0.01, 0.01], [0.5, 2.0], [1.0, 1.0]]))
    trils[0, 1, 0], trils[1, 1, 0], trils[2, 1, 0] = 10.0, 250.0, 0.3
    means = g.randn(3, 2)
    z = means[0] + (trils[0] @ g.randn(2, 2, 1)).squeeze(-1)
    full_case("full K=3 d=2 strongly correlated (1000x)", means, trils, z)
    full_case("full K=10 d=4 sample dim S=3", g.randn(10, 4), g.tril(sp(10, 4), 0.3), g.randn(3, 2, 4))
    return fb


# ----------------------------------------------------------------------------------------------------
# KL divergences
# ----------------------------------------------------------------------------------------------------

def kl_diagonal(prior):
    learned = prior == "gaussian"
    fb = FileBuilder("kl", f"gaussian-diagonal.{prior}", [
        "inputs mean [B,d], scale [B,d]" + (", prior_mean [d], prior_log_scale [d] (tau = exp(log_scale))"
                                              if learned else "")
        + "; expected = kl_divergence(Independent(Normal(mean, scale), 1), Independent(Normal("
        + ("prior_mean, exp(prior_log_scale)" if learned else "0, 1") + "), 1)): [B]; "
        "expected_per_dim = the element-wise Normal KL [B,d]"])
    g = fb.gen

    def case(name, mean, scale, prior_mean=None, prior_log_scale=None):
        B, d = mean.shape
        pm = prior_mean if learned else torch.zeros(d)
        ps = prior_log_scale.exp() if learned else torch.ones(d)
        torch_value = kl_divergence(Independent(Normal(mean, scale), 1), Independent(Normal(pm, ps), 1))
        torch_per_dim = kl_divergence(Normal(mean, scale), Normal(pm, ps))
        pml = pm.tolist()
        tau = [D(v).exp() for v in prior_log_scale.tolist()] if learned else [Decimal(1)] * d
        per_dim = [[d_kl_normal(D(mu), D(s), D(pml[i]), tau[i]) for i, (mu, s) in enumerate(zip(mr, sr))]
                   for mr, sr in zip(mean.tolist(), scale.tolist())]
        exact = [sum(row) for row in per_dim]
        inputs = {"mean": mean, "scale": scale}
        if learned:
            inputs.update(prior_mean=prior_mean, prior_log_scale=prior_log_scale)
        fb.add(name, {}, inputs, torch_value, exact, torch_per_dim, [v for row in per_dim for v in row])

    def extra(d, scale=0.5):
        return (g.randn(d), g.randn(d, scale=scale)) if learned else ()

    case("ordinary d=3", g.randn(2, 3), F.softplus(g.randn(2, 3)) + 1e-4, *extra(3))
    case("d=1", g.randn(4, 1), F.softplus(g.randn(4, 1)) + 1e-4, *extra(1))
    case("extreme scales 1e-6 / 1e6 d=2", g.randn(3, 2),
         torch.tensor([[1e-6, 1e6], [1e6, 1e-6], [1e-6, 1e-6]]), *extra(2))
    case("large means 1e3 d=3", torch.tensor([[1e3, -1e3, 0.0], [5e2, 1.0, -2e3]]),
         F.softplus(g.randn(2, 3)) + 1e-4, *extra(3))
    case("ordinary d=8", g.randn(4, 8, scale=1.5), F.softplus(g.randn(4, 8)) + 1e-4, *extra(8))
    if learned:
        pm, pls = g.randn(2), torch.tensor([-0.7, 1.3])
        case("posterior equals prior (KL = 0) d=2", pm.expand(3, 2).clone(), pls.exp().expand(3, 2).clone(),
             pm, pls)
        case("extreme prior log_scale -10 / 10 d=4", g.randn(2, 4), F.softplus(g.randn(2, 4)) + 1e-4,
             g.randn(4), torch.tensor([-10.0, 10.0, 0.0, -3.0]))
    else:
        case("posterior equals prior (KL = 0) d=2", torch.zeros(3, 2), torch.ones(3, 2))
        case("posterior near prior d=3 (KL ~1e-8, cancellation)", torch.tensor([[1e-4, -1e-4, 0.0], [0.0, 0.0, 1e-3]]),
             torch.tensor([[1.0 + 1e-4, 1.0, 1.0 - 1e-4], [1.0, 1.0 + 1e-3, 1.0]]))
    return fb


def kl_full(prior):
    learned = prior == "gaussian"
    fb = FileBuilder("kl", f"gaussian-full.{prior}", [
        "inputs mean [B,d], scale_tril [B,d,d] (lower triangular, positive diagonal, zeros above)"
        + (", prior_mean [d], prior_log_scale [d]" if learned else "")
        + "; expected = kl_divergence(MultivariateNormal(mean, scale_tril=scale_tril), MultivariateNormal("
        + ("prior_mean, scale_tril=diag(exp(prior_log_scale))" if learned else "0, scale_tril=I") + ")): [B]"])
    g = fb.gen

    def case(name, mean, L, prior_mean=None, prior_log_scale=None):
        B, d = mean.shape
        pm = prior_mean if learned else torch.zeros(d)
        pls = prior_log_scale if learned else torch.zeros(d)
        torch_value = kl_divergence(MultivariateNormal(mean, scale_tril=L),
                                    MultivariateNormal(pm, scale_tril=torch.diag_embed(pls.exp())))
        m = [D(v) for v in pm.tolist()]
        tau = [D(v).exp() for v in pls.tolist()] if learned else [Decimal(1)] * d
        exact = [d_kl_full(mu, Lb, m, tau) for mu, Lb in zip(mean.tolist(), L.tolist())]
        inputs = {"mean": mean, "scale_tril": L}
        if learned:
            inputs.update(prior_mean=prior_mean, prior_log_scale=prior_log_scale)
        fb.add(name, {}, inputs, torch_value, exact)

    for name, mean, L in full_cases(g):
        d = mean.shape[-1]
        case(name, mean, L, *((g.randn(d), g.randn(d, scale=0.5)) if learned else ()))
    if learned:
        pm, pls = g.randn(3), torch.tensor([-0.7, 1.3, 0.2])
        case("posterior equals prior (KL = 0) d=3", pm.expand(2, 3).clone(),
             torch.diag_embed(pls.exp()).expand(2, 3, 3).clone(), pm, pls)
        mean, L = full_cases(g)[3][1:]
        case("strongly correlated d=4, extreme prior log_scale -10 / 10", mean, L, g.randn(4),
             torch.tensor([-10.0, 10.0, 0.0, 3.0]))
    else:
        case("posterior equals prior (KL = 0) d=3", torch.zeros(2, 3), torch.eye(3).expand(2, 3, 3).clone())
    return fb


# ----------------------------------------------------------------------------------------------------
# Hand-formula sanity checks (independent of both torch.distributions and the decimal code above)
# ----------------------------------------------------------------------------------------------------

def sanity_checks(docs):
    def case(doc_name, case_name):
        return next(c for c in docs[doc_name]["cases"] if c["name"] == case_name)

    c = case("posterior.gaussian-diagonal.json", "ordinary d=3")
    mean, scale, z = (c["inputs"][k]["data"] for k in ("mean", "scale", "z"))
    d = 3
    for b in range(2):
        hand = sum(-0.5 * ((z[b * d + i] - mean[b * d + i]) / scale[b * d + i]) ** 2
                   - 0.5 * math.log(2 * math.pi) - math.log(scale[b * d + i]) for i in range(d))
        assert abs(hand - c["expected"]["data"][b]) <= 1e-13 * abs(hand), (hand, c["expected"]["data"][b])

    c = case("kl.gaussian-diagonal.standard-normal.json", "ordinary d=3")
    mean, scale = c["inputs"]["mean"]["data"], c["inputs"]["scale"]["data"]
    for b in range(2):
        hand = 0.5 * sum(scale[b * d + i] ** 2 + mean[b * d + i] ** 2 - 1 - 2 * math.log(scale[b * d + i])
                         for i in range(d))
        assert abs(hand - c["expected"]["data"][b]) <= 1e-13 * abs(hand), (hand, c["expected"]["data"][b])

    c = case("kl.gaussian-full.standard-normal.json", "ordinary d=3")
    mean, L = c["inputs"]["mean"]["data"], c["inputs"]["scale_tril"]["data"]
    for b in range(2):
        Lb = L[b * 9:(b + 1) * 9]
        hand = 0.5 * (sum(v * v for v in Lb) + sum(v * v for v in mean[b * 3:(b + 1) * 3]) - 3
                      - 2 * sum(math.log(Lb[i * 3 + i]) for i in range(3)))
        assert abs(hand - c["expected"]["data"][b]) <= 1e-13 * abs(hand), (hand, c["expected"]["data"][b])

    c = case("likelihood.continuous-bernoulli.json", "logits exactly 0 d=3")
    assert c["expected"]["data"] == [0.0, 0.0], c["expected"]["data"]  # lambda = 1/2: uniform density


def main():
    builders = [
        likelihood_bernoulli(), likelihood_continuous_bernoulli(), likelihood_gaussian(), likelihood_laplace(),
        likelihood_categorical(), posterior_gaussian_diagonal(), posterior_gaussian_full(),
        prior_standard_normal(), prior_gaussian(), prior_mixture(), prior_vamp(),
        kl_diagonal("standard-normal"), kl_diagonal("gaussian"), kl_full("standard-normal"), kl_full("gaussian"),
    ]
    docs = {}
    for fb in builders:
        assert len(fb.cases) >= 6, fb.file_name
        path = os.path.join(HERE, fb.file_name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(dumps(fb.document()) + "\n")
        with open(path, encoding="utf-8") as f:  # reload: valid JSON, every value finite
            doc = json.load(f)
        for c in doc["cases"]:
            for key in ("expected", "expected_per_dim"):
                if key in c:
                    assert all(math.isfinite(v) for v in c[key]["data"]), (fb.file_name, c["name"])
                    assert math.prod(c[key]["shape"]) == len(c[key]["data"])
            for t in c["inputs"].values():
                assert math.prod(t["shape"]) == len(t["data"])
        docs[fb.file_name] = doc
        exact = ", ".join(f"'{n}' ({e:.1e})" for n, e in fb.replaced)
        print(f"{fb.file_name:44s} {len(doc['cases']):2d} cases, torch vs exact <= {fb.kept_error:.1e}"
              + (f"; exact instead of torch: {exact}" if exact else ""))
    sanity_checks(docs)
    print(f"{len(docs)} files, {sum(len(d['cases']) for d in docs.values())} cases; {GENERATOR}; sanity checks passed")


if __name__ == "__main__":
    main()
