// models/fashion-mnist-full.vae.yaml
// The floor of σ = softplus(s) + MinScale.
private const double MinScale = 0.0001;

private readonly Linear meanHead;
private readonly Linear scaleHead;
private readonly Linear belowDiagonalHead;

// For each entry (i, j) of L, row by row, the column of [0, L', σ] it is taken from: 1 + k for the k-th
// below-diagonal output L'_k where j < i; 1 + LatentSize (LatentSize - 1) / 2 + i, σ_i, where j = i; 0, the
// zero, where j > i.
private readonly Tensor scaleTrilPositions;

// in the constructor:
meanHead = nn.Linear(400, LatentSize);
scaleHead = nn.Linear(400, LatentSize);
belowDiagonalHead = nn.Linear(400, 190);
scaleTrilPositions = ScaleTrilPositions();

private static Tensor ScaleTrilPositions()
{
    var positions = new long[LatentSize * LatentSize];
    var next = 1L;
    for (var i = 0; i < LatentSize; i++)
    {
        for (var j = 0; j < i; j++)
        {
            positions[(i * LatentSize) + j] = next++;
        }

        positions[(i * LatentSize) + i] = 1 + (LatentSize * (LatentSize - 1) / 2) + i;
    }

    return tensor(positions);
}

/// <summary>q(z|x) from the encoder's features h (in the caller's dispose scope), h of [batch, 400].</summary>
private CholeskyPosterior PosteriorFrom(Tensor h)
{
    var mean = meanHead.call(h);
    // σ = softplus(s) + min_scale
    var scale = softplus(scaleHead.call(h)) + MinScale;
    // L = strictly-lower(L') + diag(σ): every entry of L gathered from the row [0, L', σ] of its example (one
    // gather, whose gradient is one scatter-add: docs/architecture.md)
    var belowDiagonal = belowDiagonalHead.call(h);
    var entries = cat([zeros(scale.shape[0], 1, dtype: scale.dtype, device: scale.device), belowDiagonal, scale], 1);
    var scaleTril = entries.gather(1, scaleTrilPositions.expand(entries.shape[0], -1)).view(-1, LatentSize, LatentSize);
    return new CholeskyPosterior(mean, scaleTril);
}

/// <summary>A draw from q(z|x) that gradients flow through, for ε ~ N(0, I) of [batch, LatentSize] or [k, batch, LatentSize].</summary>
public Tensor Reparameterize(CholeskyPosterior q, Tensor eps)
{
    using var scope = NewDisposeScope();
    // z = μ + L ε, (L ε)_i = Σ_j L_ij ε_j. One draw per example (ε of [batch, LatentSize]): ε of [batch, 1,
    // LatentSize] times L of [batch, LatentSize, LatentSize], summed over j, elementwise (a batched product of
    // such small matrices is several times slower); k draws (ε of [..., batch, LatentSize]): per example one
    // matrix product of its k draws with Lᵀ, no [..., batch, LatentSize, LatentSize] temporary
    // (docs/architecture.md)
    var z = q.Mean + (eps.dim() == 2 ? (q.ScaleTril * eps.unsqueeze(-2)).sum(-1) : einsum("...bj,bij->...bi", eps, q.ScaleTril));
    return z.MoveToOuterDisposeScope();
}

/// <summary>log q(z|x) per example, for any z of [..., batch, LatentSize].</summary>
public Tensor LogPosterior(CholeskyPosterior q, Tensor z)
{
    using var scope = NewDisposeScope();
    // ε = L⁻¹ (z - μ), the draw that gives z, by solving L ε = z - μ: never an explicit inverse
    // (TorchSharp has no triangular solve, so libtorch's LU solve does it)
    var eps = linalg.solve(q.ScaleTril, (z - q.Mean).unsqueeze(-1)).squeeze(-1);
    return LogPosteriorOfDraw(q, eps).MoveToOuterDisposeScope();
}

/// <summary>log q(z|x) per example at z = Reparameterize(q, ε), from ε of [..., batch, LatentSize] itself.</summary>
public Tensor LogPosteriorOfDraw(CholeskyPosterior q, Tensor eps)
{
    using var scope = NewDisposeScope();
    // log |det L| = Σ_i log σ_i: L is triangular with diagonal σ
    var logDeterminant = q.ScaleTril.diagonal(0, -2, -1).log().sum(-1);
    // log q(z|x) = Σ_i [ -½ ε_i² - ½ log 2π ] - Σ_i log σ_i
    var logQ = (-0.5 * eps.square() - HalfLogTwoPi).sum(-1) - logDeterminant;
    return logQ.MoveToOuterDisposeScope();
}

// runtime/laplace-learned.vae.yaml
/// <summary>q(z|x) from the encoder's features h (in the caller's dispose scope), h of [batch, 32].</summary>
private CholeskyPosterior PosteriorFrom(Tensor h)
{
    var mean = meanHead.call(h);
    // σ = exp(s)
    var scale = scaleHead.call(h).exp();
    // L = strictly-lower(L') + diag(σ): every entry of L gathered from the row [0, L', σ] of its example (one
    // gather, whose gradient is one scatter-add: docs/architecture.md)
    var belowDiagonal = belowDiagonalHead.call(h);
    var entries = cat([zeros(scale.shape[0], 1, dtype: scale.dtype, device: scale.device), belowDiagonal, scale], 1);
    var scaleTril = entries.gather(1, scaleTrilPositions.expand(entries.shape[0], -1)).view(-1, LatentSize, LatentSize);
    return new CholeskyPosterior(mean, scaleTril);
}
