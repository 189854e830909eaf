// `knsim cluster compare DIR [--seed N]` (docs/adapter.md "compare"): replays a `cluster record`
// folder with `knsim run` (a child process of this same executable: one SimGrid engine per process)
// and compares the simulated pods with observed.csv (adapter/cluster/compare.hpp). Writes into
// DIR/compare/: compare.json (with cold starts added here), report.html (reports/compare_report.hpp)
// and run/ (the replay's outputs), and prints one line per revision. Nothing is written beside the
// recording's files, so DIR stays a scenario folder that `knsim run`, `validate` and the GUI read
// (a compare.json in DIR itself would be read as a manifest).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "adapter/cluster/compare.hpp"
#include "cli/cluster_common.hpp"
#include "reports/compare_report.hpp"

namespace knsim::cli {
namespace {
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_self(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A figure of row r with the given digits; "-" when missing or null.
std::string fixed(const nlohmann::ordered_json& r, const char* key, int digits) {
  if (!r.contains(key) || !r[key].is_number()) return "-";
  const nlohmann::ordered_json& v = r[key];
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v.get<double>());
  return buf;
}

// Adds cold starts (scale-ups from zero, both sides at the observed steps) to each revision's row of
// `result` and writes report.html into `dir` (DIR/compare/).
void add_cold_starts_and_report(nlohmann::ordered_json& result, const adapter::PodTracks& observed,
                                const adapter::PodTracks& simulated, const fs::path& dir) {
  reports::CompareReport report{result["recording"].get<std::string>(), result["seed"].get<std::string>(), result["simulation"].get<std::string>(), {}};
  for (auto& row : result["revisions"]) {
    const std::string rev = row["revision"].get<std::string>();
    reports::ComparedRevision c{rev, observed.at(rev), {}, {}};
    row["cold_starts_observed"] = reports::count_scale_from_zero(c.observed.ready);
    if (const auto sim = simulated.find(rev); sim != simulated.end()) {
      c.simulated = sim->second;
      row["cold_starts_simulated"] =
          reports::count_scale_from_zero(reports::values_at(c.simulated.t, c.simulated.ready, c.observed.t));
    }
    c.figures = row;
    report.revisions.push_back(std::move(c));
  }
  std::ofstream html(dir / "report.html", std::ios::binary);
  reports::write_compare_report_html(html, report);
  if (!html) throw std::runtime_error("cannot write " + (dir / "report.html").string());
}

int compare_command(const std::string& dir, const std::string& seed) {
  const fs::path d(dir);
  if (!fs::exists(d / "observed.csv")) {
    std::cerr << "knsim cluster compare: " << dir << " has no observed.csv (make it with knsim cluster record)\n";
    return kExitInvalidInput;
  }
  const fs::path out_dir = d / "compare";
  const fs::path run_dir = out_dir / "run";
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    std::cerr << "knsim cluster compare: cannot create " << out_dir.string() << ": " << ec.message() << "\n";
    return kExitFailure;
  }
  std::vector<std::string> args = {"knsim", "run", "--quiet", dir, "--out", run_dir.string()};
  if (!seed.empty()) {
    args.push_back("--seed");
    args.push_back(seed);
  }
  const int rc = run_self(args);
  if (rc != 0) {
    std::cerr << "knsim cluster compare: knsim run " << dir << " failed (exit " << rc << ")\n";
    return rc == kExitInvalidInput ? kExitInvalidInput : kExitFailure;
  }
  const auto observed = reports::read_pod_tracks(slurp(d / "observed.csv"), (d / "observed.csv").string(),
                                                 "actual_pods", "desired_pods", "panic");
  const auto simulated = reports::read_pod_tracks(slurp(run_dir / "timeseries.csv"), (run_dir / "timeseries.csv").string(),
                                                  "ready_pods", "desired_pods", "panic");
  nlohmann::ordered_json result = {{"recording", dir}, {"seed", seed.empty() ? nlohmann::ordered_json("scenario's") : nlohmann::ordered_json(seed)},
                                   {"simulation", run_dir.string()}};
  result.update(adapter::compare_series(observed, simulated));
  add_cold_starts_and_report(result, observed, simulated, out_dir);
  std::ofstream(out_dir / "compare.json", std::ios::binary) << result.dump(2) << "\n";
  std::cout << "revision  samples  mae_pods  within_one_pod  desired_mae_pods  panic_overlap\n";
  for (const auto& r : result["revisions"]) {
    std::cout << r["revision"].get<std::string>() << "  " << r["samples"].get<int>() << "  " << fixed(r, "mae_pods", 2)
              << "  " << fixed(r, "within_one_pod", 3) << "  " << fixed(r, "desired_mae_pods", 2)
              << "  " << fixed(r, "panic_overlap", 3) << "\n";
  }
  std::cout << "written: " << (out_dir / "compare.json").string() << ", " << (out_dir / "report.html").string() << " (simulation in " << run_dir.string() << ")\n";
  return kExitOk;
}

}  // namespace

void register_cluster_compare(CLI::App* cluster, ExitCode& exit_code) {
  auto* cmd = cluster->add_subcommand("compare", "Replay a `cluster record` folder and compare simulated with observed pods");
  auto dir = std::make_shared<std::string>();
  auto seed = std::make_shared<std::string>();
  cmd->add_option("DIR", *dir, "folder written by knsim cluster record")->required();
  cmd->add_option("--seed", *seed, "random seed for the replay (default: the scenario's)");
  cmd->callback([dir, seed, &exit_code] {
    exit_code.value = run_cluster_command("cluster compare", [&] { return compare_command(*dir, *seed); });
  });
}

}  // namespace knsim::cli
