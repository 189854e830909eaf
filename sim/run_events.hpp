#pragma once
// Where the parts of a simulation send what they did: the run's report events (a reports::EventSink),
// the request failures counted in 1 s buckets (request_failures events), and the typed object
// changes the ApiServerSources watch (with the list of objects alive, for a watch started later).
// Owned by the Simulation; the parts hold a reference. Observing only: nothing here decides.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time/time.hpp"
#include "reports/events.hpp"
#include "sim/object_changes.hpp"

namespace knsim::sim {

class RunEvents {
 public:
  explicit RunEvents(reports::EventSink* sink) : sink_(sink) {}

  // A run event at the current simulated time (after the failure buckets ended before it).
  void emit(reports::EventData data);
  // One request of `revision` ("" when none was routed to) failed now for `reason`.
  void count_failure(const std::string& revision, std::string_view reason);
  // Emits the request_failures events of the 1 s buckets ended before t (inclusive: at or before).
  void flush_failures(core::Seconds t, bool inclusive);

  // An object changed: its report event (`reason`; Pods report through pod_phase instead, so
  // `reason` empty sends none), then the watcher.
  void object_changed(ObjectChangeKind change, const ObjectRef& object, const std::string& reason);
  // Starts the watch: `watcher` gets every later change; `alive()` lists the objects alive now.
  void watch(ObjectWatcher* watcher) { watcher_ = watcher; }
  std::vector<ObjectRef> alive() const;  // in creation order
  // The run is set up: nobody asks for alive() any more (a watch lists the objects alive when it
  // starts, before the first event), so the list is dropped and no longer kept (keeping it costs
  // string keys and map nodes per pod created and deleted: 3 % of a 1,000-Service run).
  void end_listing();

 private:
  static constexpr core::Seconds kFailureBucket = 1.0;
  reports::EventSink* sink_;
  // Request failures of the current 1 s bucket, "rev\treason" -> count.
  std::map<std::string, int> failures_in_bucket_;
  core::Seconds failures_bucket_end_ = kFailureBucket;
  ObjectWatcher* watcher_ = nullptr;
  // The objects alive, by creation number, and each object's creation numbers by its key
  // (apiVersion, kind, namespace, name): an add or delete costs O(log n), not a scan of every
  // object (a fleet run adds and deletes pods thousands of times a minute).
  std::map<std::uint64_t, ObjectRef> alive_;
  std::unordered_map<std::string, std::vector<std::uint64_t>> alive_by_key_;
  std::uint64_t next_alive_ = 0;
  bool listing_ = true;
};

}  // namespace knsim::sim
