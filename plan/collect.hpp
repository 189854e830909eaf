#pragma once
// `knsim sweep collect DIR... --out OUT`: merges the shard folders of one sweep (each with its
// sweep.json and results.csv, from `knsim sweep shard`) into OUT's sweep.json, results.csv,
// summary.csv, pareto.csv and report.html, byte for byte what the same sweep run on one machine
// writes, and copies each shard's runs/ into OUT/runs/. A DIR may be a shard folder or a folder
// holding shard-* folders.
#include <string>
#include <vector>

namespace knsim::plan {

struct CollectOutcome {
  int exit_code = 0;                  // 0; 1 runs or shards missing (files still written); 2 bad input
  std::vector<std::string> messages;  // problems and missing pieces, one line each
  std::size_t rows = 0, expected = 0;
};

CollectOutcome collect_shards(const std::vector<std::string>& dirs, const std::string& out);

}  // namespace knsim::plan
