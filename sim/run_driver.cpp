// See run_driver.hpp. Time is advanced in slices of one sample interval; between slices the driver
// samples the time series, talks the stream protocol and draws progress.
#include "sim/run_driver.hpp"

#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <thread>

#include "cmake/version.hpp"
#include "reports/run_recorder.hpp"
#include "reports/writers.hpp"
#include "sim/eventing/cluster_gateway.hpp"
#include "sim/simulation.hpp"

namespace knsim::sim {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Stream `event` lines; events raised before the `hello` line (while the initial manifests are
// applied) are held back until release().
class StreamSink : public reports::EventSink {
 public:
  explicit StreamSink(std::ostream& out) : out_(out) {}
  void on_event(const reports::Event& e) override {
    nlohmann::ordered_json j;
    j["type"] = "event";
    const auto body = reports::event_to_json(e);
    for (auto it = body.begin(); it != body.end(); ++it) j[it.key()] = it.value();
    if (held_) held_lines_.push_back(j.dump());
    else out_ << j.dump() << '\n';
  }
  void release() {
    held_ = false;
    for (const auto& l : held_lines_) out_ << l << '\n';
    held_lines_.clear();
  }

 private:
  std::ostream& out_;
  bool held_ = true;
  std::vector<std::string> held_lines_;
};

// The stream's stdin commands (docs/run-stream.md).
struct Control {
  int fd = 0;
  bool paused = false, quit = false, eof = false;
  double speed = 0;        // simulated seconds per wall second, 0 = as fast as possible
  double step_until = -1;  // pause again when simulated time reaches this
  std::string buffer;

  // Reads what is available within timeout_ms (-1 = wait for input) and applies whole lines.
  void read(int timeout_ms, double now) {
    if (eof) return;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return;
    char chunk[4096];
    const auto n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) {
      eof = true;  // end of stdin is `end`
      paused = false;
      speed = 0;
      step_until = -1;
      return;
    }
    buffer.append(chunk, static_cast<std::size_t>(n));
    for (auto nl = buffer.find('\n'); nl != std::string::npos; nl = buffer.find('\n')) {
      apply(buffer.substr(0, nl), now);
      buffer.erase(0, nl + 1);
    }
  }
  void apply(const std::string& line, double now) {
    const auto sp = line.find(' ');
    const std::string cmd = line.substr(0, sp);
    const double arg = sp == std::string::npos ? 0 : std::atof(line.c_str() + sp + 1);
    if (cmd == "pause") paused = true;
    else if (cmd == "resume") paused = false;
    else if (cmd == "step") {
      step_until = now + std::max(0.0, arg);
      paused = false;
    } else if (cmd == "speed") speed = std::max(0.0, arg);
    else if (cmd == "end") {
      paused = false;
      speed = 0;
      step_until = -1;
    } else if (cmd == "quit") quit = true;
  }
};

void draw_progress(std::ostream& err, double t, double duration, std::int64_t requests, double wall) {
  const double frac = duration > 0 ? std::min(1.0, t / duration) : 1;
  const int width = 30, filled = static_cast<int>(frac * width);
  const double left = frac > 0 ? wall * (1 - frac) / frac : 0;
  char line[200];
  std::snprintf(line, sizeof line, "\r[%-*s] %5.1f%%  t=%.0fs/%.0fs  requests %lld  ~%.0fs left ", width,
                std::string(static_cast<std::size_t>(filled), '#').c_str(), frac * 100, t, duration,
                static_cast<long long>(requests), left);
  err << line << std::flush;
}

}  // namespace

nlohmann::ordered_json resolved_config_json(const SimInput& in) {
  const auto& a = in.autoscaler;
  nlohmann::ordered_json c;
  c["config-autoscaler"] = {
      {"container-concurrency-target-percentage", a.container_concurrency_target_fraction * 100},
      {"container-concurrency-target-default", a.container_concurrency_target_default},
      {"requests-per-second-target-default", a.rps_target_default},
      {"target-burst-capacity", a.target_burst_capacity},
      {"stable-window", core::format_duration(a.stable_window)},
      {"panic-window-percentage", a.panic_window_percentage},
      {"panic-threshold-percentage", a.panic_threshold_percentage},
      {"max-scale-up-rate", a.max_scale_up_rate},
      {"max-scale-down-rate", a.max_scale_down_rate},
      {"enable-scale-to-zero", a.enable_scale_to_zero},
      {"scale-to-zero-grace-period", core::format_duration(a.scale_to_zero_grace_period)},
      {"scale-to-zero-pod-retention-period", core::format_duration(a.scale_to_zero_pod_retention_period)},
      {"activator-capacity", a.activator_capacity},
      {"initial-scale", a.initial_scale},
      {"min-scale", a.min_scale},
      {"max-scale", a.max_scale},
      {"scale-down-delay", core::format_duration(a.scale_down_delay)},
      {"pod-autoscaler-class", a.pod_autoscaler_class}};
  c["config-defaults"] = {{"revision-timeout-seconds", in.defaults.revision_timeout_seconds},
                          {"container-concurrency", in.defaults.container_concurrency}};
  c["config-deployment"] = {{"progress-deadline", core::format_duration(in.defaults.progress_deadline)}};
  c["config-network"] = {{"rollout-duration", in.defaults.rollout_duration}};
  nlohmann::ordered_json svcs = nlohmann::ordered_json::object();
  for (const auto& s : in.services) svcs[s.metadata.name] = s.spec.configuration.revision_template.metadata.annotations;
  c["service-annotations"] = svcs;
  return c;
}

RunResult run_simulation(SimInput input, const RunOptions& opt, std::ostream& out, std::ostream& err) {
  RunResult result;
  const auto wall0 = Clock::now();
  // Outputs are written as the run goes (reports/run_recorder.hpp): memory does not grow with the
  // simulated time. Leaked with the Simulation, whose sinks point at it.
  const double duration = input.scenario.duration;
  const double sample_interval = input.scenario.sample_interval > 0 ? input.scenario.sample_interval : 1.0;
  auto& recorder = *new reports::RunRecorder(opt.out_dir, duration, sample_interval);
  if (std::string e = recorder.open(); !e.empty()) {
    result.error = e;
    if (opt.stream) out << nlohmann::ordered_json{{"type", "error"}, {"message", e}}.dump() << '\n' << std::flush;
    return result;
  }
  static StreamSink stream_sink(out);
  static reports::FanoutSink fanout;
  fanout.add(&recorder);
  if (opt.stream) fanout.add(&stream_sink);
  const auto config = resolved_config_json(input);
  Control ctl;
  ctl.fd = opt.stdin_fd;
  // Deliberately never destroyed: tearing down a SimGrid 3.32 engine with executions still
  // running crashes at exit, and the process ends after the run (the CLI exits with _Exit).
  Simulation& sim = *new Simulation(std::move(input), &fanout);
  if (opt.engine_ready) opt.engine_ready();
  // Leaked with the Simulation (its timers point at it).
  eventing::EventingEngine* eventing = eventing::make_eventing_engine(sim, &fanout).release();
  if (eventing != nullptr) eventing->start();
  // ApiServerSources watch the cluster's typed object changes (sim/object_changes.hpp).
  eventing::watch_cluster(sim, eventing);
  sim.end_object_listing();
  const auto& sc = sim.input().scenario;
  const double interval = sc.sample_interval > 0 ? sc.sample_interval : 1.0;
  if (opt.stream) {
    nlohmann::ordered_json hello{{"type", "hello"},           {"scenario", sc.name},
                                 {"seed", sc.seed},           {"duration_s", sc.duration},
                                 {"sample_interval_s", interval}, {"revisions", sim.revision_names()},
                                 {"nodes", sim.node_names()}, {"knsim_version", knsim::version_string()}};
    out << hello.dump() << '\n';
    stream_sink.release();
    out << std::flush;
    if (opt.start_paused) {
      ctl.paused = true;
      out << nlohmann::ordered_json{{"type", "paused"}, {"t_s", 0.0}}.dump() << '\n' << std::flush;
    }
  }
  double t = 0, last_progress = -1, pace_t0 = 0;
  std::int64_t slice = 0;
  auto pace_wall0 = Clock::now();
  double pace_speed = 0;
  bool announced_pause = opt.stream && opt.start_paused;
  std::vector<reports::RevisionSample> revs;
  std::vector<reports::NodeSample> nodes;
  while (t < sc.duration - 1e-9 && !ctl.quit) {
    if (opt.stop_requested && opt.stop_requested()) {
      result.interrupted = true;
      break;
    }
    if (opt.stream) {
      ctl.read(0, t);
      while (ctl.paused && !ctl.quit) {
        if (!announced_pause) {
          out << nlohmann::ordered_json{{"type", "paused"}, {"t_s", t}}.dump() << '\n' << std::flush;
          announced_pause = true;
        }
        ctl.read(250, t);
      }
      announced_pause = false;
      if (ctl.quit) break;
      if (ctl.speed != pace_speed) {
        pace_speed = ctl.speed;
        pace_t0 = t;
        pace_wall0 = Clock::now();
      }
    }
    // Slice ends are k * interval (not a running sum, whose rounding would end the run short of
    // the duration), and the last one is the duration itself.
    ++slice;
    double next = static_cast<double>(slice) * interval;
    if (next > sc.duration - 1e-9) next = sc.duration;
    sim.run_until(next);
    t = next;
    revs.clear();
    nodes.clear();
    sim.sample(revs, nodes);
    recorder.add_samples(revs, nodes);  // sorts them by name
    if (opt.stream) {
      for (const auto& s : revs) out << reports::to_json(s).dump() << '\n';
      for (const auto& s : nodes) out << reports::to_json(s).dump() << '\n';
      if (ctl.step_until >= 0 && t >= ctl.step_until - 1e-9) {
        ctl.step_until = -1;
        ctl.paused = true;
      }
      if (pace_speed > 0) {
        const double due = (t - pace_t0) / pace_speed - seconds_since(pace_wall0);
        if (due > 0) std::this_thread::sleep_for(std::chrono::duration<double>(due));
      }
    }
    const double wall = seconds_since(wall0);
    if (wall - last_progress >= 0.25 || t >= sc.duration) {
      last_progress = wall;
      if (opt.stream)
        out << nlohmann::ordered_json{{"type", "progress"}, {"t_s", t}, {"requests", sim.arrivals()}, {"wall_s", wall}}.dump()
            << '\n' << std::flush;
      else if (opt.progress)
        draw_progress(err, t, sc.duration, sim.arrivals(), wall);
    }
  }
  if (opt.progress && !opt.stream) err << '\n';
  if (result.interrupted) {
    recorder.discard();
    result.error = "interrupted at t=" + reports::format_number(t) + " s of " + reports::format_number(sc.duration) +
                   " s; no outputs written";
    if (opt.stream) out << nlohmann::ordered_json{{"type", "error"}, {"message", result.error}}.dump() << '\n' << std::flush;
    return result;
  }
  result.quit = ctl.quit;
  sim.finish();
  reports::RunInfo info;
  info.scenario = sc.name;
  info.seed = sc.seed;
  info.duration_s = sc.duration;
  info.sample_interval_s = interval;
  info.wall_seconds = seconds_since(wall0);
  info.config = config;
  info.revision_services = sim.revision_services();
  info.has_integrals = true;  // exact pod/panic/proxy/node seconds, independent of the sample interval
  info.integrals = sim.revision_integrals();
  info.node_seconds = sim.node_seconds();
  result.summary = reports::build_run_summary(info, sim.stats(), recorder.aggregates());
  if (eventing != nullptr) result.summary.eventing = eventing->summary_json();
  // Wall-clock figures go only into summary.json (wall_seconds, simulated_requests_per_wall_second):
  // every other output, report.html included, is byte-identical for the same scenario and seed.
  if (ctl.quit) result.summary.stopped_at_s = t;  // a `quit` run says so in summary.json
  reports::WriteOptions no_wall;
  no_wall.include_wall = false;
  no_wall.wall_in_summary = true;
  const std::string werr = recorder.finish(result.summary, no_wall);
  if (!werr.empty()) {
    result.error = werr;
    if (opt.stream) out << nlohmann::ordered_json{{"type", "error"}, {"message", werr}}.dump() << '\n' << std::flush;
    return result;
  }
  if (opt.stream) {
    out << nlohmann::ordered_json{{"type", "done"}, {"summary", reports::to_json(result.summary)},
                                  {"out_dir", opt.out_dir.string()}}.dump()
        << '\n' << std::flush;
  }
  return result;
}

}  // namespace knsim::sim
