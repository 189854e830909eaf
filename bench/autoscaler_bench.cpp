// Autoscaler benchmarks: a 1-hour replay (3600 s of stats from 10 pods and an activator, 1800
// decider ticks) through the collector and the KPA decider, with and without the JSON layer.
// Expect well under 10 ms per replay.
#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

#include "cli/replay_json.hpp"
#include "core/autoscaler/replay.hpp"
#include "core/random/rng.hpp"

namespace {

using knsim::core::autoscaler::ReplayEvent;
using knsim::core::autoscaler::ReplayInput;

// One hour of a diurnal-ish load with bursts: every second 10 pod stats + 1 activator stat,
// every 2 s a tick.
ReplayInput one_hour_input() {
  knsim::core::Rng rng(42);
  ReplayInput in;
  in.name = "bench-1h";
  in.annotations = {{"autoscaling.knative.dev/target", "10"}};
  int ready = 1;
  for (int s = 0; s < 3600; ++s) {
    const double load = 40 + 30 * std::sin(s / 300.0) + (rng.below(200) == 0 ? 150 : 0);
    for (int p = 0; p < 10; ++p) {
      ReplayEvent e;
      e.kind = ReplayEvent::Kind::kStat;
      e.t = s;
      e.stat.pod_name = "pod-" + std::to_string(p);
      e.stat.average_concurrency = load / 10 * rng.uniform(0.8, 1.2);
      e.stat.request_count = e.stat.average_concurrency * 5;
      in.events.push_back(std::move(e));
    }
    ReplayEvent act;
    act.kind = ReplayEvent::Kind::kStat;
    act.t = s + 0.5;
    act.stat.pod_name = "activator";
    act.stat.average_concurrency = rng.uniform(0, 2);
    in.events.push_back(std::move(act));
    if (s % 2 == 0) {
      ReplayEvent tick;
      tick.t = s;
      ready = std::max(1, ready + static_cast<int>(rng.below(3)) - 1);
      tick.ready_pods = ready;
      in.events.push_back(tick);
    }
  }
  return in;
}

// state.range(0): 1 = with the per-tick reason text (--explain), 0 = without.
void BM_AutoscalerReplayOneHour(benchmark::State& state) {
  const ReplayInput in = one_hour_input();
  for (auto _ : state) {
    auto out = knsim::core::autoscaler::run_replay(in, state.range(0) != 0);
    benchmark::DoNotOptimize(out.ticks.data());
  }
  state.counters["ticks"] = 1800;
  state.counters["stats"] = 3600 * 11;
}
BENCHMARK(BM_AutoscalerReplayOneHour)->Arg(0)->Arg(1)->ArgName("explain")->Unit(benchmark::kMillisecond);

std::string to_json(const ReplayInput& in) {
  std::string s = R"({"annotations": {"autoscaling.knative.dev/target": "10"}, "container_concurrency": 0, "events": [)";
  bool first = true;
  for (const auto& e : in.events) {
    if (!first) s += ", ";
    first = false;
    if (e.kind == ReplayEvent::Kind::kTick) {
      s += "{\"t\": " + knsim::cli::format_json_float(e.t) + ", \"kind\": \"tick\", \"ready_pods\": " +
           std::to_string(e.ready_pods) + "}";
    } else {
      s += "{\"t\": " + knsim::cli::format_json_float(e.t) + ", \"kind\": \"stat\", \"pod\": \"" + e.stat.pod_name +
           "\", \"concurrency\": " + knsim::cli::format_json_float(e.stat.average_concurrency) +
           ", \"rps\": " + knsim::cli::format_json_float(e.stat.request_count) + "}";
    }
  }
  return s + "]}";
}

// The whole `knsim autoscaler replay` path minus file I/O: parse JSON, replay, format lines.
void BM_AutoscalerReplayOneHourWithJson(benchmark::State& state) {
  const std::string text = to_json(one_hour_input());
  for (auto _ : state) {
    const auto parsed = knsim::cli::parse_replay_json(text);
    const auto out = knsim::core::autoscaler::run_replay(parsed.input, false);
    std::string lines;
    for (const auto& t : out.ticks) lines += knsim::cli::format_replay_tick(t, false) + "\n";
    benchmark::DoNotOptimize(lines.data());
  }
  state.counters["json_bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_AutoscalerReplayOneHourWithJson)->Unit(benchmark::kMillisecond);

}  // namespace
