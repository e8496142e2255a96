// Gradients that zero_grad releases instead of filling with zeros (released_grads.h).
#include "released_grads.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace {

using WeakImpl = c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>;

// The parameters whose gradient zero_grad released, by their TensorImpl. The weak reference tells a live entry from
// one whose parameter has died (and whose address a new tensor may have taken since).
std::mutex registry_mutex;
std::unordered_map<const c10::TensorImpl*, WeakImpl> released;
// The table's size at which entries of parameters that died are next swept out
size_t sweep_at = 64;

bool is_entry_of(const WeakImpl& entry, const at::Tensor& p) {
  auto alive = entry.lock();
  return alive.get() == p.unsafeGetTensorImpl();
}

void remember(const at::Tensor& p) {
  std::lock_guard<std::mutex> lock(registry_mutex);
  released.insert_or_assign(p.unsafeGetTensorImpl(), WeakImpl(p.getIntrusivePtr()));
  // A parameter's entry is replaced each step, so only those of parameters that died pile up: they are swept out when
  // the table has doubled since the last sweep, which keeps it within twice the live parameters at a constant cost a
  // call (sweeping at every call would cost a pass over all parameters for each one)
  if (released.size() < sweep_at) return;
  for (auto it = released.begin(); it != released.end();) {
    it = it->second.expired() ? released.erase(it) : std::next(it);
  }
  sweep_at = std::max<size_t>(64, 2 * released.size());
}

// Whether zero_grad released p's gradient; the entry is removed either way.
bool forget(const at::Tensor& p) {
  std::lock_guard<std::mutex> lock(registry_mutex);
  auto it = released.find(p.unsafeGetTensorImpl());
  if (it == released.end()) return false;
  bool was_released = is_entry_of(it->second, p);
  released.erase(it);
  return was_released;
}

}  // namespace

void zero_grad(at::Tensor& p) {
  at::Tensor& grad = p.mutable_grad();
  if (!grad.defined()) return;
  // Released only where nothing else can see it: no other reference to the gradient or to its memory
  if (grad.use_count() == 1 && grad.storage().use_count() == 1) {
    grad.reset();
    remember(p);
    return;
  }
  at::NoGradGuard no_grad;
  grad.zero_();
}

const at::Tensor& current_grad(at::Tensor& p) {
  at::Tensor& grad = p.mutable_grad();
  if (!grad.defined() && forget(p)) {
    at::NoGradGuard no_grad;
    grad = at::zeros_like(p, at::MemoryFormat::Preserve);
  }
  return grad;
}
