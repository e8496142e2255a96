// models/fashion-mnist-conditional.vae.yaml
/// <summary>A trainer of the model with the model file's settings, or the ones given (e.g. from the command line).</summary>
public FashionMnistConditionalVaeTrainer(FashionMnistConditionalVae model, TrainingSettings? settings = null)
    : base(model, settings ?? Settings, Info, static (parameters, training) => new FusedAdam.Adam(parameters, lr: training.LearningRate))
{
}

/// <summary>A new model, its parameters drawn after seeding with the settings' seed, and its trainer.</summary>
public static FashionMnistConditionalVaeTrainer Create(TrainingSettings? settings = null) =>
    new(Seeded(settings ?? Settings, static () => new FashionMnistConditionalVae()), settings);

/// <summary>Dynamic binarization: x ~ Bernoulli(pixel intensities), drawn afresh each time an image is seen.</summary>
protected override Tensor Batch(Tensor examples, Tensor indices) => BernoulliDraw.Of(examples, indices);

/// <summary>The test examples binarized once, from the seed, so that every evaluation sees the same data.</summary>
protected override VaeData EvaluationData(VaeData data)
{
    using var binarizer = new Generator((ulong)ActiveSettings.Seed);
    return (data with { Examples = BernoulliDraw.Of(data.Examples, binarizer) }).To(Device);
}

// models/fashion-mnist-full.vae.yaml
/// <summary>
/// The loss of a batch, the module's ELBO weighed by β (loss = mean over the batch of [ β · KL - log p(x|z) ]), and
/// its gradient, forward and backward in one native call over the whole network where the native kernels take
/// the batch, else the module's Elbo in TorchSharp's operations and autograd (the same ε, the same result within
/// float32 rounding).
/// </summary>
public override (Tensor Loss, ElboTerms Terms) LossAndGradients(Tensor x, Tensor? y, double beta) =>
    Model.Native.TryLossAndGradients(x, beta) ?? base.LossAndGradients(x, y, beta);

// models/fashion-mnist-gaussian.vae.yaml
/// <summary>
/// The training objective for a batch: ELBO with 1 draw(s), Monte Carlo KL, sticking-the-landing gradient. Returns the loss to minimise and the
/// per-example ELBO terms to report.
/// </summary>
public override (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
{
    var q = Model.Encode(x);
    // ε ~ N(0, I): [batch, LatentSize]
    var eps = randn_like(q.Mean);
    var z = Model.Reparameterize(q, eps);
    var reconstruction = Model.LogLikelihood(x, Model.Decode(z));
    // KL ≈ log q(z|x) - log p(z) at the draws (Monte Carlo); sticking the landing: log q's parameters stopped, z keeps its path
    var kl = Model.LogPosterior(q.Detach(), z) - Model.LogPrior(z);
    // loss = mean over the batch of [ β · KL - log p(x|z) ], the negated ELBO
    var loss = (beta * kl - reconstruction).mean();
    return (loss, new ElboTerms(reconstruction - kl, reconstruction, kl));
}

// models/fashion-mnist-grey.vae.yaml
/// <summary>A trainer of the model with the model file's settings, or the ones given (e.g. from the command line).</summary>
public FashionMnistGreyVaeTrainer(FashionMnistGreyVae model, TrainingSettings? settings = null)
    : base(model, settings ?? Settings, Info, static (parameters, training) => new FusedAdam.AdamW(parameters, lr: training.LearningRate, weight_decay: training.WeightDecay))
{
}

/// <summary>
/// The training objective for a batch: ELBO with 1 draw(s), analytic KL, free bits λ = 0.05. Returns the loss to minimise and the
/// per-example ELBO terms to report.
/// </summary>
public override (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
{
    var q = Model.Encode(x);
    // ε ~ N(0, I): [batch, LatentSize]
    var eps = randn_like(q.Mean);
    var z = Model.Reparameterize(q, eps);
    var reconstruction = Model.LogLikelihood(x, Model.Decode(z));
    var kl = Model.KlToPrior(q);
    // free bits: Σ_i max(λ, KL_i averaged over the batch), λ = 0.05
    var klTerm = Model.KlToPriorPerDimension(q).mean([0]).clamp_min(0.05).sum();
    // loss = -[ mean over the batch of log p(x|z) - β · Σ_i max(λ, KL_i) ]
    var loss = -(reconstruction.mean() - beta * klTerm);
    return (loss, new ElboTerms(reconstruction - kl, reconstruction, kl));
}

// models/fashion-mnist-iwae.vae.yaml
/// <summary>
/// The training objective for a batch: IWAE with k = 5, doubly reparameterized gradient. Returns the loss to minimise and the
/// per-example ELBO terms to report. IWAE has no KL term for β to weigh.
/// </summary>
public override (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
{
    var q = Model.Encode(x);
    // ε_j ~ N(0, I), j = 1..5: [5, batch, LatentSize]
    var eps = randn(5, x.shape[0], FashionMnistIwae.LatentSize, dtype: q.Mean.dtype, device: q.Mean.device);
    var z = Model.Reparameterize(q, eps);
    var reconstruction = Model.LogLikelihood(x, Model.Decode(z));
    // log q's parameters stopped, z keeps its path (sticking the landing)
    var logQ = Model.LogPosterior(q.Detach(), z);
    // log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x)
    var logWeights = reconstruction + Model.LogPrior(z) - logQ;
    // reported: the ELBO terms of the first draw
    var terms = new ElboTerms(logWeights.narrow(0, 0, 1).squeeze(0), reconstruction.narrow(0, 0, 1).squeeze(0), reconstruction.narrow(0, 0, 1).squeeze(0) - logWeights.narrow(0, 0, 1).squeeze(0));
    // w̃_j = softmax_j log w_j, gradients stopped
    var weights = softmax(logWeights.detach(), 0);
    // DReG: the decoder's gradient is Σ_j w̃_j ∇_θ log w_j, the encoder's Σ_j w̃_j² ∇_φ log w_j. Scaling z_j's path to φ
    // by w̃_j (its value unchanged) makes the one surrogate Σ_j w̃_j log w_j give both.
    var scaledZ = z.detach() + weights.unsqueeze(-1) * (z - z.detach());
    var scaledLogWeights = Model.LogLikelihood(x, Model.Decode(scaledZ)) + Model.LogPrior(scaledZ) - Model.LogPosterior(q.Detach(), scaledZ);
    var loss = -(weights * scaledLogWeights).sum(dim: 0).mean();
    return (loss, terms);
}

// models/fashion-mnist-laplace.vae.yaml
/// <summary>A trainer of the model with the model file's settings, or the ones given (e.g. from the command line).</summary>
public FashionMnistLaplaceVaeTrainer(FashionMnistLaplaceVae model, TrainingSettings? settings = null)
    : base(model, settings ?? Settings, Info, static (parameters, training) => torch.optim.SGD(parameters, learningRate: training.LearningRate, momentum: training.Momentum))
{
}

// models/fashion-mnist-vamp.vae.yaml
/// <summary>KL warm-up: β grows linearly from 0 over the first 1000 steps.</summary>
protected override double Beta(int epoch) =>
    // β_t = β · min(1, t / T), t = completed steps, T = 1000
    ActiveSettings.Beta * Math.Min(1.0, StepsTaken / 1000.0);

// good/every-option.vae.yaml
/// <summary>A trainer of the model with the model file's settings, or the ones given (e.g. from the command line).</summary>
public EveryOptionVaeTrainer(EveryOptionVae model, TrainingSettings? settings = null)
    : base(model, settings ?? Settings, Info, static (parameters, training) => torch.optim.SGD(parameters, learningRate: training.LearningRate))
{
}

/// <summary>Static binarization: x ~ Bernoulli(pixel intensities), drawn once from the seed: the same every epoch.</summary>
protected override Tensor TrainingExamples(VaeData data)
{
    using var binarizer = new Generator((ulong)ActiveSettings.Seed);
    return BernoulliDraw.Of(data.Examples, binarizer).to(Device, disposeAfter: true);
}

/// <summary>KL warm-up: β grows linearly from 0 over the first 4 epochs.</summary>
protected override double Beta(int epoch) =>
    // β_t = β · min(1, t / T), t = completed epochs, T = 4
    ActiveSettings.Beta * Math.Min(1.0, (epoch - 1) / 4.0);

// runtime/categorical-conv.vae.yaml
/// <summary>
/// The training objective for a batch: IWAE with k = 3, sticking-the-landing gradient. Returns the loss to minimise and the
/// per-example ELBO terms to report. IWAE has no KL term for β to weigh.
/// </summary>
public override (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
{
    var q = Model.Encode(x);
    // ε_j ~ N(0, I), j = 1..3: [3, batch, LatentSize]
    var eps = randn(3, x.shape[0], CategoricalConvVae.LatentSize, dtype: q.Mean.dtype, device: q.Mean.device);
    var z = Model.Reparameterize(q, eps);
    var reconstruction = Model.LogLikelihood(x, Model.Decode(z));
    // log q's parameters stopped, z keeps its path (sticking the landing)
    var logQ = Model.LogPosterior(q.Detach(), z);
    // log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x)
    var logWeights = reconstruction + Model.LogPrior(z) - logQ;
    // reported: the ELBO terms of the first draw
    var terms = new ElboTerms(logWeights.narrow(0, 0, 1).squeeze(0), reconstruction.narrow(0, 0, 1).squeeze(0), reconstruction.narrow(0, 0, 1).squeeze(0) - logWeights.narrow(0, 0, 1).squeeze(0));
    // IWAE_k = logsumexp_j log w_j - log k
    var loss = -(logWeights.logsumexp(0) - Math.Log(3)).mean();
    return (loss, terms);
}

// runtime/conditional.vae.yaml
/// <summary>
/// The training objective for a batch: ELBO with 2 draw(s), analytic KL, KL warm-up over 20 steps. Returns the loss to minimise and the
/// per-example ELBO terms to report.
/// </summary>
public override (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
{
    // a conditional model needs the classes y of the batch
    ArgumentNullException.ThrowIfNull(y);
    var q = Model.Encode(x, y);
    // ε_j ~ N(0, I), j = 1..2: [2, batch, LatentSize]
    var eps = randn(2, x.shape[0], ConditionalVae.LatentSize, dtype: q.Mean.dtype, device: q.Mean.device);
    var z = Model.Reparameterize(q, eps);
    var reconstruction = Model.LogLikelihood(x, Model.Decode(z, y)).mean([0]);
    var kl = Model.KlToPrior(q);
    // loss = mean over the batch of [ β · KL - log p(x|z) ], the negated ELBO
    var loss = (beta * kl - reconstruction).mean();
    return (loss, new ElboTerms(reconstruction - kl, reconstruction, kl));
}

// runtime/gaussian-mixture.vae.yaml
/// <summary>
/// The training objective for a batch: ELBO with 2 draw(s), Monte Carlo KL, sticking-the-landing gradient. Returns the loss to minimise and the
/// per-example ELBO terms to report.
/// </summary>
public override (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
{
    var q = Model.Encode(x);
    // ε_j ~ N(0, I), j = 1..2: [2, batch, LatentSize]
    var eps = randn(2, x.shape[0], GaussianMixtureVae.LatentSize, dtype: q.Mean.dtype, device: q.Mean.device);
    var z = Model.Reparameterize(q, eps);
    var reconstruction = Model.LogLikelihood(x, Model.Decode(z)).mean([0]);
    // KL ≈ log q(z|x) - log p(z) at the draws (Monte Carlo); sticking the landing: log q's parameters stopped, z keeps its path
    var kl = (Model.LogPosterior(q.Detach(), z) - Model.LogPrior(z)).mean([0]);
    // loss = mean over the batch of [ β · KL - log p(x|z) ], the negated ELBO
    var loss = (beta * kl - reconstruction).mean();
    return (loss, new ElboTerms(reconstruction - kl, reconstruction, kl));
}

// runtime/gaussian-vamp-full.vae.yaml
/// <summary>
/// The training objective for a batch: ELBO with 2 draw(s), Monte Carlo KL, β = 0.5. Returns the loss to minimise and the
/// per-example ELBO terms to report.
/// </summary>
public override (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
{
    var q = Model.Encode(x);
    // ε_j ~ N(0, I), j = 1..2: [2, batch, LatentSize]
    var eps = randn(2, x.shape[0], GaussianVampFullVae.LatentSize, dtype: q.Mean.dtype, device: q.Mean.device);
    var z = Model.Reparameterize(q, eps);
    var reconstruction = Model.LogLikelihood(x, Model.Decode(z)).mean([0]);
    // KL ≈ log q(z|x) - log p(z) at the draws (Monte Carlo)
    var kl = (Model.LogPosteriorOfDraw(q, eps) - Model.LogPrior(z)).mean([0]);
    // loss = mean over the batch of [ β · KL - log p(x|z) ], the negated ELBO
    var loss = (beta * kl - reconstruction).mean();
    return (loss, new ElboTerms(reconstruction - kl, reconstruction, kl));
}

// runtime/laplace-predicted.vae.yaml
/// <summary>
/// The training objective for a batch: IWAE with k = 3. Returns the loss to minimise and the
/// per-example ELBO terms to report. IWAE has no KL term for β to weigh.
/// </summary>
public override (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
{
    var q = Model.Encode(x);
    // ε_j ~ N(0, I), j = 1..3: [3, batch, LatentSize]
    var eps = randn(3, x.shape[0], LaplacePredictedVae.LatentSize, dtype: q.Mean.dtype, device: q.Mean.device);
    var z = Model.Reparameterize(q, eps);
    var reconstruction = Model.LogLikelihood(x, Model.Decode(z));
    var logQ = Model.LogPosteriorOfDraw(q, eps);
    // log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x)
    var logWeights = reconstruction + Model.LogPrior(z) - logQ;
    // reported: the ELBO terms of the first draw
    var terms = new ElboTerms(logWeights.narrow(0, 0, 1).squeeze(0), reconstruction.narrow(0, 0, 1).squeeze(0), reconstruction.narrow(0, 0, 1).squeeze(0) - logWeights.narrow(0, 0, 1).squeeze(0));
    // IWAE_k = logsumexp_j log w_j - log k
    var loss = -(logWeights.logsumexp(0) - Math.Log(3)).mean();
    return (loss, terms);
}
