// `knsim cluster record --prometheus URL [-n NS] (--since 1h | --start T --end T) [--step 10s] --out DIR`
// (docs/adapter.md "record"): an import of the cluster plus the window's load and what Knative did.
#include <cmath>
#include <iostream>

#include "adapter/cluster/cluster_record.hpp"
#include "adapter/kube/credentials.hpp"
#include "cli/cluster_common.hpp"

namespace knsim::cli {
namespace {

struct RecordFlags {
  ConnectionFlags connection;
  std::string prometheus, since, start, end, step = "10s", out;
  std::vector<std::string> namespaces;
};

// "90s", "15m", "1h", "2d" or a plain number of seconds; nullopt when not one.
std::optional<double> duration_seconds(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  const std::string unit(end);
  double scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  else if (unit == "ms") scale = 0.001;
  else if (unit == "m") scale = 60;
  else if (unit == "h") scale = 3600;
  else if (unit == "d") scale = 86400;
  if (scale == 0 || end == s.c_str() || !(v > 0) || !std::isfinite(v)) return std::nullopt;
  return v * scale;
}

// RFC 3339 or Unix seconds.
std::optional<double> time_seconds(const std::string& s) {
  if (auto t = adapter::parse_rfc3339(s)) return t;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() && *end == '\0' && std::isfinite(v)) return v;
  return std::nullopt;
}

int record_command(const RecordFlags& f) {
  adapter::RecordOptions o;
  o.namespaces = f.namespaces;
  const auto step = duration_seconds(f.step);
  if (!step) {
    std::cerr << "knsim cluster record: --step " << f.step << ": not a duration (e.g. 10s)\n";
    return kExitInvalidInput;
  }
  o.step = *step;
  if (!f.since.empty()) {
    const auto since = duration_seconds(f.since);
    if (!since || !f.start.empty() || !f.end.empty()) {
      std::cerr << "knsim cluster record: --since takes a duration (e.g. 1h) and excludes --start/--end\n";
      return kExitInvalidInput;
    }
    o.end = std::floor(adapter::unix_now() / o.step) * o.step;
    o.start = o.end - *since;
  } else {
    const auto s = time_seconds(f.start), e = time_seconds(f.end);
    if (!s || !e || *e <= *s) {
      std::cerr << "knsim cluster record: give --since DURATION, or --start and --end (RFC 3339 or Unix seconds, "
                   "end after start)\n";
      return kExitInvalidInput;
    }
    o.start = *s;
    o.end = *e;
  }
  auto client = connect(f.connection);
  adapter::ImportOptions io;
  io.namespaces = f.namespaces;
  io.all_namespaces = f.namespaces.empty();
  io.imported_at = utc_now_text();
  adapter::ImportedCluster cluster = adapter::read_cluster(*client, io);
  adapter::PrometheusClient prometheus(f.prometheus);
  const adapter::Recording rec = adapter::record_metrics(prometheus, o);
  adapter::write_recording(rec, cluster, f.out);
  for (const auto& w : cluster.warnings) std::cerr << "knsim cluster record: warning: " << w << "\n";
  std::cout << "recorded " << rec.revisions.size() << " revisions over " << rec.times.size() << " steps of " << o.step
            << " s (" << rec.names.set << " metric names" << (rec.names.requests.empty() ? ", no request metric" : "")
            << ") into " << f.out << "\n";
  return kExitOk;
}

}  // namespace

void register_cluster_record(CLI::App* cluster, ExitCode& exit_code) {
  auto* cmd = cluster->add_subcommand("record", "Record a time window of a live cluster's load and autoscaling from Prometheus");
  auto f = std::make_shared<RecordFlags>();
  add_connection_flags(cmd, f->connection);
  cmd->add_option("--prometheus", f->prometheus, "Prometheus base URL (http://host:9090)")->required();
  cmd->add_option("-n,--namespace", f->namespaces, "namespace (repeatable; default: all)");
  cmd->add_option("--since", f->since, "window ending now, e.g. 1h");
  cmd->add_option("--start", f->start, "window start (RFC 3339 or Unix seconds)");
  cmd->add_option("--end", f->end, "window end (RFC 3339 or Unix seconds)");
  cmd->add_option("--step", f->step, "sample step (default 10s)");
  cmd->add_option("--out", f->out, "folder to write")->required();
  cmd->callback([f, &exit_code] {
    exit_code.value = run_cluster_command("cluster record", [&] {
      try {
        return record_command(*f);
      } catch (const adapter::PrometheusError& e) {
        std::cerr << "knsim cluster record: " << e.what() << "\n";
        return kExitFailure;
      }
    });
  });
}

}  // namespace knsim::cli
