#include "plan/collect.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "plan/sweep.hpp"

namespace knsim::plan {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> shard_dirs(const std::vector<std::string>& dirs) {
  std::vector<fs::path> out;
  for (const auto& d : dirs) {
    if (fs::exists(fs::path(d) / "sweep.json")) {
      out.emplace_back(d);
      continue;
    }
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(d, ec))
      if (e.is_directory() && e.path().filename().string().rfind("shard-", 0) == 0) found.push_back(e.path());
    std::sort(found.begin(), found.end());
    if (found.empty()) out.emplace_back(d);  // reported as missing sweep.json below
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace

CollectOutcome collect_shards(const std::vector<std::string>& dirs, const std::string& out) {
  CollectOutcome r;
  auto bad = [&](const std::string& m) {
    r.messages.push_back(m);
    r.exit_code = 2;
    return r;
  };
  std::optional<nlohmann::json> identity;  // without "shard"
  std::optional<SweepSpec> spec;
  std::set<std::size_t> indices;
  std::size_t of = 0;
  SweepTable merged;
  for (const auto& dir : shard_dirs(dirs)) {
    std::ifstream in(dir / "sweep.json");
    if (!in) return bad(dir.string() + ": no sweep.json (not a shard folder of knsim sweep shard)");
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
      return bad((dir / "sweep.json").string() + ": " + e.what());
    }
    std::string error;
    auto s = spec_from_identity(j, &error);
    if (!s) return bad(dir.string() + "/" + error);
    if (!s->shard) return bad(dir.string() + ": not a shard (its sweep.json has no shard)");
    j.erase("shard");
    if (identity && *identity != j) return bad(dir.string() + ": a shard of a different sweep than " + dirs.front());
    if (of && s->shard->of != of) return bad(dir.string() + ": shard of " + std::to_string(s->shard->of) + ", others of " + std::to_string(of));
    if (!indices.insert(s->shard->index).second) return bad(dir.string() + ": shard " + std::to_string(s->shard->index) + " given twice");
    of = s->shard->of;
    identity = j;
    spec = s;
    auto table = read_results_csv(dir / "results.csv", &error);
    if (!table) return bad(error);
    if (merged.keys.empty()) merged.keys = table->keys;
    else if (merged.keys != table->keys) return bad((dir / "results.csv").string() + ": other parameter columns than the first shard");
    merged.rows.insert(merged.rows.end(), table->rows.begin(), table->rows.end());
    std::error_code ec;
    if (fs::exists(dir / "runs")) {
      fs::create_directories(fs::path(out) / "runs", ec);
      fs::copy(dir / "runs", fs::path(out) / "runs", fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
      if (ec) return bad("cannot copy " + (dir / "runs").string() + ": " + ec.message());
    }
  }
  if (!spec) return bad("no shard folders");
  for (std::size_t i = 0; i < of; ++i)
    if (!indices.count(i)) r.messages.push_back("shard " + std::to_string(i) + " of " + std::to_string(of) + " is missing");
  merged.sort();
  spec->shard.reset();
  r.rows = merged.rows.size();
  r.expected = cross_product(spec->params).size() * spec->seeds.size();
  if (r.rows < r.expected) r.messages.push_back(std::to_string(r.expected - r.rows) + " of " + std::to_string(r.expected) + " runs have no row (failed or missing shards)");
  std::error_code ec;
  fs::create_directories(out, ec);
  if (auto err = write_file_atomic(fs::path(out) / "sweep.json", sweep_identity(*spec).dump(2) + "\n"); !err.empty()) return bad(err);
  if (auto err = write_sweep_files(out, merged, "knsim sweep: " + spec->scenario); !err.empty()) return bad(err);
  if (!r.messages.empty()) r.exit_code = 1;
  return r;
}

}  // namespace knsim::plan
