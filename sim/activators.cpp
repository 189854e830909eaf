// The activators of the data path (pkg/activator/handler, pkg/activator/net/throttler.go;
// docs/spec/serving.md 4 and 6).
//
// cluster.activators activator pods, always ready. Each keeps, per revision, its own throttler and
// concurrency reporter. In Proxy mode the revision's public endpoints are a subset of
// sks.spec.num_activators of them (rendezvous hashing on "<ns>/<revision>"), and the ingress
// spreads requests uniformly over that subset. A subset activator at index i of n takes
// assignSlice(i, n) of the ready pods (CC > 0); an activator outside the subset (index -1) would
// take them all. Worked example: CC 1, 3 activators, numActivators 2, 1 pod: both subset
// activators take pod 0 (n > P: pod i mod P) with one slot each, so the pod's queue-proxy can get
// 2 requests at once (one runs, one waits in its breaker queue), whereas one activator never sends
// it more than CC = 1.
#include <algorithm>

#include "core/autoscaler/sks_mode.hpp"
#include "sim/data_path.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace ca = core::autoscaler;
using reports::FailureReason;

DataPath::DataPath(const models::ClusterSpec& spec, std::uint64_t seed, Cluster& cluster, const Router& router,
                   RunEvents& events, DataPathListener& listener)
    : hop_latency_(spec.hop_latency),
      cluster_(cluster),
      router_(router),
      events_(events),
      listener_(listener),
      route_rng_(core::Rng::derive(seed, "route")),
      activator_rng_(core::Rng::derive(seed, "activator")),
      dial_rng_(core::Rng::derive(seed, "activator-dial")) {
  requests_.reserve(1024);
  requests_.emplace_back();  // id 0 is "none"
  const int n = std::max(1, spec.activators);
  for (int i = 0; i < n; ++i) activator_names_.push_back("activator-" + std::to_string(i));
  activator_ready_.assign(activator_names_.size(), 1);
  activator_alive_.assign(activator_names_.size(), 1);
  activator_down_reason_.assign(activator_names_.size(), FailureReason::kOther);
}

// One RevisionActivator per activator pod and the initial subset (sks.spec.num_activators).
void DataPath::add_revision(RevisionId rev, RevisionTraffic traffic) {
  if (traffic_.size() < rev.value) traffic_.resize(rev.value);
  traffic.stats_id = stats_.add_revision(traffic.name, traffic.service);
  traffic.conc_last = now();
  traffic.activators.reserve(activator_names_.size());
  for (const auto& name : activator_names_) traffic.activators.emplace_back(traffic.container_concurrency, name);
  set_activator_subset(traffic, activator_subset_of(traffic));
  traffic_.push_back(std::move(traffic));
}

void DataPath::delete_revision(RevisionId rev) {
  std::vector<std::uint32_t> waiting;
  for (const auto& a : traffic_[rev.value].activators)  // in activator order
    a.throttler.for_each_queued([&](core::dataplane::RequestId qid) { waiting.push_back(qp_slot(qid)); });
  for (std::uint32_t id : waiting) fail(id, FailureReason::kNoRoute);
}

// Indices (into activator_names_) of the revision's public activators: num_activators of the ready
// ones (the activator Service's endpoints) by rendezvous hashing on "<ns>/<revision>", in name order.
std::vector<int> DataPath::activator_subset_of(const RevisionTraffic& r) const {
  std::vector<std::string> ready;
  for (std::size_t i = 0; i < activator_names_.size(); ++i)
    if (activator_ready_[i]) ready.push_back(activator_names_[i]);
  const auto names = ca::activator_subset(ready, r.num_activators, r.namespace_name + "/" + r.name);
  std::vector<int> subset;
  for (std::size_t i = 0, k = 0; i < activator_names_.size() && k < names.size(); ++i) {
    if (activator_names_[i] != names[k]) continue;
    subset.push_back(static_cast<int>(i));
    ++k;
  }
  return subset;
}

void DataPath::set_activator_subset(RevisionTraffic& r, std::vector<int> subset) {
  r.activator_subset = std::move(subset);
  for (auto& a : r.activators) a.subset_index = -1;
  for (std::size_t k = 0; k < r.activator_subset.size(); ++k)
    r.activators[static_cast<std::size_t>(r.activator_subset[k])].subset_index = static_cast<int>(k);
}

// The concurrency reporter counts the request first (its first request for the revision pokes the
// autoscaler at once), then the throttler places it on a pod slot or queues it.
void DataPath::activator_enqueue(RevisionId rev, std::uint32_t id) {
  RevisionTraffic& r = traffic_[rev.value];
  Request& q = requests_[id];
  q.via_activator = true;
  q.state = ReqState::kActivatorQueue;
  q.cold = cluster_.deployment(rev).endpoints.empty();
  // The public service load-balances over the subset: no draw with one activator (N = 1 runs
  // keep their random streams).
  const auto n = r.activator_subset.size();
  q.activator = n == 0 ? 0 : r.activator_subset[n == 1 ? 0 : static_cast<std::size_t>(activator_rng_.below(n))];
  if (!activator_alive_[static_cast<std::size_t>(q.activator)]) {
    // The ingress's connection to a dead activator (still an endpoint, or none is left) fails.
    q.via_activator = false;  // it never reached the activator: nothing of it to undo there
    fail(id, activator_down_reason_[static_cast<std::size_t>(q.activator)]);
    return;
  }
  RevisionActivator& a = r.activators[static_cast<std::size_t>(q.activator)];
  ++a.requests;
  if (auto first = a.reporter.on_request_in(now())) listener_.activator_stat(rev, *first);
  activator_try(id);
}

void DataPath::activator_try(std::uint32_t id) {
  Request& q = requests_[id];
  const RevisionId rev = q.revision;
  RevisionTraffic& r = traffic_[rev.value];
  const core::dataplane::ThrottleResult t =
      r.activators[static_cast<std::size_t>(q.activator)].throttler.try_request(qp_id(id, q.seq), activator_rng_);
  if (t.admission == core::dataplane::Admission::kAdmitted) {
    activator_send_one(rev, {qp_id(id, q.seq), t.pod});
  } else if (t.admission == core::dataplane::Admission::kRejected) {
    q.state = ReqState::kDone;  // not in the throttler's queue: nothing to cancel
    fail(id, FailureReason::kOverflow503);  // the activator's breaker queue is full
  }
}

void DataPath::activator_send(RevisionId rev, const std::vector<core::dataplane::Dispatch>& dispatched) {
  for (const auto& d : dispatched) activator_send_one(rev, d);
}

// The activator proxies a request it placed on a pod (one hop away).
void DataPath::activator_send_one(RevisionId rev, const core::dataplane::Dispatch& d) {
  const std::uint32_t id = qp_slot(d.request);
  PodProxy& p = proxies_[d.pod];
  requests_[id].activator_slot = true;
  if (requests_[id].cold && !p.waited_on) {
    p.waited_on = true;
    events_.emit(reports::ColdStart{traffic_[rev.value].name, cluster_.pod(PodId{d.pod}).name, now() - requests_[id].t0, 1});
  }
  send_to_pod(id, static_cast<int>(d.pod), hop_latency_);
}

// One activator's throttler gets the ready pods (IP-ordered inside), its subset index and the
// subset size; requests it can now place are sent.
void DataPath::activator_update(RevisionId rev, std::size_t ai) {
  RevisionTraffic& r = traffic_[rev.value];
  const auto& endpoints = cluster_.deployment(rev).endpoints;
  std::vector<core::dataplane::Backend> backends;
  backends.reserve(endpoints.size());
  for (PodId pi : endpoints) backends.push_back({pi.value, cluster_.pod(pi).ip});
  std::vector<core::dataplane::Dispatch> started;
  RevisionActivator& a = r.activators[ai];
  a.throttler.update_backends(std::move(backends), a.subset_index,
                              std::max(1, static_cast<int>(r.activator_subset.size())), activator_rng_, started);
  activator_send(rev, started);
}

// The revision's ready pods changed: every activator's trackers and capacity follow.
void DataPath::backends_changed(RevisionId rev) {
  const std::size_t n = traffic_[rev.value].activators.size();
  for (std::size_t ai = 0; ai < n; ++ai) activator_update(rev, ai);
}

// Recomputes the revision's activator subset from numActivators; when it changed, every activator
// gets its new index and the subset size (update_backends).
void DataPath::set_num_activators(RevisionId rev, std::int32_t num) {
  RevisionTraffic& r = traffic_[rev.value];
  r.num_activators = num;
  if (r.activators.size() <= 1) return;  // one activator: always the whole subset
  std::vector<int> subset = activator_subset_of(r);
  if (subset == r.activator_subset) return;
  set_activator_subset(r, std::move(subset));
  backends_changed(rev);
}

// A request holding a throttler slot on `pod` leaves it; queued requests may start.
void DataPath::activator_release(std::uint32_t id, int pod) {
  Request& q = requests_[id];
  if (!q.activator_slot) return;
  q.activator_slot = false;
  std::vector<core::dataplane::Dispatch> started;
  RevisionTraffic& r = traffic_[q.revision.value];
  r.activators[static_cast<std::size_t>(q.activator)].throttler.release(static_cast<std::uint32_t>(pod),
                                                                        activator_rng_, started);
  activator_send(q.revision, started);
}

// Every activator's concurrency reporter (core/dataplane/concurrency_reporter, docs/spec/serving.md
// 2.3): one Stat per revision per second while it has an entry; the immediate first-request stat
// is subtracted from the next report.
bool DataPath::activator_report(RevisionId rev, std::size_t ai, Seconds t, core::metrics::Stat& out) {
  return traffic_[rev.value].activators[ai].reporter.report(t, out);
}

// Activator pod `ai` died: the requests queued in its throttlers fail first (so that freeing the
// slots below dispatches nothing), then those it was proxying; its throttlers and concurrency
// reporters start empty (a new process learns the backends again when it is ready).
void DataPath::activator_lost(std::size_t ai, FailureReason reason) {
  activator_alive_[ai] = 0;
  activator_down_reason_[ai] = reason;
  std::vector<std::uint32_t> queued;
  for (const auto& r : traffic_)
    r.activators[ai].throttler.for_each_queued([&](core::dataplane::RequestId qid) { queued.push_back(qp_slot(qid)); });
  for (std::uint32_t id : queued) fail(id, reason);
  for (std::uint32_t id = 1; id < requests_.size(); ++id) {
    const Request& q = requests_[id];
    if (q.state == ReqState::kFree || q.state == ReqState::kDone || !q.via_activator) continue;
    if (static_cast<std::size_t>(q.activator) == ai) fail(id, reason);
  }
  for (auto& r : traffic_) {
    const int subset_index = r.activators[ai].subset_index;
    const std::int64_t requests = r.activators[ai].requests;  // a count over the run, kept
    r.activators[ai] = RevisionActivator(r.container_concurrency, activator_names_[ai]);
    r.activators[ai].subset_index = subset_index;
    r.activators[ai].requests = requests;
  }
}

void DataPath::set_activator_ready(std::size_t ai, bool ready) {
  activator_ready_[ai] = ready ? 1 : 0;
  if (ready) activator_alive_[ai] = 1;
  for (std::uint32_t rev = 0; rev < traffic_.size(); ++rev) {
    RevisionTraffic& r = traffic_[rev];
    std::vector<int> subset = activator_subset_of(r);
    if (subset != r.activator_subset) set_activator_subset(r, std::move(subset));
    backends_changed(RevisionId{rev});  // the subset sizes changed, and a new process learns the pods
  }
}

}  // namespace knsim::sim
