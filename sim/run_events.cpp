#include "sim/run_events.hpp"

#include <algorithm>
#include <cctype>

#include "sim/timers.hpp"

namespace knsim::sim {

ObjectRef object_ref(const std::string& kind, const std::string& ns, const std::string& name) {
  if (kind == "Pod") return {"v1", "Pod", "pods", name, "", 0};
  std::string resource = kind;  // Service -> services, Revision -> revisions
  for (char& c : resource) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return {kind == "Deployment" ? "apps/v1" : "serving.knative.dev/v1", kind, resource + "s", name, ns, 0};
}

reports::ObjectChangeEvent object_change_event(ObjectChangeKind change, const ObjectRef& object, std::string reason) {
  const char* name = change == ObjectChangeKind::kAdd ? "add" : change == ObjectChangeKind::kUpdate ? "update" : "delete";
  return reports::ObjectChangeEvent{object.api_version, object.kind, object.namespace_name, object.name, name, std::move(reason)};
}

std::vector<ObjectRef> RunEvents::alive() const {
  std::vector<ObjectRef> out;
  out.reserve(alive_.size());
  for (const auto& [n, object] : alive_) out.push_back(object);
  return out;
}

void RunEvents::emit(reports::EventData data) {
  const core::Seconds t = timer_clock();
  flush_failures(t, false);
  if (sink_ != nullptr) sink_->on_event(reports::Event{t, std::move(data)});
}

void RunEvents::count_failure(const std::string& revision, std::string_view reason) {
  flush_failures(timer_clock(), false);
  ++failures_in_bucket_[revision + "\t" + std::string(reason)];
}

// Request failures are counted per revision and reason in 1 s buckets of simulated time
// ((k-1, k]); a bucket's request_failures events (time k, interval 1 s) go out after every event
// of time <= k and before any later one, whatever the sample interval: here when an event or a
// failure of a later time comes (inclusive = false), or at a sample at time k (inclusive = true).
void RunEvents::flush_failures(core::Seconds t, bool inclusive) {
  constexpr core::Seconds kEps = 1e-9;
  while (inclusive ? failures_bucket_end_ <= t + kEps : failures_bucket_end_ < t - kEps) {
    if (sink_ != nullptr)
      for (const auto& [key, count] : failures_in_bucket_) {
        const auto tab = key.find('\t');
        sink_->on_event(reports::Event{failures_bucket_end_, reports::RequestFailureSummary{
                                           key.substr(0, tab), key.substr(tab + 1), count, kFailureBucket}});
      }
    failures_in_bucket_.clear();
    failures_bucket_end_ += kFailureBucket;
  }
}

void RunEvents::end_listing() {
  listing_ = false;
  alive_.clear();
  alive_by_key_.clear();
}

void RunEvents::object_changed(ObjectChangeKind change, const ObjectRef& object, const std::string& reason) {
  if (object.kind != "Pod") emit(object_change_event(change, object, reason));
  if (listing_ && (change == ObjectChangeKind::kAdd || change == ObjectChangeKind::kDelete)) {
    const std::string key = object.api_version + '\n' + object.kind + '\n' + object.namespace_name + '\n' + object.name;
    if (change == ObjectChangeKind::kAdd) {
      alive_.emplace(next_alive_, object);
      alive_by_key_[key].push_back(next_alive_++);
    } else if (auto it = alive_by_key_.find(key); it != alive_by_key_.end()) {  // every object of that key
      for (const std::uint64_t n : it->second) alive_.erase(n);
      alive_by_key_.erase(it);
    }
  }
  if (watcher_ != nullptr) watcher_->on_object_change(change, object);
}

}  // namespace knsim::sim
