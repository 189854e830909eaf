#pragma once
// `knsim sweep`: every point of a cross product of --set values, each with N seeds, one
// `knsim run` child process per simulation, J at a time, into DIR:
//   sweep.json           what was asked (scenario, fixed sets, parameters, seeds[, shard]); a rerun
//                        into the same DIR with the same sweep.json resumes, another sweep is refused
//   runs/pNNNN-sSEED/    each run's own outputs (summary.json, timeseries.csv, events.jsonl, report.html)
//   results.csv, summary.csv, pareto.csv, report.html   (plan/sweep_table.hpp, plan/sweep_report.hpp)
// A shard (`knsim sweep shard --index I --of N`) runs the runs whose index (point * seeds + k) is
// I mod N and writes its results.csv and sweep.json only; `knsim sweep collect` merges shards.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plan/param_space.hpp"
#include "plan/sweep_table.hpp"

namespace knsim::plan {

struct Shard {
  std::size_t index = 0, of = 1;
};

struct SweepSpec {
  std::string scenario;             // path passed to `knsim run` as given
  std::vector<std::string> sets;    // fixed --set overrides, applied before a point's settings
  std::vector<SweepParam> params;
  std::vector<std::uint64_t> seeds;
  std::optional<Shard> shard;
};

struct ExecOptions {
  std::filesystem::path knsim;      // the knsim executable run for each simulation
  std::filesystem::path out;        // DIR
  std::size_t parallel = 1;
  bool progress = false;
};

// sweep.json's object (also the identity a resumed sweep must match).
nlohmann::ordered_json sweep_identity(const SweepSpec& spec);
// The spec back from sweep.json (for collect); nullopt with *error on a malformed file.
std::optional<SweepSpec> spec_from_identity(const nlohmann::json& j, std::string* error);

// "p0003-s42": a run's folder name under runs/.
std::string run_id(std::size_t point, std::uint64_t seed);

// The arguments after `knsim run` for one point and seed (scenario, --seed, every --set).
std::vector<std::string> run_args(const std::string& scenario, const std::vector<std::string>& sets,
                                  const Point& point, std::uint64_t seed);

// Claims DIR for this identity: creates DIR and writes sweep.json, or checks that an existing
// sweep.json is equal (resume). Removes leftover runs/*.partial. Empty string or the error.
std::string claim_out_dir(const std::filesystem::path& out, const nlohmann::ordered_json& identity);

struct SweepOutcome {
  std::size_t runs = 0, reused = 0, failed = 0;
  std::vector<std::string> failures;  // "p0003-s42: <last log lines>"
  SweepTable table;
};

// Runs (or resumes) the sweep and writes its files. Throws std::runtime_error on an I/O problem
// (the out dir cannot be claimed: the caller reports it as invalid input before calling).
SweepOutcome run_sweep(const SweepSpec& spec, const ExecOptions& exec);

// results.csv, summary.csv, pareto.csv and report.html of `table` into `out` (each written to a
// temporary name, then renamed). `title` heads report.html. Returns "" or the error.
std::string write_sweep_files(const std::filesystem::path& out, const SweepTable& table, const std::string& title);

// Writes `text` to `path` through a temporary file renamed into place. "" or the error.
std::string write_file_atomic(const std::filesystem::path& path, const std::string& text);

}  // namespace knsim::plan
