#pragma once
// Test support: Debian's real `prometheus` on a loopback port, for the adapter's Prometheus paths.
//   LocalPrometheus(dir, PrometheusSetup::backfilled(text))   series backfilled with `promtool tsdb
//                                                 create-blocks-from openmetrics` (cluster record)
//   LocalPrometheus(dir, PrometheusSetup::scraping({"127.0.0.1:P"}))   scrapes those targets every
//                                                 scrape_interval (1 s; cluster shadow)
//   MetricsExporter(dir)   tests/adapter/metrics_exporter.py: serves a text exposition file the test
//                          rewrites (set(text)), for Prometheus to scrape
// Both processes are started with fork/exec, die with the test process (PR_SET_PDEATHSIG) and are
// killed by their pid when the object goes away.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "adapter/http/http_client.hpp"
#include "adapter/prometheus/prometheus_client.hpp"
#include "tests/adapter/fake_cluster.hpp"   // run_command, system_python, start_child_server
#include "tests/support/files.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::test {

// A loopback TCP port free right now (the kernel's choice).
inline int free_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  close(s);
  return ntohs(a.sin_port);
}

struct PrometheusSetup {
  std::string openmetrics;                  // backfilled into the TSDB before the start (when not empty)
  std::vector<std::string> scrape_targets;  // host:port of /metrics endpoints to scrape (job "knative")
  std::string scrape_interval = "1s";       // for scrape_targets

  static PrometheusSetup backfilled(std::string openmetrics) {
    PrometheusSetup s;
    s.openmetrics = std::move(openmetrics);
    return s;
  }
  static PrometheusSetup scraping(std::vector<std::string> targets) {
    PrometheusSetup s;
    s.scrape_targets = std::move(targets);
    return s;
  }
};

// A Prometheus serving the given series; killed (by pid) at the end.
class LocalPrometheus {
 public:
  LocalPrometheus(const std::filesystem::path& dir, const PrometheusSetup& setup) : dir_(dir) {
    std::filesystem::create_directories(dir);
    std::string config = "global: {scrape_interval: 1m}\nscrape_configs: []\n";
    if (!setup.scrape_targets.empty()) {
      config = "global: {scrape_interval: " + setup.scrape_interval + ", evaluation_interval: " + setup.scrape_interval +
               "}\nscrape_configs:\n  - job_name: knative\n    static_configs:\n      - targets: [";
      for (std::size_t i = 0; i < setup.scrape_targets.size(); ++i)
        config += (i ? ", \"" : "\"") + setup.scrape_targets[i] + "\"";
      config += "]\n";
    }
    write_text(dir / "prometheus.yml", config);
    if (!setup.openmetrics.empty()) {
      write_text(dir / "data.om", setup.openmetrics);
      const auto r = run_command("promtool tsdb create-blocks-from openmetrics " + (dir / "data.om").string() + " " +
                                     (dir / "tsdb").string(), dir);
      if (r.exit_code != 0) throw std::runtime_error("promtool failed: " + r.err);
    }
    port_ = free_port();
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      const std::string cfg = "--config.file=" + (dir / "prometheus.yml").string();
      const std::string tsdb = "--storage.tsdb.path=" + (dir / "tsdb").string();
      const std::string listen = "--web.listen-address=127.0.0.1:" + std::to_string(port_);
      if (std::freopen((dir / "prometheus.log").c_str(), "w", stderr) == nullptr) _exit(126);
      execlp("prometheus", "prometheus", cfg.c_str(), tsdb.c_str(), listen.c_str(),
             "--storage.tsdb.retention.time=30d", static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 300; ++i) {   // poll /-/ready (a few seconds)
      adapter::HttpRequest req;
      req.url = url() + "/-/ready";
      req.timeout_s = 2;
      try {
        if (adapter::http_send(req, {}).status == 200) return;
      } catch (const adapter::TransportError&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("prometheus did not become ready: " + read_text(dir / "prometheus.log"));
  }
  ~LocalPrometheus() { stop_child(pid_); }
  LocalPrometheus(const LocalPrometheus&) = delete;
  LocalPrometheus& operator=(const LocalPrometheus&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Polls an instant query (at the current time) until it answers exactly `series` series, up to
  // `timeout_s`; false when it never did (e.g. the target was not scraped). After a scrape the
  // samples are queryable at once; a series gone from the target is stale (absent) after the next.
  bool wait_for(const std::string& promql, std::size_t series = 1, double timeout_s = 20) const {
    adapter::PrometheusClient client(url());
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    while (std::chrono::steady_clock::now() < until) {
      const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
      try {
        if (client.query(promql, now).size() == series) return true;
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  std::string log() const { return read_text(dir_ / "prometheus.log"); }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// tests/adapter/metrics_exporter.py serving `dir`/metrics.txt; set() replaces the text atomically.
class MetricsExporter {
 public:
  explicit MetricsExporter(const std::filesystem::path& dir) : file_(dir / "metrics.txt") {
    std::filesystem::create_directories(dir);
    set("");
    const ChildServer child =
        start_child_server({system_python(), (source_dir() / "tests/adapter/metrics_exporter.py").string(), "--file",
                            file_.string()},
                           "metrics_exporter.py");
    pid_ = child.pid;
    port_ = child.port;
  }
  ~MetricsExporter() { stop_child(pid_); }
  MetricsExporter(const MetricsExporter&) = delete;
  MetricsExporter& operator=(const MetricsExporter&) = delete;

  // The exposition the next scrape reads (written beside, then renamed over the served file).
  void set(const std::string& text) {
    const auto tmp = std::filesystem::path(file_.string() + ".tmp");
    if (!write_text(tmp, text)) throw std::runtime_error("cannot write " + tmp.string());
    std::filesystem::rename(tmp, file_);
  }
  std::string target() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  std::filesystem::path file_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace knsim::test
