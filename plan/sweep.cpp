#include "plan/sweep.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "plan/run_pool.hpp"
#include "plan/sweep_report.hpp"

namespace knsim::plan {

namespace fs = std::filesystem;

nlohmann::ordered_json sweep_identity(const SweepSpec& spec) {
  nlohmann::ordered_json j;
  j["kind"] = "sweep";
  j["scenario"] = spec.scenario;
  j["sets"] = spec.sets;
  auto params = nlohmann::ordered_json::array();
  for (const auto& p : spec.params) params.push_back({{"key", p.key}, {"values", p.values}});
  j["params"] = params;
  j["seeds"] = spec.seeds;
  if (spec.shard) j["shard"] = {{"index", spec.shard->index}, {"of", spec.shard->of}};
  return j;
}

std::optional<SweepSpec> spec_from_identity(const nlohmann::json& j, std::string* error) {
  try {
    SweepSpec s;
    if (j.at("kind") != "sweep") throw std::runtime_error("kind is not \"sweep\"");
    s.scenario = j.at("scenario").get<std::string>();
    s.sets = j.at("sets").get<std::vector<std::string>>();
    for (const auto& p : j.at("params"))
      s.params.push_back({p.at("key").get<std::string>(), p.at("values").get<std::vector<std::string>>()});
    s.seeds = j.at("seeds").get<std::vector<std::uint64_t>>();
    if (j.contains("shard")) s.shard = Shard{j["shard"].at("index").get<std::size_t>(), j["shard"].at("of").get<std::size_t>()};
    return s;
  } catch (const std::exception& e) {
    *error = std::string("sweep.json: ") + e.what();
    return std::nullopt;
  }
}

std::string run_id(std::size_t point, std::uint64_t seed) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "p%04zu-s%llu", point, static_cast<unsigned long long>(seed));
  return buf;
}

std::vector<std::string> run_args(const std::string& scenario, const std::vector<std::string>& sets,
                                  const Point& point, std::uint64_t seed) {
  std::vector<std::string> a{scenario, "--seed", std::to_string(seed)};
  for (const auto& s : sets) a.insert(a.end(), {"--set", s});
  for (const auto& s : point) a.insert(a.end(), {"--set", s.to_set()});
  return a;
}

std::string write_file_atomic(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".partial");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return "cannot write " + tmp.string();
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  return ec ? "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message() : "";
}

std::string claim_out_dir(const fs::path& out, const nlohmann::ordered_json& identity) {
  std::error_code ec;
  fs::create_directories(out / "runs", ec);
  if (ec) return "--out " + out.string() + ": cannot create: " + ec.message();
  const fs::path marker = out / "sweep.json";
  const std::string text = identity.dump(2) + "\n";
  if (fs::exists(marker)) {
    std::ifstream in(marker);
    std::stringstream s;
    s << in.rdbuf();
    if (s.str() != text)
      return "--out " + out.string() + ": holds a different sweep (its sweep.json differs); resume needs the same "
             "scenario, --set, --param and --seeds; use another --out or remove the folder";
  } else if (auto err = write_file_atomic(marker, text); !err.empty()) {
    return err;
  }
  for (const auto& e : fs::directory_iterator(out / "runs", ec))
    if (e.path().extension() == ".partial") fs::remove_all(e.path(), ec);
  return "";
}

SweepOutcome run_sweep(const SweepSpec& spec, const ExecOptions& exec) {
  SweepOutcome r;
  const auto points = cross_product(spec.params);
  struct Planned {
    std::size_t point;
    std::uint64_t seed;
  };
  std::vector<Planned> mine;
  std::vector<RunJob> jobs;
  for (std::size_t p = 0; p < points.size(); ++p)
    for (std::size_t k = 0; k < spec.seeds.size(); ++k) {
      const std::size_t index = p * spec.seeds.size() + k;
      if (spec.shard && index % spec.shard->of != spec.shard->index) continue;
      mine.push_back({p, spec.seeds[k]});
      const fs::path dir = exec.out / "runs" / run_id(p, spec.seeds[k]);
      if (fs::exists(dir / "summary.json")) {
        ++r.reused;
        continue;
      }
      jobs.push_back({run_id(p, spec.seeds[k]), run_args(spec.scenario, spec.sets, points[p], spec.seeds[k]), dir});
    }
  r.runs = mine.size();
  PoolOptions pool{exec.knsim, exec.parallel, exec.progress, r.reused};
  run_jobs(jobs, pool, [&](const JobOutcome& o) {
    if (o.exit_code != 0) r.failures.push_back(o.job->id + " (exit " + std::to_string(o.exit_code) + "): " + o.error);
  });
  for (const auto& p : spec.params) r.table.keys.push_back(p.key);
  for (const auto& m : mine) {
    const fs::path dir = exec.out / "runs" / run_id(m.point, m.seed);
    if (!fs::exists(dir / "summary.json")) continue;  // failed: listed in failures
    std::string error;
    const auto metrics = read_run_metrics(dir, &error);
    if (!metrics) {
      r.failures.push_back(run_id(m.point, m.seed) + ": " + error);
      continue;
    }
    ResultRow row{m.point, m.seed, {}, *metrics};
    for (const auto& s : points[m.point]) row.values.push_back(s.value);
    r.table.rows.push_back(std::move(row));
  }
  r.failed = r.failures.size();
  r.table.sort();
  const std::string err = spec.shard ? write_file_atomic(exec.out / "results.csv", results_csv(r.table))
                                     : write_sweep_files(exec.out, r.table, "knsim sweep: " + spec.scenario);
  if (!err.empty()) throw std::runtime_error(err);
  return r;
}

std::string write_sweep_files(const fs::path& out, const SweepTable& table, const std::string& title) {
  const auto summary = summarize(table);
  std::vector<std::size_t> all(summary.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto front = pareto_front(summary);
  for (const auto& [name, text] : {std::pair<std::string, std::string>{"results.csv", results_csv(table)},
                                   {"summary.csv", summary_csv(table.keys, summary, all)},
                                   {"pareto.csv", summary_csv(table.keys, summary, front)},
                                   {"report.html", sweep_report_html(title, table, summary, front)}})
    if (auto err = write_file_atomic(out / name, text); !err.empty()) return err;
  return "";
}

}  // namespace knsim::plan
