// `knsim cluster shadow [--kubeconfig F] [--context C] [-n NS] [--revision NAME ...] [--prometheus URL]
// [--scrape apiserver|direct] [--duration D] [--out DIR] [--stream]` (docs/adapter.md "shadow"):
// a twin of the real KPA beside it on the same live metrics; read-only. The loop is
// adapter/shadow/shadow_session.hpp; this file wires flags, files, stdout and Ctrl-C.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "adapter/shadow/shadow_session.hpp"
#include "cli/cluster_common.hpp"
#include "cli/interrupt.hpp"
#include "core/time/time.hpp"

namespace knsim::cli {
namespace {

struct ShadowFlags {
  ConnectionFlags connection;
  std::string namespace_name, prometheus, scrape = "apiserver", duration, out = "shadow";
  std::vector<std::string> revisions;
  bool stream = false;
  double tick_seconds = 1.0;   // hidden: wall seconds per shadow second (tests)
  int metrics_port = 9090;     // hidden: queue-proxy's autoscaler metrics port
  double qps = 50;
  std::uint64_t seed = 1;
};

// Checks the flags; prints what is wrong and returns false.
bool parse_flags(const ShadowFlags& f, adapter::ShadowOptions& o) {
  if (f.scrape != "apiserver" && f.scrape != "direct") {
    std::cerr << "knsim cluster shadow: --scrape " << f.scrape << ": use apiserver or direct\n";
    return false;
  }
  o.scrape = f.scrape == "direct" ? adapter::ScrapeMode::kDirect : adapter::ScrapeMode::kApiServer;
  if (!f.duration.empty()) {
    const auto d = core::parse_duration(f.duration);
    if (!d || *d <= 0) {
      std::cerr << "knsim cluster shadow: --duration " << f.duration << ": not a positive duration (e.g. 5m, 90s)\n";
      return false;
    }
    o.duration = *d;
  }
  if (!(f.tick_seconds >= 0) || f.metrics_port <= 0 || f.metrics_port > 65535 || !(f.qps >= 0)) {
    std::cerr << "knsim cluster shadow: --tick-seconds, --metrics-port or --qps out of range\n";
    return false;
  }
  o.tick_seconds = f.tick_seconds;
  o.metrics_port = f.metrics_port;
  o.revisions = f.revisions;
  o.seed = f.seed;
  return true;
}

int shadow_command(const ShadowFlags& f) {
  adapter::ShadowOptions o;
  if (!parse_flags(f, o)) return kExitInvalidInput;
  adapter::KubeClientOptions ko;
  ko.qps = f.qps;
  ko.burst = static_cast<int>(std::max(10.0, 2 * f.qps));
  ko.request_timeout_s = 10;
  auto client = connect(f.connection, ko);
  o.namespace_name = f.namespace_name.empty() ? client->access().namespace_name : f.namespace_name;
  std::unique_ptr<adapter::PrometheusClient> prometheus;
  if (!f.prometheus.empty()) prometheus = std::make_unique<adapter::PrometheusClient>(f.prometheus);

  std::filesystem::create_directories(f.out);
  std::ofstream jsonl(std::filesystem::path(f.out) / "shadow.jsonl", std::ios::binary | std::ios::trunc);
  if (!jsonl) throw std::runtime_error("cannot write " + (std::filesystem::path(f.out) / "shadow.jsonl").string());
  adapter::ShadowIo io;
  io.kube = client.get();
  io.prometheus = prometheus.get();
  io.clock = adapter::unix_now;
  io.sleep = [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); };
  adapter::ShadowSession session(io, o, [&](const adapter::ShadowLine& line) {
    const std::string text = adapter::to_json_line(line);
    jsonl << text << '\n' << std::flush;
    if (f.stream) std::cout << text << '\n' << std::flush;
  });
  std::size_t said = 0;
  const auto say_notes = [&] {
    for (; said < session.notes().size(); ++said) std::cerr << "knsim cluster shadow: " << session.notes()[said] << "\n";
  };
  install_interrupt_handler();
  session.start();
  say_notes();
  std::cerr << "knsim cluster shadow: shadowing " << o.namespace_name << " on " << client->access().describe()
            << (o.duration > 0 ? "" : " until Ctrl-C") << "; writing " << f.out << "/shadow.jsonl\n";
  session.run([&] {
    say_notes();
    return interrupt_signal() != 0;
  });
  say_notes();
  const auto summary_path = std::filesystem::path(f.out) / "shadow-summary.json";
  std::ofstream(summary_path, std::ios::binary | std::ios::trunc) << session.summary().to_json();
  std::cerr << "knsim cluster shadow: " << session.seconds() << " s shadowed"
            << (interrupt_signal() != 0 ? " (stopped by signal)" : "") << "; summary in " << summary_path.string() << "\n";
  return kExitOk;
}

}  // namespace

void register_cluster_shadow(CLI::App* cluster, ExitCode& exit_code) {
  auto* cmd = cluster->add_subcommand(
      "shadow", "Run a twin of the real Knative autoscaler beside it on live metrics and compare decisions (read only)");
  auto f = std::make_shared<ShadowFlags>();
  add_connection_flags(cmd, f->connection);
  cmd->add_option("-n,--namespace", f->namespace_name, "namespace (default: the context's)");
  cmd->add_option("--revision", f->revisions, "revision to shadow (repeatable; default: every KPA revision)");
  cmd->add_option("--prometheus", f->prometheus,
                  "Prometheus base URL: the activator's share and the autoscaler's own gauges (either name set)");
  cmd->add_option("--scrape", f->scrape, "apiserver (pod proxy, default) or direct (pod IPs, inside the cluster)");
  cmd->add_option("--duration", f->duration, "how long, e.g. 5m (default: until Ctrl-C)");
  cmd->add_option("--out", f->out, "folder for shadow.jsonl and shadow-summary.json (default ./shadow)");
  cmd->add_flag("--stream", f->stream, "also print each shadow.jsonl line on stdout");
  cmd->add_option("--qps", f->qps, "API server requests per second (default 50; burst twice that)");
  cmd->add_option("--seed", f->seed, "random stream of the pod sample above 4 pods (default 1)")->group("");
  cmd->add_option("--tick-seconds", f->tick_seconds, "wall seconds per shadow second (tests)")->group("");
  cmd->add_option("--metrics-port", f->metrics_port, "queue-proxy metrics port (default 9090)")->group("");
  cmd->callback([f, &exit_code] {
    exit_code.value = run_cluster_command("cluster shadow", [&] {
      try {
        return shadow_command(*f);
      } catch (const adapter::PrometheusError& e) {
        std::cerr << "knsim cluster shadow: " << e.what() << "\n";
        return kExitFailure;
      }
    });
  });
}

}  // namespace knsim::cli
