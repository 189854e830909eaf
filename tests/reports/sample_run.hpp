#pragma once
// A small synthetic run shared by the reports tests: a 70/30 canary (hello-00001, hello-00002)
// under a step load with a panic period, a Proxy period at the start, a node failure and a
// timeline action. Values are made up but consistent (total = succeeded + failed).
#include <cmath>

#include "reports/events.hpp"
#include "reports/request_stats.hpp"
#include "reports/run_summary.hpp"
#include "reports/time_series_store.hpp"

namespace knsim::reports::testing {

struct SampleRun {
  TimeSeriesStore store;
  RequestStats stats;
  EventLog events;
  RunInfo info;
};

inline void fill_sample_run(SampleRun& run, int seconds = 600) {
  run.info.scenario = "canary-sample";
  run.info.seed = 7;
  run.info.duration_s = seconds;
  run.info.sample_interval_s = 1;
  run.info.config = nlohmann::ordered_json{{"config-autoscaler", {{"stable-window", "60s"}}}};
  const int rev[2] = {run.stats.add_revision("hello-00001", "hello"), run.stats.add_revision("hello-00002", "hello")};
  const double split[2] = {0.7, 0.3};
  run.events.on_event({0, TimelineActionEvent{"apply", "hello.yaml"}});
  run.events.on_event({0, TrafficChange{"default/hello", {{"hello-00001", "", 70}, {"hello-00002", "", 30}}, "route"}});
  for (int t = 1; t <= seconds; ++t) {
    const double load = t < seconds / 3 ? 20 : 120;  // requests per second, a step at 1/3
    for (int r = 0; r < 2; ++r) {
      const auto n = static_cast<int>(std::lround(load * split[r]));
      for (int k = 0; k < n; ++k) {
        run.stats.arrival(rev[r]);
        if (k == 0 && t % 97 == 0) {
          run.stats.failed(rev[r], FailureReason::kOverflow503);
        } else {
          run.stats.succeeded(rev[r], 0.020 + 0.001 * (k % 30) + (t < 20 ? 1.5 : 0), t < 20 && k == 1);
        }
      }
      const IntervalStats iv = run.stats.take_interval(rev[r]);
      RevisionSample s;
      s.t_s = t;
      s.revision = r == 0 ? "hello-00001" : "hello-00002";
      s.target = 10;
      s.observed_stable = load * split[r] * 0.05 * std::min(1.0, t / 60.0 + 0.2);
      s.observed_panic = load * split[r] * 0.05;
      s.desired_pods = std::ceil(s.observed_panic / s.target * 10) / 2;
      s.ready_pods = t < 20 ? 0 : std::min(s.desired_pods, 1.0 + (t - 20) / 10.0);
      s.pods = std::max(s.ready_pods, s.desired_pods);
      s.panic = t > seconds / 3 && t < seconds / 3 + 60;
      s.mode = t < 20 ? Mode::kProxy : Mode::kServe;
      s.ebc = s.mode == Mode::kProxy ? -1 : 50;
      s.requests = static_cast<double>(iv.requests);
      s.concurrency = s.observed_stable;
      s.traffic_percent = split[r] * 100;
      s.served_share = split[r];
      s.latency_p50_ms = iv.latency_p50_ms;
      s.latency_p99_ms = iv.latency_p99_ms;
      s.failures = static_cast<double>(iv.failures);
      s.cold_starts = static_cast<double>(iv.cold_starts);
      s.max_scale = 0;
      run.store.add(s);
    }
    for (int node = 0; node < 3; ++node) {
      NodeSample n;
      n.t_s = t;
      n.node = "worker-" + std::to_string(node);
      n.up = !(node == 1 && t > seconds / 2);
      n.pods = n.up ? 2 : 0;
      n.cpu_cores = 8;
      n.cpu_used = n.up ? load * 0.02 / 3 : 0;
      run.store.add(n);
    }
    if (t == seconds / 3 + 1) run.events.on_event({static_cast<double>(t), PanicChange{"hello-00001", true, "panic threshold"}});
    if (t == seconds / 3 + 60) run.events.on_event({static_cast<double>(t), PanicChange{"hello-00001", false, "stable"}});
    if (t == 20) run.events.on_event({20, ModeSwitch{"hello-00001", "Serve", "ebc >= 0"}});
    if (t == 25) run.events.on_event({25, ScaleEvent{"hello-00001", 1, 2, "autoscaler"}});
    if (t == 200) run.events.on_event({200, ScaleEvent{"hello-00001", 2, 4, "autoscaler"}});
    if (t == seconds / 2 + 1) run.events.on_event({static_cast<double>(t), NodeChange{"worker-1", false, 2, 3, "timeline failNode"}});
  }
}

}  // namespace knsim::reports::testing
