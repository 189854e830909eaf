// Golden outputs: every shipped scenario (scenarios/*.yaml) is run and its summary.json (without
// the two wall-clock fields), timeseries.csv and events.jsonl are compared with the committed ones
// in tests/data/golden/<scenario>/: summary.json in full (without knsim_version) (so a change shows as a readable diff),
// the other two by their SHA-256 (tests/data/golden/<scenario>/SHA256SUMS, `sha256sum` format).
// Any change to a shipped scenario's output fails here; when the change is intended, regenerate
// with scripts/update_golden.sh and say in the commit which output changed and why.
//
// KNSIM_UPDATE_GOLDEN=1 makes the test write the golden files instead of comparing (the script
// does that, so the files are normalised by exactly this code).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/cli.hpp"

namespace knsim::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> stems;
  for (const auto& e : fs::directory_iterator(knsim::test::source_dir() / "scenarios"))
    if (e.path().extension() == ".yaml") stems.push_back(e.path().stem().string());
  std::sort(stems.begin(), stems.end());
  return stems;
}

fs::path golden_dir(const std::string& stem) { return knsim::test::source_dir() / "tests" / "data" / "golden" / stem; }

bool updating() {
  const char* v = std::getenv("KNSIM_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// summary.json without what differs between builds and machines (knsim_version names the commit;
// wall_seconds, simulated_requests_per_wall_second), one key per line.
std::string normalised_summary(const fs::path& p) {
  auto j = nlohmann::ordered_json::parse(knsim::test::slurp(p));
  j.erase("knsim_version");
  j.erase("wall_seconds");
  j.erase("simulated_requests_per_wall_second");
  return j.dump(1) + "\n";
}

// `sha256sum` lines ("<hex>  <file>") of the hashed outputs, file names relative to `dir`.
std::string hashes(const fs::path& dir) {
  std::string out;
  knsim::test::run_shell("cd '" + dir.string() + "' && sha256sum timeseries.csv events.jsonl", &out);
  return out;
}

// The first line where two texts differ, for a readable failure.
std::string first_difference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(a, la)), hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "identical";
    if (!ha || !hb || la != lb) return "line " + std::to_string(line) + ": golden `" + (ha ? la : "<end>") + "`, now `" + (hb ? lb : "<end>") + "`";
  }
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, OutputsUnchanged) {
  const std::string stem = GetParam();
  const fs::path out = knsim::test::scratch("golden-" + stem);
  ASSERT_EQ(knsim::test::run_cli("run " + knsim::test::shipped_scenario(stem + ".yaml") + " --quiet --out " + out.string()), 0);
  const std::string summary = normalised_summary(out / "summary.json");
  const std::string sums = hashes(out);
  ASSERT_FALSE(sums.empty());
  const fs::path gold = golden_dir(stem);
  if (updating()) {
    fs::create_directories(gold);
    std::ofstream(gold / "summary.json", std::ios::binary) << summary;
    std::ofstream(gold / "SHA256SUMS", std::ios::binary) << sums;
    return;
  }
  ASSERT_TRUE(fs::exists(gold / "summary.json")) << stem << " has no golden outputs: run scripts/update_golden.sh";
  const std::string want_summary = knsim::test::slurp(gold / "summary.json");
  EXPECT_EQ(want_summary, summary) << stem << " summary.json changed, " << first_difference(want_summary, summary);
  EXPECT_EQ(knsim::test::slurp(gold / "SHA256SUMS"), sums) << stem << ": timeseries.csv or events.jsonl changed";
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(Shipped, Golden, ::testing::ValuesIn(shipped_scenarios()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string name = p.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// Every golden directory belongs to a shipped scenario (a renamed scenario leaves none behind).
TEST(GoldenFiles, NoOrphans) {
  const auto stems = shipped_scenarios();
  for (const auto& e : fs::directory_iterator(knsim::test::source_dir() / "tests" / "data" / "golden"))
    if (e.is_directory()) {
      EXPECT_NE(std::find(stems.begin(), stems.end(), e.path().filename().string()), stems.end()) << e.path();
    }
}

}  // namespace
}  // namespace knsim::cli
