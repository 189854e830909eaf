#pragma once
// The callable of a timed event (sim/timers.hpp). The simulator's events capture `this` and a few
// ids (a request slot and its reuse count, a pod and its generation): up to 24 bytes, trivially
// copyable. Those are kept inline and moved as bytes, called through one function pointer; others
// (a captured std::function, a copy of an arrival) live on the heap behind a pointer kept inline.
// A std::function cost a manager call on every move and on destruction: four per event, which
// made the queue's bookkeeping a fifth of a one-Service run.
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace knsim::sim {

class TimedAction {
 public:
  TimedAction() = default;

  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, TimedAction>>>
  explicit TimedAction(F f) {
    using Fn = std::decay_t<F>;
    if constexpr (sizeof(Fn) <= kInline && alignof(Fn) <= alignof(std::max_align_t) &&
                  std::is_trivially_copyable_v<Fn> && std::is_trivially_destructible_v<Fn>) {
      ::new (static_cast<void*>(buf_)) Fn(std::move(f));
      ops_ = &kInlineOps<Fn>;
    } else {
      Fn* p = new Fn(std::move(f));
      std::memcpy(buf_, &p, sizeof p);
      ops_ = &kHeapOps<Fn>;
    }
  }

  // Moving copies the bytes (an inline callable is trivially copyable; a heap one is its pointer)
  // and leaves the source empty.
  TimedAction(TimedAction&& o) noexcept : ops_(o.ops_) {
    std::memcpy(buf_, o.buf_, kInline);
    o.ops_ = nullptr;
  }
  TimedAction& operator=(TimedAction&& o) noexcept {
    if (this != &o) {
      reset();
      std::memcpy(buf_, o.buf_, kInline);
      ops_ = o.ops_;
      o.ops_ = nullptr;
    }
    return *this;
  }
  TimedAction(const TimedAction&) = delete;
  TimedAction& operator=(const TimedAction&) = delete;
  ~TimedAction() { reset(); }

  explicit operator bool() const { return ops_ != nullptr; }
  void operator()() { ops_->call(buf_); }
  // Empty again; a heap callable is destroyed.
  void reset() {
    if (ops_ && ops_->destroy) ops_->destroy(buf_);
    ops_ = nullptr;
  }

 private:
  static constexpr std::size_t kInline = 24;
  struct Ops {
    void (*call)(void* buf);
    void (*destroy)(void* buf);  // null: nothing to destroy
  };
  template <class Fn>
  static Fn* heap_of(void* buf) {
    Fn* p = nullptr;
    std::memcpy(&p, buf, sizeof p);
    return p;
  }
  template <class Fn>
  static constexpr Ops kInlineOps{[](void* b) { (*std::launder(static_cast<Fn*>(b)))(); }, nullptr};
  template <class Fn>
  static constexpr Ops kHeapOps{[](void* b) { (*heap_of<Fn>(b))(); }, [](void* b) { delete heap_of<Fn>(b); }};

  alignas(std::max_align_t) unsigned char buf_[kInline];
  const Ops* ops_ = nullptr;
};

}  // namespace knsim::sim
