#pragma once
// Shared by the eventing scenario tests: runs a YAML scenario through knsim run's driver and reads
// summary.json and the delivery_attempt events of events.jsonl back. One run per process (one
// SimGrid engine): every TEST is its own process under ctest and ends with end_process().
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "manifests/scenario_bundle.hpp"
#include "sim/run_driver.hpp"
#include "manifests/sim_input_builder.hpp"
#include "tests/support/test_paths.hpp"

namespace knsim::sim::eventing_test {


inline std::filesystem::path scratch() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = test::binary_dir() / "eventing-scratch" / (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

struct Outputs {
  nlohmann::json summary;
  std::vector<nlohmann::json> attempts;  // delivery_attempt events, in order
  std::vector<nlohmann::json> events;    // every event of events.jsonl, in order
};

// `files`: more files written next to the scenario first (name -> content), e.g. a trace.
inline Outputs run_yaml(const std::string& yaml, const std::map<std::string, std::string>& files = {}) {
  const auto dir = scratch();
  const auto file = dir / "scenario.yaml";
  std::ofstream(file) << yaml;
  for (const auto& [name, content] : files) std::ofstream(dir / name) << content;
  manifests::Diagnostics diags;
  manifests::ScenarioBundle b = manifests::load_scenario(file, diags);
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  RunOptions opt;
  opt.out_dir = dir / "out";
  opt.quiet = true;
  std::ostringstream out, err;
  const RunResult r = run_simulation(manifests::make_sim_input(b), opt, out, err);
  EXPECT_TRUE(r.error.empty()) << r.error;
  Outputs o;
  std::ifstream sj(opt.out_dir / "summary.json");
  o.summary = nlohmann::json::parse(sj);
  std::ifstream ev(opt.out_dir / "events.jsonl");
  for (std::string line; std::getline(ev, line);) {
    auto j = nlohmann::json::parse(line);
    if (j["kind"] == "delivery_attempt") o.attempts.push_back(j);
    o.events.push_back(j);
  }
  return o;
}

// The run leaves its Simulation and SimGrid engine alive (run_driver.hpp: the process should end
// soon after); end the test's process here, as knsim does, with the test's verdict as exit code.
inline void end_process() {
  std::fflush(stdout);
  std::_Exit(::testing::Test::HasFailure() ? 1 : 0);
}

// received = filtered + delivered + dead_lettered + lost, for every trigger and subscription, with
// 0 <= in_flight <= lost (lost counts the chains still in flight at the end); for every source
// sent = accepted + failed + in_flight. Each counter is kept on its own by the engine.
inline void expect_balanced(const nlohmann::json& summary) {
  for (const char* key : {"triggers", "subscriptions"}) {
    for (const auto& c : summary["eventing"][key]) {
      EXPECT_EQ(c["received"].get<long>(), c["filtered"].get<long>() + c["delivered"].get<long>() +
                                               c["dead_lettered"].get<long>() + c["lost"].get<long>())
          << c.dump();
      EXPECT_GE(c["in_flight"].get<long>(), 0) << c.dump();
      EXPECT_LE(c["in_flight"].get<long>(), c["lost"].get<long>()) << c.dump();
    }
  }
  for (const auto& s : summary["eventing"]["sources"]) {
    EXPECT_EQ(s["sent"].get<long>(), s["accepted"].get<long>() + s["failed"].get<long>() + s["in_flight"].get<long>())
        << s.dump();
    EXPECT_GE(s["in_flight"].get<long>(), 0) << s.dump();
  }
}

inline const char* kCluster = R"(
  cluster:
    nodePools:
      - {name: worker, count: 1, cpu: 8, memory: 32Gi}
)";

inline nlohmann::json find(const nlohmann::json& list, const std::string& name) {
  for (const auto& c : list)
    if (c["name"] == name) return c;
  ADD_FAILURE() << "no " << name << " in " << list.dump();
  return {};
}

}  // namespace knsim::sim::eventing_test
