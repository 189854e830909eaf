// The request hot path: ingress -> route split -> activator (Proxy) or pod (Serve) -> queue-proxy
// breaker -> user container (CPU on its node, then non-CPU wait) -> response.
//
// Hops: ingress->pod is one hop in Serve mode; ingress->activator->pod two in Proxy mode; the
// response takes the same hops back, added to the latency without an event. A sender calls
// submit when the request reaches the ingress (client send time + one hop).
// Timeouts (core/dataplane/timeouts): the deadline is t0 + timeoutSeconds (or the client's
// shorter timeout), kept in sim/deadline_queue when the request enters the revision. When it passes,
// the request is answered there and then with Knative's timeout status (504, whether it waited in
// a queue or was running) and leaves every queue and slot it held: the activator's throttler slot,
// the queue-proxy's containerConcurrency slot (the next queued request starts at once), its CPU
// slot and its share of the node's CPU. A response that reaches the client after the deadline is a timeout too.
#include <algorithm>

#include "core/dataplane/dial_backoff.hpp"
#include "core/dataplane/timeouts.hpp"
#include "sim/data_path.hpp"
#include "sim/timers.hpp"

namespace knsim::sim {

using reports::FailureReason;

int failure_status(FailureReason reason) {
  switch (reason) {
    case FailureReason::kOverflow503: return 503;
    case FailureReason::kTimeout: return core::dataplane::timeout_outcome(false).status;
    case FailureReason::kUnfinished: return 504;
    case FailureReason::kNoRoute: return 404;
    default: return 502;
  }
}

Seconds DataPath::now() const { return timer_clock(); }

std::uint32_t DataPath::alloc_request() {
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

void DataPath::free_request(std::uint32_t id) {
  Request& q = requests_[id];
  q.state = ReqState::kFree;
  q.done = nullptr;
  q.next_free = free_head_;
  free_head_ = id;
}

void DataPath::answer(Request& q, int status, Seconds delay) {
  if (!q.done) return;
  // Deferred: the request path is in the middle of releasing the request.
  after(std::max(0.0, delay), [done = std::move(q.done), status] { done(status); });
  q.done = nullptr;
}

void DataPath::revision_in_flight(RevisionTraffic& r, double delta) {
  const Seconds t = now();
  r.conc_area += r.in_flight * (t - r.conc_last);
  r.conc_last = t;
  r.in_flight += delta;
}

void DataPath::submit(const RequestSpec& spec, const std::function<RequestWork()>& work, Completion done) {
  const auto rev = spec.route < 0 ? std::nullopt : router_.pick_revision(spec.route, spec.tag, *spec.split_rng);
  if (!rev) {
    events_.flush_failures(now(), false);
    stats_.arrival(reports::kNoRevision);
    stats_.failed(reports::kNoRevision, FailureReason::kNoRoute);
    events_.count_failure("", reports::failure_reason_name(FailureReason::kNoRoute));
    if (done) after(0.0, [done = std::move(done)] { done(404); });
    return;
  }
  const RevisionTraffic& r = traffic_[rev->value];
  const std::uint32_t id = alloc_request();
  Request& q = requests_[id];
  q.t0 = spec.sent;
  q.revision = *rev;
  const RequestWork w = work();
  q.cpu = w.cpu;
  q.wait = w.wait;
  const Seconds timeout = spec.timeout ? std::min(*spec.timeout, r.timeout) : r.timeout;
  q.deadline = core::dataplane::request_deadline(spec.sent, {timeout, 0, 0});
  q.done = std::move(done);
  deadlines_.add(timeout, q.deadline, id, q.seq);
  admit_request(*rev, id);
}

void DataPath::admit_request(RevisionId rev, std::uint32_t id) {
  RevisionTraffic& r = traffic_[rev.value];
  Request& q = requests_[id];
  stats_.arrival(r.stats_id);
  ++r.interval_arrivals;
  revision_in_flight(r, +1);
  const auto& endpoints = cluster_.deployment(rev).endpoints;
  if (r.mode == core::api::SksMode::kProxy || endpoints.empty()) {
    activator_enqueue(rev, id);
    return;
  }
  const auto n = endpoints.size();
  const PodId pod = endpoints[n == 1 ? 0 : static_cast<std::size_t>(route_rng_.below(n))];
  bind_pod(q, static_cast<int>(pod.value));
  pod_admit(id, q.pod);
}

// The activator's and the queue-proxy's timeout handler (pkg/http/handler/timeout.go, wrapped
// around the activator's handler in cmd/activator/main.go and around the breaker in
// pkg/queue/sharedmain/handlers.go) answers at the deadline and cancels the request's context,
// which takes it out of the throttler's or breaker's queue or ends the proxied call (freeing its
// slot). The status is core/dataplane's timeout_outcome.
bool DataPath::in_flight(std::uint32_t id, std::uint32_t seq) const {
  const Request& q = requests_[id];
  return q.seq == seq && q.state != ReqState::kFree && q.state != ReqState::kDone;
}

void DataPath::send_to_pod(std::uint32_t id, int pod, Seconds delay) {
  Request& q = requests_[id];
  q.state = ReqState::kToPod;
  bind_pod(q, pod);
  const auto seq = q.seq;
  after_fixed(delay, [this, id, seq] {
    Request& rq = requests_[id];
    if (rq.seq != seq || rq.state != ReqState::kToPod) return;
    const Pod& target = cluster_.pod(PodId{static_cast<std::uint32_t>(rq.pod)});
    if (target.generation != rq.pod_generation) {
      // The pod went away while the request was on its way: lost with its node, or (scaled
      // down) retried by the activator, which only proxies to pods it believes healthy. (When
      // its slot already holds a later pod, the ended pod was Terminated: not lost.)
      const bool same_pod = target.serial == rq.pod_serial;
      const bool lost = same_pod && (target.phase == PodPhase::kFailed || target.phase == PodPhase::kUnknown ||
                                     !cluster_.node_of(PodId{static_cast<std::uint32_t>(rq.pod)}).up);
      if (lost || !rq.via_activator) {
        fail(id, lost ? FailureReason::kNodeFailure : FailureReason::kOther);
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

void DataPath::pod_admit(std::uint32_t id, int pod) {
  Request& q = requests_[id];
  // The pod's node is down but not yet NotReady (core/kubernetes/node_lifecycle): the pod is
  // still an endpoint and the connection times out. The activator redials with backoff for about
  // 20 s (core/dataplane/dial_backoff), holding its throttler slot, then answers 502 Bad Gateway;
  // the ingress (Serve mode) fails the request at once (knsim does not model its connect timeout).
  if (!cluster_.node_of(PodId{static_cast<std::uint32_t>(pod)}).up) {
    if (!q.via_activator) {
      fail(id, FailureReason::kNodeFailure);
      return;
    }
    const auto seq = q.seq;
    after(core::dataplane::dial_give_up_after(dial_backoff_, dial_rng_), [this, id, seq] {
      const Request& rq = requests_[id];
      if (rq.seq == seq && rq.state == ReqState::kToPod) fail(id, FailureReason::kNodeFailure);
    });
    return;
  }
  PodProxy& p = proxies_[static_cast<std::size_t>(pod)];
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

void DataPath::complete(std::uint32_t id) {
  Request& q = requests_[id];
  const int hops = q.via_activator ? 2 : 1;
  const Seconds done = now() + hops * hop_latency_;
  release_from_pod(id);
  if (done > q.deadline) {
    fail(id, FailureReason::kTimeout);
    return;
  }
  RevisionTraffic& r = traffic_[q.revision.value];
  stats_.succeeded(r.stats_id, done - q.t0, q.cold);
  answer(q, 200, done - now());
  if (q.via_activator) r.activators[static_cast<std::size_t>(q.activator)].reporter.on_request_out(now());
  revision_in_flight(r, -1);
  free_request(id);
}

void DataPath::release_from_pod(std::uint32_t id) {
  Request& q = requests_[id];
  if (q.pod < 0) return;
  const int pod_index = q.pod;
  const PodId pid{static_cast<std::uint32_t>(pod_index)};
  PodProxy& p = proxies_[pid.value];
  if (cluster_.pod(pid).generation != q.pod_generation) {  // the pod is gone; the activator's slot is freed all the same
    q.pod = -1;
    // A reused slot is another pod's: only the activator's breaker slot is freed, no pod tracker.
    activator_release(id, cluster_.pod(pid).serial == q.pod_serial ? pod_index : kNoPod);
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
  cluster_.request_left(pid);
}

void DataPath::fail(std::uint32_t id, FailureReason reason) {
  events_.flush_failures(now(), false);
  Request& q = requests_[id];
  cancel_event(q.phase_end);  // it would find the request gone (a timeout while the request waits, say)
  if (q.state == ReqState::kExec) leave_pod_cpu(id, q.cpu_node >= 0);
  if (q.pod >= 0) release_from_pod(id);
  RevisionTraffic& r = traffic_[q.revision.value];
  if (q.via_activator) {
    RevisionActivator& a = r.activators[static_cast<std::size_t>(q.activator)];
    if (q.state == ReqState::kActivatorQueue) a.throttler.cancel(qp_id(id, q.seq));
    a.reporter.on_request_out(now());
  }
  stats_.failed(r.stats_id, reason);
  answer(q, failure_status(reason), 0.0);
  events_.count_failure(r.name, reports::failure_reason_name(reason));
  revision_in_flight(r, -1);
  free_request(id);
}

void DataPath::finish() {
  if (finished_) return;
  finished_ = true;
  for (std::uint32_t id = 1; id < requests_.size(); ++id) {
    const auto st = requests_[id].state;
    if (st != ReqState::kFree && st != ReqState::kDone) fail(id, FailureReason::kUnfinished);
  }
}

// --- the cluster's changes ---

void DataPath::bind_pod(Request& q, int pod) {
  const Pod& p = cluster_.pod(PodId{static_cast<std::uint32_t>(pod)});
  q.pod = pod;
  q.pod_generation = p.generation;
  q.pod_serial = p.serial;
}

// A new pod, possibly in the slot of an ended one: its queue-proxy starts empty.
void DataPath::pod_created(PodId pod) {
  if (proxies_.size() <= pod.value) proxies_.resize(pod.value + 1);
  const auto& r = traffic_[cluster_.pod(pod).revision.value];
  proxies_[pod.value] = PodProxy{};
  proxies_[pod.value].qp = core::dataplane::QueueProxy(r.container_concurrency, now());
}

void DataPath::pod_grace_over(PodId pod) {
  const auto left = proxies_[pod.value].in_flight;
  for (std::uint32_t id : left) fail(id, FailureReason::kOther);
}

std::int64_t DataPath::pod_lost(PodId pod) {
  PodProxy& p = proxies_[pod.value];
  const auto in_flight = std::move(p.in_flight);
  p.in_flight.clear();
  p.qp = core::dataplane::QueueProxy(traffic_[cluster_.pod(pod).revision.value].container_concurrency, now());
  for (std::uint32_t id : in_flight) fail(id, FailureReason::kNodeFailure);
  return static_cast<std::int64_t>(in_flight.size());
}

// Queue-proxy reports every ready pod's Stat each second (its uptime is the pod's age). The Stats
// carry no pod name: the scraper reads only the numbers, and copying a name per pod per second
// was 3 % of a 1,000-Service run.
void DataPath::ready_pod_stats(RevisionId rev, Seconds t, std::vector<core::metrics::Stat>& out) {
  static const std::string kUnnamed;
  out.clear();
  for (PodId pi : cluster_.deployment(rev).pods) {
    const Pod& p = cluster_.pod(pi);
    if (p.phase != PodPhase::kReady || !cluster_.node_of(pi).up) continue;  // a dead pod's scrape fails
    out.push_back(proxies_[pi.value].qp.report(kUnnamed, t, t - p.ready_at));
  }
}

double DataPath::take_pod_cpu_seconds(PodId pod) {
  PodProxy& p = proxies_[pod.value];
  const double area = p.cpu_area;
  p.cpu_area = 0;
  return area;
}

double DataPath::take_cpu_seconds(RevisionId rev) {
  RevisionTraffic& r = traffic_[rev.value];
  const double area = r.cpu_area;
  r.cpu_area = 0;
  return area;
}

}  // namespace knsim::sim
