#pragma once
// Builds simulator inputs by hand (no YAML) and runs them, collecting samples and events.
// One Simulation per process: every TEST that runs one is its own process under ctest.
#include <map>
#include <string>
#include <vector>

#include "reports/events.hpp"
#include "sim/simulation.hpp"

namespace knsim::sim::testing {

inline core::api::Service make_service(const std::string& name, std::int64_t cc,
                                       std::map<std::string, std::string> annotations = {},
                                       const std::string& image = "img") {
  core::api::Service s;
  s.metadata.name = name;
  s.metadata.namespace_name = "default";
  auto& t = s.spec.configuration.revision_template;
  t.metadata.annotations = std::move(annotations);
  t.spec.container_concurrency = cc;
  core::api::Container c;
  c.name = "user-container";
  c.image = image;
  c.resources.requests.cpu = core::api::Quantity{"100m", 0.1};
  c.resources.requests.memory = core::api::Quantity{"128Mi", 128.0 * 1024 * 1024};
  t.spec.containers.push_back(c);
  return s;
}

inline models::ArrivalSpec constant_rate(double rate) {
  models::ArrivalSpec a;
  a.kind = models::ArrivalSpec::Kind::kConstant;
  a.rate = rate;
  return a;
}

inline models::WorkloadSpec workload(const std::string& service, models::ArrivalSpec arrivals, double cpu, double wait) {
  models::WorkloadSpec w;
  w.name = service;
  w.service = service;
  w.arrivals = std::move(arrivals);
  w.request.cpu = models::DistributionSpec::constant_of(cpu);
  w.request.wait = models::DistributionSpec::constant_of(wait);
  w.request.cpu_set = w.request.wait_set = true;
  return w;
}

// A cluster of `nodes` nodes of 8 cores / 32Gi, constant startup phases (scheduling 0.1 s, container
// start 1 s, readiness 0.5 s), 0.5 ms hops.
inline SimInput base_input(double duration, int nodes = 3) {
  SimInput in;
  in.scenario.name = "test";
  in.scenario.duration = duration;
  in.scenario.seed = 7;
  models::NodePoolSpec pool;
  pool.name = "worker";
  pool.count = nodes;
  in.scenario.cluster.node_pools.push_back(pool);
  in.scenario.cluster.hop_latency = 0.0005;
  auto& ps = in.scenario.cluster.pod_startup;
  ps.scheduling = models::DistributionSpec::constant_of(0.1);
  ps.container_start = models::DistributionSpec::constant_of(1.0);
  ps.readiness_period = 0.5;
  // Tests pin phases by hand: Kubernetes' control-plane queues and queue-proxy's drain are off
  // here, and the kubelet probes every 0.5 s (tests of those behaviours turn them on).
  ps.readiness_probe.period_seconds = 0.5;
  in.scenario.cluster.control_plane.knative_controllers.rate = 0;
  in.scenario.cluster.control_plane.api_server.rate = 0;
  in.scenario.cluster.control_plane.scheduler.rate = 0;
  in.scenario.cluster.control_plane.kubelet_pod_start.rate = 0;
  in.scenario.cluster.pod_termination.drain_sleep_duration = 0;
  // Activator pods request nothing here, so that they do not move the pods tests place by hand
  // (tests of activator placement set cluster.activator_pods back to its defaults).
  in.scenario.cluster.activator_pods.cpu = 0;
  in.scenario.cluster.activator_pods.memory_bytes = 0;
  return in;
}

struct SimRun {
  reports::EventLog events;
  std::vector<reports::RevisionSample> samples;
  std::vector<reports::NodeSample> node_samples;
  std::unique_ptr<Simulation> sim;

  explicit SimRun(SimInput in) : sim(std::make_unique<Simulation>(std::move(in), &events)) {}
  // Runs to `until` in 1 s slices, collecting samples.
  void to(double until) {
    for (double t = sim->now(); t < until - 1e-9;) {
      t = std::min(until, std::floor(t + 1.0 + 1e-9));
      sim->run_until(t);
      sim->sample(samples, node_samples);
    }
  }
  std::vector<reports::RevisionSample> rows(const std::string& rev) const {
    std::vector<reports::RevisionSample> out;
    for (const auto& s : samples)
      if (s.revision == rev) out.push_back(s);
    return out;
  }
  template <class T>
  std::vector<std::pair<double, T>> events_of() const {
    std::vector<std::pair<double, T>> out;
    for (const auto& e : events.events())
      if (const T* x = e.as<T>()) out.emplace_back(e.t_s, *x);
    return out;
  }
};

}  // namespace knsim::sim::testing
