// Simulation setup, time slicing, sampling and the end of a run (see simulation.hpp).
#include "sim/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <simgrid/kernel/Timer.hpp>

#include "sim/timers.hpp"

namespace knsim::sim {

namespace sg4 = simgrid::s4u;

const char* phase_name(PodPhase p) {
  switch (p) {
    case PodPhase::kPending: return "Pending";
    case PodPhase::kScheduled: return "Scheduled";
    case PodPhase::kPulling: return "Pulling";
    case PodPhase::kStarting: return "Starting";
    case PodPhase::kReady: return "Ready";
    case PodPhase::kTerminating: return "Terminating";
    case PodPhase::kTerminated: return "Terminated";
    case PodPhase::kFailed: return "Failed";
  }
  return "?";
}

namespace {
Simulation* g_current = nullptr;  // the one Simulation of this process (one SimGrid engine)
}

Simulation::Simulation(SimInput input, reports::EventSink* sink)
    : input_(std::move(input)),
      sink_(sink),
      route_rng_(core::Rng::derive(input_.scenario.seed, "route")),
      scheduler_rng_(core::Rng::derive(input_.scenario.seed, "scheduler")),
      kubelet_rng_(core::Rng::derive(input_.scenario.seed, "kubelet")),
      scrape_rng_(core::Rng::derive(input_.scenario.seed, "autoscaler/scraper")),
      activator_rng_(core::Rng::derive(input_.scenario.seed, "activator")),
      scheduling_(input_.scenario.cluster.pod_startup.scheduling),
      container_start_(input_.scenario.cluster.pod_startup.container_start) {
  if (g_current != nullptr) throw std::runtime_error("one Simulation per process (one SimGrid engine)");
  g_current = this;
  static int argc = 2;
  static char arg0[] = "knsim";
  static char arg1[] = "--log=root.thres:critical";
  static char* argv[] = {arg0, arg1, nullptr};
  engine_ = std::make_unique<sg4::Engine>(&argc, argv);
  requests_.reserve(1024);
  requests_.emplace_back();  // id 0 is "none"
  build_platform();
  sg4::Activity::on_completion_cb([](const sg4::Activity& a) {
    if (g_current == nullptr || a.get_state() == sg4::Activity::State::CANCELED) return;
    const auto id = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(a.get_data<void>()));
    if (id != 0) g_current->on_exec_done(id);
  });
  // The initial manifests were applied, and their revisions became Ready, before t = 0.
  instant_ = true;
  for (const auto& svc : input_.services) apply_service(svc, "initial manifests");
  for (const auto& cfg : input_.configurations) apply_standalone_configuration(cfg, "initial manifests");
  for (const auto& route : input_.routes) apply_standalone_route(route, "initial manifests");
  instant_ = false;
  start_workloads();
  schedule_timeline();
  at(0.0, [this] { stats_loop(); });
}

Simulation::~Simulation() {
  // Executions still known to the engine are leaked on purpose: destroying them
  // after the last run_until() double-frees inside SimGrid 3.32 at process exit. One Simulation
  // lives per process, so this is bounded.
  for (auto& ex : graveyard_) intrusive_ptr_add_ref(ex.get());
  for (auto& r : requests_)
    if (r.exec) intrusive_ptr_add_ref(r.exec.get());
  graveyard_.clear();
  for (auto& r : requests_) r.exec = nullptr;
  g_current = nullptr;
}

void Simulation::build_platform() {
  auto* zone = sg4::create_full_zone("cluster");
  for (const auto& pool : input_.scenario.cluster.node_pools) {
    for (int i = 0; i < pool.count; ++i) {
      Node n;
      n.name = pool.name + "-" + std::to_string(i);
      n.cpu_cores = pool.cpu;
      n.memory = pool.memory_bytes;
      n.speed = pool.speed;
      // 1 Gflop/s per unit of speed: a request's `cpu` seconds are cpu * 1e9 flops.
      const int cores = std::max(1, static_cast<int>(std::ceil(pool.cpu)));
      n.host = zone->create_host(n.name, pool.speed * 1e9)->set_core_count(cores)->seal();
      n.up_seconds.set(0, 1);
      nodes_.push_back(std::move(n));
    }
  }
  zone->seal();
}

void Simulation::emit(reports::EventData data) {
  flush_failures(now(), false);
  if (sink_ != nullptr) sink_->on_event(reports::Event{now(), std::move(data)});
}

// Request failures are counted per revision and reason in 1 s buckets of simulated time
// ((k-1, k]); a bucket's request_failures events (time k, interval 1 s) go out after every event
// of time <= k and before any later one, whatever the sample interval: here when an event or a
// failure of a later time comes (inclusive = false), or at a sample at time k (inclusive = true).
void Simulation::flush_failures(Seconds t, bool inclusive) {
  constexpr Seconds kEps = 1e-9;
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

Seconds Simulation::now() const { return sg4::Engine::get_clock(); }

// Every deadline is a timed event of the engine: a slice boundary only observes.
void Simulation::run_until(Seconds t) {
  t = std::min(t, duration());
  if (t > now()) engine_->run_until(t);
  graveyard_.clear();
}

void Simulation::revision_integrals(Revision& r) {
  const Seconds t = now();
  const bool live = !(r.deleted && r.pods.empty());
  r.pod_seconds.set(t, static_cast<double>(r.pods.size()));
  r.panic_seconds.set(t, live && r.panic ? 1 : 0);
  r.proxy_seconds.set(t, live && r.sks.status.effective_mode == core::api::SksMode::kProxy ? 1 : 0);
}

std::map<std::string, reports::RevisionIntegrals> Simulation::revision_integrals() const {
  std::map<std::string, reports::RevisionIntegrals> out;
  const Seconds t = now();
  for (const auto& r : revisions_)
    out[r.name] = {r.pod_seconds.area_until(t), r.panic_seconds.area_until(t), r.proxy_seconds.area_until(t)};
  return out;
}

double Simulation::node_seconds() const {
  double total = 0;
  for (const auto& n : nodes_) total += n.up_seconds.area_until(now());
  return total;
}

const Revision* Simulation::find_revision(const std::string& name) const {
  for (const auto& r : revisions_)
    if (r.name == name) return &r;
  return nullptr;
}

std::vector<std::string> Simulation::revision_names() const {
  std::vector<std::string> out;
  for (const auto& r : revisions_) out.push_back(r.name);
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, std::string> Simulation::revision_services() const {
  std::map<std::string, std::string> out;
  for (const auto& r : revisions_) out[r.name] = r.service;
  return out;
}

std::vector<std::string> Simulation::node_names() const {
  std::vector<std::string> out;
  for (const auto& n : nodes_) out.push_back(n.name);
  return out;
}

void Simulation::sample(std::vector<reports::RevisionSample>& revs, std::vector<reports::NodeSample>& nodes) {
  const Seconds t = now();
  // The time this sample covers (the last slice may be shorter than the sample interval).
  const Seconds interval = t - last_sample_;
  last_sample_ = t;
  flush_failures(t, true);
  // served_share: each revision's part of the requests routed to its own Service's revisions.
  std::map<int, std::int64_t> routed;
  for (const auto& r : revisions_) routed[r.service_index] += r.interval_arrivals;
  for (auto& r : revisions_) {
    revision_in_flight(r, 0);  // brings conc_area up to now
    const auto iv = stats_.take_interval(r.stats_id);
    if (r.deleted && r.pods.empty() && iv.requests == 0) continue;
    reports::RevisionSample s;
    s.t_s = t;
    s.revision = r.name;
    s.desired_pods = r.pa.status.desired_scale < 0 ? r.replicas : r.pa.status.desired_scale;
    s.ready_pods = static_cast<double>(r.endpoints.size());
    s.pods = static_cast<double>(r.pods.size());
    s.observed_stable = r.last_result.observed_stable;
    s.observed_panic = r.last_result.observed_panic;
    s.panic = r.panic;
    s.mode = r.sks.status.effective_mode == core::api::SksMode::kProxy ? reports::Mode::kProxy : reports::Mode::kServe;
    s.ebc = r.runner ? r.runner->status().excess_burst_capacity : 0;
    s.requests = static_cast<double>(iv.requests);
    s.concurrency = interval > 0 ? r.conc_area / interval : 0;
    s.traffic_percent = r.traffic_percent;
    s.target = r.resolved.decider.target_value;
    const std::int64_t svc_routed = routed[r.service_index];
    s.served_share = svc_routed > 0 ? static_cast<double>(r.interval_arrivals) / static_cast<double>(svc_routed) : 0;
    s.latency_p50_ms = iv.latency_p50_ms;
    s.latency_p99_ms = iv.latency_p99_ms;
    s.failures = static_cast<double>(iv.failures);
    s.cold_starts = static_cast<double>(iv.cold_starts);
    s.min_scale = r.resolved.bounds.min;
    s.max_scale = r.resolved.bounds.max;
    revs.push_back(std::move(s));
    r.interval_arrivals = 0;
    r.conc_area = 0;
  }
  for (auto& n : nodes_) {
    reports::NodeSample s;
    s.t_s = t;
    s.node = n.name;
    s.up = n.up;
    s.pods = static_cast<double>(n.pods.size());
    s.cpu_used = interval > 0 ? std::min(n.cpu_cores, n.busy_area / interval) : 0;
    s.cpu_cores = n.cpu_cores;
    nodes.push_back(std::move(s));
    n.busy_area = 0;
  }
}

void Simulation::finish() {
  if (finished_) return;
  finished_ = true;
  for (std::uint32_t id = 1; id < requests_.size(); ++id) {
    const auto st = requests_[id].state;
    if (st != ReqState::kFree && st != ReqState::kDone) fail(id, reports::FailureReason::kUnfinished);
  }
}

}  // namespace knsim::sim
