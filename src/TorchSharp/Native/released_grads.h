// Gradients that zero_grad releases instead of filling with zeros.
//
// libtorch's backward adds each new gradient into the one a parameter holds (AccumulateGrad: grad += new), and takes
// the new gradient as it is where the parameter holds none. So zero_grad, which TorchSharp defines as filling every
// gradient with zeros, costs a pass over all gradients to fill them and another in backward to add into the zeros.
// Here zero_grad releases a gradient that nothing else references and remembers the parameter; backward then takes
// the next gradient without an add, and a reader that comes first (grad(), an optimizer step, gradient clipping) gets
// zeros, made at that moment: what every caller sees is what filling with zeros gives. A gradient something else
// still references (a tensor a caller kept) is filled with zeros in place, as before, so that reference sees them.
#pragma once

#include <ATen/ATen.h>

// Zeroes p's gradient, if it has one: releases it where only p references it, else fills it with zeros.
void zero_grad(at::Tensor& p);

// p's gradient: the one it holds; zeros (made now, and held from now on) where zero_grad released it and backward has
// not given it a new one since; undefined where it never had one.
const at::Tensor& current_grad(at::Tensor& p);
