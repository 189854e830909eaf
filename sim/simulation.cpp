// The composition root (see simulation.hpp): setup, wiring, time slicing, integrals, sampling and
// the end of a run.
#include "sim/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/timers.hpp"

namespace knsim::sim {

namespace sg4 = simgrid::s4u;

namespace {

Simulation* g_current = nullptr;  // the one Simulation of this process (one SimGrid engine)

std::unique_ptr<sg4::Engine> make_engine() {
  if (g_current != nullptr) throw std::runtime_error("one Simulation per process (one SimGrid engine)");
  static int argc = 2;
  static char arg0[] = "knsim";
  static char arg1[] = "--log=root.thres:critical";
  static char* argv[] = {arg0, arg1, nullptr};
  return std::make_unique<sg4::Engine>(&argc, argv);
}

}  // namespace

Simulation::Simulation(SimInput input, reports::EventSink* sink)
    : input_(std::move(input)),
      events_(sink),
      engine_(make_engine()),
      cluster_(input_.scenario.cluster, input_.scenario.seed, events_, *this),
      data_path_(input_.scenario.cluster, input_.scenario.seed, cluster_, serving_, events_, *this),
      control_(input_.autoscaler, input_.defaults.progress_deadline, input_.scenario.duration, input_.scenario.seed,
               *this, *this, events_, [this](RevisionId rev) { observe(rev); }),
      serving_(input_, cluster_, data_path_, control_, events_, [this](RevisionId rev) { observe(rev); }) {
  g_current = this;
  control_.on_initialized([this](RevisionId rev) { serving_.revision_ready(rev); });
  // The initial manifests were applied, and their revisions became Ready, before t = 0.
  cluster_.set_instant(true);
  for (const auto& svc : input_.services) serving_.apply_service(svc, "initial manifests");
  for (const auto& cfg : input_.configurations) serving_.apply_standalone_configuration(cfg, "initial manifests");
  for (const auto& route : input_.routes) serving_.apply_standalone_route(route, "initial manifests");
  cluster_.set_instant(false);
  start_workloads();
  schedule_timeline();
  at(0.0, [this] { control_.stats_loop(); });
}

Simulation::~Simulation() { g_current = nullptr; }

Seconds Simulation::now() const { return timer_clock(); }

// Every deadline is a timed event: a slice boundary only observes. The events run in
// (time, scheduling order), each with the clock at its date (sim/timers.hpp).
void Simulation::run_until(Seconds t) { run_events_until(std::min(t, duration())); }

void Simulation::finish() {
  if (finished_) return;
  finished_ = true;
  data_path_.finish();
}

void Simulation::submit(const std::string& ns, const std::string& name, Seconds sent, RequestWork work,
                        std::optional<Seconds> timeout, Completion done) {
  int entry = -1;  // the last live entry of that name (a Service, Configuration or Route)
  for (std::size_t i = 0; i < serving_.entries().size(); ++i) {
    const ServiceRt& e = serving_.entries()[i];
    if (e.name == name && e.namespace_name == ns && !e.deleted) entry = static_cast<int>(i);
  }
  RequestSpec spec;
  spec.route = entry;
  spec.split_rng = &data_path_.route_rng();
  spec.sent = sent;
  spec.timeout = timeout;
  data_path_.submit(spec, [work] { return work; }, std::move(done));
}

// --- the control loops' view of the cluster (core::autoscaler::ScaleTargetReader) ---

std::int32_t Simulation::ready_pods(RevisionId rev) const {
  return static_cast<std::int32_t>(cluster_.deployment(rev).endpoints.size());
}

std::int32_t Simulation::live_pods(RevisionId rev) const {
  return static_cast<std::int32_t>(cluster_.deployment(rev).pods.size());
}

std::int32_t Simulation::deployment_replicas(RevisionId rev) const { return cluster_.deployment(rev).replicas; }

// What the HPA controller sees of each pod (its pod lister and metrics-server): Pending until the
// containers start, deleting while Terminating, Ready as the endpoints say, and a CPU sample (the
// CPU seconds the pod started since the last HPA sync, over the 15 s sync period) only once its
// containers have run one 15 s metrics-server window and while its node answers; missing otherwise.
std::vector<core::autoscaler::HpaPodSample> Simulation::hpa_pod_samples(RevisionId rev, Seconds t) {
  constexpr Seconds kMetricWindow = 15;  // metrics-server --metric-resolution
  const Deployment& d = cluster_.deployment(rev);
  std::vector<core::autoscaler::HpaPodSample> out;
  for (PodId pi : d.pods) {
    const Pod& p = cluster_.pod(pi);
    core::autoscaler::HpaPodSample s;
    s.name = p.name;
    const double cpu = data_path_.take_pod_cpu_seconds(pi);
    const bool started = p.started_at >= 0;
    s.phase = started ? core::autoscaler::HpaPodPhase::kRunning : core::autoscaler::HpaPodPhase::kPending;
    s.deleting = p.phase == PodPhase::kTerminating;
    if (started) s.start_time = p.started_at;
    s.ready = p.phase == PodPhase::kReady;
    s.ready_last_transition = p.ready_at >= 0 ? p.ready_at : (started ? p.started_at : p.created);
    const bool node_up = p.node >= 0 && cluster_.node_of(pi).up;
    if (started && node_up && t - p.started_at >= kMetricWindow) {
      s.usage_milli = std::llround(1000.0 * cpu / core::autoscaler::kHpaSyncPeriod);
    }
    s.sample_timestamp = t;
    s.sample_window = kMetricWindow;
    s.request_milli = std::llround(1000.0 * d.pod.cpu_request);
    out.push_back(std::move(s));
  }
  return out;
}

void Simulation::ready_pod_stats(RevisionId rev, Seconds t, std::vector<core::metrics::Stat>& out) {
  data_path_.ready_pod_stats(rev, t, out);
}

bool Simulation::activator_report(RevisionId rev, std::size_t activator, Seconds t, core::metrics::Stat& out) {
  return data_path_.activator_report(rev, activator, t, out);
}

// --- observation ---

void Simulation::observe(RevisionId rev) {
  if (integrals_.size() <= rev.value) integrals_.resize(rev.value + 1);
  Integrals& in = integrals_[rev.value];
  const Deployment& d = cluster_.deployment(rev);
  const RevisionControlState& c = control_.state(rev);
  const Seconds t = now();
  const bool live = !(d.deleted && d.pods.empty());
  in.pod_seconds.set(t, static_cast<double>(d.pods.size()));
  in.panic_seconds.set(t, live && c.panic() ? 1 : 0);
  in.proxy_seconds.set(t, live && c.sks().status.effective_mode == core::api::SksMode::kProxy ? 1 : 0);
}

RevisionView Simulation::view(RevisionId rev) const {
  return RevisionView{rev, serving_.revision(rev), cluster_.deployment(rev), data_path_.traffic(rev), control_.state(rev)};
}

std::vector<RevisionView> Simulation::revisions() const {
  std::vector<RevisionView> out;
  for (std::uint32_t i = 0; i < serving_.revision_count(); ++i) out.push_back(view(RevisionId{i}));
  return out;
}

std::optional<RevisionView> Simulation::find_revision(const std::string& name) const {
  for (std::uint32_t i = 0; i < serving_.revision_count(); ++i)
    if (serving_.revision(RevisionId{i}).name == name) return view(RevisionId{i});
  return std::nullopt;
}

std::map<std::string, reports::RevisionIntegrals> Simulation::revision_integrals() const {
  std::map<std::string, reports::RevisionIntegrals> out;
  const Seconds t = now();
  for (std::uint32_t i = 0; i < serving_.revision_count(); ++i) {
    const Integrals& in = integrals_[i];
    out[serving_.revision(RevisionId{i}).name] = {in.pod_seconds.area_until(t), in.panic_seconds.area_until(t),
                                                  in.proxy_seconds.area_until(t)};
  }
  return out;
}

double Simulation::node_seconds() const {
  double total = 0;
  for (const auto& n : cluster_.nodes()) total += n.up_seconds.area_until(now());
  return total;
}

std::vector<std::string> Simulation::revision_names() const {
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < serving_.revision_count(); ++i) out.push_back(serving_.revision(RevisionId{i}).name);
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, std::string> Simulation::revision_services() const {
  std::map<std::string, std::string> out;
  for (std::uint32_t i = 0; i < serving_.revision_count(); ++i)
    out[serving_.revision(RevisionId{i}).name] = serving_.revision(RevisionId{i}).service;
  return out;
}

std::vector<std::string> Simulation::node_names() const {
  std::vector<std::string> out;
  for (const auto& n : cluster_.nodes()) out.push_back(n.name);
  return out;
}

}  // namespace knsim::sim
