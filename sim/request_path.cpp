// The request hot path: arrival -> route split -> activator (Proxy) or pod (Serve) -> queue-proxy
// breaker -> user container (CPU as a SimGrid Exec, then non-CPU wait) -> response.
//
// Hops: ingress->pod is one hop in Serve mode; ingress->activator->pod two in Proxy mode; the
// response takes the same hops back, added to the latency without an event. A request's arrival
// timer fires when it reaches the SKS (client send time + one hop).
// Timeouts (core/dataplane/timeouts): the deadline is t0 + timeoutSeconds (or the workload's
// shorter client timeout), a timed event set when the request enters the revision. When it fires,
// the request is answered there and then with Knative's timeout status (504, whether it waited in
// a queue or was running) and leaves every queue and slot it held: the activator's throttler slot,
// the queue-proxy's containerConcurrency slot (the next queued request starts at once), its CPU
// slot and its SimGrid Exec. A response that reaches the client after the deadline is a timeout too.
#include <algorithm>

#include "core/autoscaler/sks_mode.hpp"
#include "core/dataplane/lb_policy.hpp"
#include "core/dataplane/timeouts.hpp"
#include "sim/eventing/cluster_gateway.hpp"
#include "sim/simulation.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

namespace ca = core::autoscaler;
using reports::FailureReason;

std::uint32_t Simulation::alloc_request() {
  std::uint32_t id = free_head_;
  if (id != 0) {
    free_head_ = requests_[id].next_free;
  } else {
    id = static_cast<std::uint32_t>(requests_.size());
    requests_.emplace_back();
  }
  Request& q = requests_[id];
  const auto seq = q.seq + 1;
  q = Request{};
  q.seq = seq;
  return id;
}

void Simulation::free_request(std::uint32_t id) {
  Request& q = requests_[id];
  q.state = ReqState::kFree;
  if (q.exec) graveyard_.push_back(std::move(q.exec));  // still running (end of run): kept alive
  q.exec = nullptr;
  q.next_free = free_head_;
  free_head_ = id;
}

void Simulation::revision_in_flight(Revision& r, double delta) {
  const Seconds t = now();
  r.conc_area += r.in_flight * (t - r.conc_last);
  r.conc_last = t;
  r.in_flight += delta;
}

void Simulation::schedule_next_arrival(int wi) {
  Workload& w = workloads_[static_cast<std::size_t>(wi)];
  if (!w.process) return;
  models::Arrival a;
  if (!w.process->next(w.rng, a) || a.t >= duration()) return;
  const auto epoch = w.epoch;
  at(std::max(now(), a.t + input_.scenario.cluster.hop_latency), [this, wi, epoch, a] { on_arrival(wi, epoch, a); });
}

int Simulation::pick_revision(const ServiceRt& svc, std::string_view tag, core::Rng& rng) const {
  if (!tag.empty()) {
    for (const auto& t : svc.targets)
      if (t.tag == tag) return t.revision;
    return -1;
  }
  double total = 0;
  for (const auto& t : svc.targets) total += t.percent;
  if (total <= 0) return -1;
  double u = rng.uniform01() * total;
  int last = -1;
  for (const auto& t : svc.targets) {
    if (t.percent <= 0) continue;
    last = t.revision;
    if (u < t.percent) return t.revision;
    u -= t.percent;
  }
  return last;
}

void Simulation::on_arrival(int wi, std::uint64_t epoch, const models::Arrival& a) {
  Workload& w = workloads_[static_cast<std::size_t>(wi)];
  if (epoch != w.epoch) return;  // replaced by setArrivals
  schedule_next_arrival(wi);
  if (w.service < 0) w.service = route_entry(w.spec.namespace_, w.spec.service);  // applied by the timeline
  int svc_index = w.service;
  if (!a.service.empty()) {
    svc_index = -1;
    for (std::size_t i = 0; i < services_.size(); ++i)
      if (services_[i].name == a.service && !services_[i].deleted && services_[i].has_route()) svc_index = static_cast<int>(i);
  }
  const std::string_view tag = !a.tag.empty() ? a.tag : std::string_view(w.spec.tag);
  const int rev = svc_index < 0 || services_[static_cast<std::size_t>(svc_index)].deleted
                      ? -1
                      : pick_revision(services_[static_cast<std::size_t>(svc_index)], tag, w.rng);
  if (rev < 0) {
    flush_failures(now(), false);
    stats_.arrival(reports::kNoRevision);
    stats_.failed(reports::kNoRevision, FailureReason::kNoRoute);
    ++failures_in_bucket_[std::string("\tno_route")];
    return;
  }
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  const std::uint32_t id = alloc_request();
  Request& q = requests_[id];
  q.t0 = a.t;
  q.revision = rev;
  q.cpu = w.cpu.sample(w.rng);
  q.wait = (a.has_duration() && !w.spec.request.wait_set) ? a.duration : w.wait.sample(w.rng);
  q.deadline = core::dataplane::request_deadline(a.t, {w.spec.request.timeout.value_or(r.timeout), 0, 0});
  admit_request(rev, id);
}

void Simulation::admit_request(int rev, std::uint32_t id) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  Request& q = requests_[id];
  const auto seq = q.seq;
  at(std::max(now(), q.deadline), [this, id, seq] { on_deadline(id, seq); });
  stats_.arrival(r.stats_id);
  ++r.interval_arrivals;
  revision_in_flight(r, +1);
  if (r.sks.status.effective_mode == core::api::SksMode::kProxy || r.endpoints.empty()) {
    activator_enqueue(rev, id);
    return;
  }
  const auto n = r.endpoints.size();
  const int pod = r.endpoints[n == 1 ? 0 : static_cast<std::size_t>(route_rng_.below(n))];
  q.pod = pod;
  q.pod_generation = pods_[static_cast<std::size_t>(pod)].generation;
  pod_admit(id, pod);
}

// The activator's and the queue-proxy's timeout handler (pkg/http/handler/timeout.go, wrapped
// around the activator's handler in cmd/activator/main.go and around the breaker in
// pkg/queue/sharedmain/handlers.go) answers at the deadline and cancels the request's context,
// which takes it out of the throttler's or breaker's queue or ends the proxied call (freeing its
// slot). The status is core/dataplane's timeout_outcome.
void Simulation::on_deadline(std::uint32_t id, std::uint32_t seq) {
  const Request& q = requests_[id];
  if (q.seq != seq || q.state == ReqState::kFree || q.state == ReqState::kDone) return;
  fail(id, FailureReason::kTimeout);
}

// --- activators (pkg/activator/handler, pkg/activator/net/throttler.go; docs/spec/serving.md 4 and 6) ---
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

void Simulation::init_activators(Revision& r) {
  const int n = std::max(1, input_.scenario.cluster.activators);
  if (activator_names_.empty())
    for (int i = 0; i < n; ++i) activator_names_.push_back("activator-" + std::to_string(i));
  r.activators.clear();
  r.activators.reserve(static_cast<std::size_t>(n));
  for (const auto& name : activator_names_) r.activators.emplace_back(r.container_concurrency, name);
  set_activator_subset(r, activator_subset_of(r));
}

// Indices (into activator_names_) of the revision's public activators: sks.spec.num_activators of
// them by rendezvous hashing on "<ns>/<revision>", in name order.
std::vector<int> Simulation::activator_subset_of(const Revision& r) const {
  const auto names = ca::activator_subset(activator_names_, r.sks.spec.num_activators, r.namespace_name + "/" + r.name);
  std::vector<int> subset;
  for (std::size_t i = 0, k = 0; i < activator_names_.size() && k < names.size(); ++i) {
    if (activator_names_[i] != names[k]) continue;
    subset.push_back(static_cast<int>(i));
    ++k;
  }
  return subset;
}

void Simulation::set_activator_subset(Revision& r, std::vector<int> subset) {
  r.activator_subset = std::move(subset);
  for (auto& a : r.activators) a.subset_index = -1;
  for (std::size_t k = 0; k < r.activator_subset.size(); ++k)
    r.activators[static_cast<std::size_t>(r.activator_subset[k])].subset_index = static_cast<int>(k);
}

// The concurrency reporter counts the request first (its first request for the revision pokes the
// autoscaler at once), then the throttler places it on a pod slot or queues it.
void Simulation::activator_enqueue(int rev, std::uint32_t id) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  Request& q = requests_[id];
  q.via_activator = true;
  q.state = ReqState::kActivatorQueue;
  q.cold = r.endpoints.empty();
  // The public service load-balances over the subset: no draw with one activator (N = 1 runs
  // keep their random streams).
  const auto n = r.activator_subset.size();
  q.activator = n == 0 ? 0 : r.activator_subset[n == 1 ? 0 : static_cast<std::size_t>(activator_rng_.below(n))];
  RevisionActivator& a = r.activators[static_cast<std::size_t>(q.activator)];
  ++a.requests;
  if (auto first = a.reporter.on_request_in(r.name, now())) record_activator_stat(rev, *first);
  activator_try(id);
}

void Simulation::activator_try(std::uint32_t id) {
  Request& q = requests_[id];
  const int rev = q.revision;
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  const core::dataplane::ThrottleResult t =
      r.activators[static_cast<std::size_t>(q.activator)].throttler.try_request(qp_id(id, q.seq), activator_rng_);
  if (t.admission == core::dataplane::Admission::kAdmitted) {
    activator_send(rev, {{qp_id(id, q.seq), t.pod}});
  } else if (t.admission == core::dataplane::Admission::kRejected) {
    q.state = ReqState::kDone;  // not in the throttler's queue: nothing to cancel
    fail(id, FailureReason::kOverflow503);  // the activator's breaker queue is full
  }
}

void Simulation::activator_send(int rev, const std::vector<core::dataplane::Dispatch>& dispatched) {
  const Revision& r = revisions_[static_cast<std::size_t>(rev)];
  for (const auto& d : dispatched) {
    const std::uint32_t id = qp_slot(d.request);
    const int pod = static_cast<int>(d.pod);
    Pod& p = pods_[d.pod];
    requests_[id].activator_slot = true;
    if (requests_[id].cold && !p.waited_on) {
      p.waited_on = true;
      emit(reports::ColdStart{r.name, p.name, now() - requests_[id].t0, 1});
    }
    send_to_pod(id, pod, input_.scenario.cluster.hop_latency);
  }
}

// One activator's throttler gets the ready pods (IP-ordered inside), its subset index and the
// subset size; requests it can now place are sent.
void Simulation::activator_update(int rev, std::size_t ai) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  std::vector<core::dataplane::Backend> backends;
  backends.reserve(r.endpoints.size());
  for (int pi : r.endpoints) backends.push_back({static_cast<std::uint32_t>(pi), pods_[static_cast<std::size_t>(pi)].ip});
  std::vector<core::dataplane::Dispatch> started;
  RevisionActivator& a = r.activators[ai];
  a.throttler.update_backends(std::move(backends), a.subset_index,
                              std::max(1, static_cast<int>(r.activator_subset.size())), activator_rng_, started);
  activator_send(rev, started);
}

void Simulation::activator_backends_changed(int rev) {
  const std::size_t n = revisions_[static_cast<std::size_t>(rev)].activators.size();
  for (std::size_t ai = 0; ai < n; ++ai) activator_update(rev, ai);
}

void Simulation::activator_subset_changed(int rev) {
  Revision& r = revisions_[static_cast<std::size_t>(rev)];
  if (r.activators.size() <= 1) return;  // one activator: always the whole subset
  std::vector<int> subset = activator_subset_of(r);
  if (subset == r.activator_subset) return;
  set_activator_subset(r, std::move(subset));
  activator_backends_changed(rev);
}

void Simulation::activator_release(std::uint32_t id, int pod) {
  Request& q = requests_[id];
  if (!q.activator_slot) return;
  q.activator_slot = false;
  std::vector<core::dataplane::Dispatch> started;
  Revision& r = revisions_[static_cast<std::size_t>(q.revision)];
  r.activators[static_cast<std::size_t>(q.activator)].throttler.release(static_cast<std::uint32_t>(pod),
                                                                        activator_rng_, started);
  activator_send(q.revision, started);
}

void Simulation::send_to_pod(std::uint32_t id, int pod, Seconds delay) {
  Request& q = requests_[id];
  q.state = ReqState::kToPod;
  q.pod = pod;
  q.pod_generation = pods_[static_cast<std::size_t>(pod)].generation;
  const auto seq = q.seq;
  after(delay, [this, id, seq] {
    Request& rq = requests_[id];
    if (rq.seq != seq || rq.state != ReqState::kToPod) return;
    const Pod& target = pods_[static_cast<std::size_t>(rq.pod)];
    if (target.generation != rq.pod_generation) {
      // The pod went away while the request was on its way: lost with its node, or (scaled
      // down) retried by the activator, which only proxies to pods it believes healthy.
      if (target.phase == PodPhase::kFailed || !rq.via_activator) {
        fail(id, target.phase == PodPhase::kFailed ? FailureReason::kNodeFailure : FailureReason::kOther);
        return;
      }
      const int gone = rq.pod;
      rq.pod = -1;
      activator_release(id, gone);
      rq.state = ReqState::kActivatorQueue;
      activator_try(id);  // the same activator retries
      return;
    }
    pod_admit(id, rq.pod);
  });
}

// --- queue-proxy (pkg/queue/breaker.go, docs/spec/serving.md 7) and the user container ---

void Simulation::pod_admit(std::uint32_t id, int pod) {
  Request& q = requests_[id];
  Pod& p = pods_[static_cast<std::size_t>(pod)];
  // core/dataplane/queue_proxy: counted in the stats at arrival (queued requests count toward
  // concurrency), then the breaker admits, queues or rejects.
  p.in_flight.push_back(id);
  switch (p.qp.on_request_in(qp_id(id, q.seq), now(), q.via_activator)) {
    case core::dataplane::Admission::kAdmitted:
      start_exec(id);
      break;
    case core::dataplane::Admission::kQueued:
      q.state = ReqState::kPodQueue;
      break;
    case core::dataplane::Admission::kRejected:
      // Already out of the queue-proxy's stats; kPodRejected so release_from_pod leaves it alone.
      q.state = ReqState::kPodRejected;
      fail(id, FailureReason::kOverflow503);  // "pending request queue full"
      break;
  }
}

void Simulation::complete(std::uint32_t id) {
  Request& q = requests_[id];
  const int hops = q.via_activator ? 2 : 1;
  const Seconds done = now() + hops * input_.scenario.cluster.hop_latency;
  release_from_pod(id);
  if (done > q.deadline) {
    fail(id, FailureReason::kTimeout);
    return;
  }
  Revision& r = revisions_[static_cast<std::size_t>(q.revision)];
  stats_.succeeded(r.stats_id, done - q.t0, q.cold);
  eventing::request_finished(id, q.seq, true, FailureReason::kOther, done - now());
  if (q.via_activator) r.activators[static_cast<std::size_t>(q.activator)].reporter.on_request_out(r.name, now());
  revision_in_flight(r, -1);
  free_request(id);
}

void Simulation::release_from_pod(std::uint32_t id) {
  Request& q = requests_[id];
  if (q.pod < 0) return;
  const int pod_index = q.pod;
  Pod& p = pods_[static_cast<std::size_t>(q.pod)];
  if (p.generation != q.pod_generation) {  // the pod is gone; the activator's slot is freed all the same
    q.pod = -1;
    activator_release(id, pod_index);
    return;
  }
  auto it = std::find(p.in_flight.begin(), p.in_flight.end(), id);
  if (it != p.in_flight.end()) {
    *it = p.in_flight.back();
    p.in_flight.pop_back();
  }
  std::optional<core::dataplane::RequestId> next;
  if (q.state == ReqState::kExec || q.state == ReqState::kWait) {
    next = p.qp.on_request_out(now(), q.via_activator);  // its slot goes to the oldest queued request
  } else if (q.state == ReqState::kPodQueue) {
    p.qp.on_queued_timeout(qp_id(id, q.seq), now(), q.via_activator);
  }
  q.pod = -1;
  if (next) start_exec(qp_slot(*next));
  activator_release(id, pod_index);
  if (pods_[static_cast<std::size_t>(pod_index)].phase == PodPhase::kTerminating) maybe_finish_termination(pod_index);
}

void Simulation::fail(std::uint32_t id, FailureReason reason) {
  flush_failures(now(), false);
  Request& q = requests_[id];
  if (q.state == ReqState::kExec) leave_pod_cpu(id, q.exec != nullptr);
  if (q.pod >= 0) release_from_pod(id);
  Revision& r = revisions_[static_cast<std::size_t>(q.revision)];
  if (q.via_activator) {
    RevisionActivator& a = r.activators[static_cast<std::size_t>(q.activator)];
    if (q.state == ReqState::kActivatorQueue) a.throttler.cancel(qp_id(id, q.seq));
    a.reporter.on_request_out(r.name, now());
  }
  if (q.exec && !finished_) {
    graveyard_.push_back(q.exec);
    auto ex = q.exec;
    q.exec = nullptr;
    q.state = ReqState::kDone;
    if (ex->get_state() == simgrid::s4u::Activity::State::STARTED) ex->cancel();
  }
  stats_.failed(r.stats_id, reason);
  eventing::request_finished(id, q.seq, false, reason, 0.0);
  ++failures_in_bucket_[r.name + "\t" + std::string(reports::failure_reason_name(reason))];
  revision_in_flight(r, -1);
  free_request(id);
}

}  // namespace knsim::sim
