// `knsim autoscaler replay` end to end: the built binary on every kpa-oracle file (every line
// equal to Knative's), on a bare scenario, with --explain, and on bad inputs (exit 2, the field named).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/support/test_data.hpp"
#include "tests/support/cli.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using CliRun = knsim::test::CliResult;
using knsim::test::slurp;

fs::path scratch(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::temp_directory_path() / ("knsim-replay-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string test = info->name();
  for (char& c : test) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return dir / (test + "-" + name);
}

CliRun knsim(const std::string& args) { return knsim::test::run_knsim(args); }

fs::path write_input(const std::string& name, const std::string& text) {
  const fs::path p = scratch(name);
  std::ofstream(p) << text;
  return p;
}

std::vector<json> lines_of(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(json::parse(line));
  return out;
}

fs::path oracle(const std::string& name) { return knsim::test::knative_vectors_dir() / "kpa-oracle" / name; }

TEST(AutoscalerReplayCli, EveryOracleFileMatchesKnative) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(knsim::test::knative_vectors_dir() / "kpa-oracle")) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    const json doc = json::parse(slurp(entry.path()));
    const CliRun r = knsim("autoscaler replay " + entry.path().string());
    ASSERT_EQ(r.code, 0) << entry.path() << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), doc.at("expect").size()) << entry.path();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      EXPECT_EQ(lines[i], doc.at("expect")[i]) << entry.path() << " line " << i;
    }
  }
  EXPECT_EQ(files, 20);
}

TEST(AutoscalerReplayCli, ExactLineFormat) {
  const CliRun r = knsim("autoscaler replay " + oracle("step_up_target10.json").string());
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), R"({"t": 0.0, "desired": 1, "ebc": -216, "panic": false, "valid": true})");
}

TEST(AutoscalerReplayCli, BareScenarioGivesTheSameOutput) {
  const json doc = json::parse(slurp(oracle("scale_down_delay_30s.json")));
  const fs::path bare = write_input("bare.json", doc.at("scenario").dump());
  const CliRun a = knsim("autoscaler replay " + bare.string());
  const CliRun b = knsim("autoscaler replay " + oracle("scale_down_delay_30s.json").string());
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
}

TEST(AutoscalerReplayCli, ExplainAddsObservedValuesAndReason) {
  const json doc = json::parse(slurp(oracle("spike_panic_enter_exit.json")));
  const CliRun r = knsim("autoscaler replay --explain " + oracle("spike_panic_enter_exit.json").string());
  ASSERT_EQ(r.code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), doc.at("trace").size());
  bool saw_enter = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    EXPECT_EQ(l.at("desired"), doc.at("expect")[i].at("desired"));
    EXPECT_NEAR(l.at("observed_stable").get<double>(), doc.at("trace")[i].at("observed_stable").get<double>(), 1e-9);
    EXPECT_NEAR(l.at("observed_panic").get<double>(), doc.at("trace")[i].at("observed_panic").get<double>(), 1e-9);
    EXPECT_FALSE(l.at("reason").get<std::string>().empty());
    saw_enter = saw_enter || l.at("reason").get<std::string>().find("enters panic") != std::string::npos;
  }
  EXPECT_TRUE(saw_enter);
}

struct BadCase {
  const char* name;
  const char* input;
  const char* message;  // must appear on stderr
};

class AutoscalerReplayBadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(AutoscalerReplayBadInput, ExitsTwoNamingTheProblem) {
  const BadCase& c = GetParam();
  const fs::path p = write_input("bad.json", c.input);
  const CliRun r = knsim("autoscaler replay " + p.string());
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(c.message), std::string::npos) << "stderr: " << r.err;
}

const BadCase kBadCases[] = {
    {"not_json", "{\"events\": [", "invalid JSON"},
    {"not_an_object", "[1, 2]", "expected an object"},
    {"missing_events", R"({"config": {}})", "events: missing"},
    {"events_not_array", R"({"events": {}})", "events: expected an array"},
    {"tick_without_ready_pods", R"({"events": [{"t": 0, "kind": "tick"}]})", "events[0].ready_pods: missing"},
    {"negative_ready_pods", R"({"events": [{"t": 0, "kind": "tick", "ready_pods": -1}]})", "events[0].ready_pods"},
    {"fractional_ready_pods", R"({"events": [{"t": 0, "kind": "tick", "ready_pods": 1.5}]})", "events[0].ready_pods"},
    {"t_is_a_string", R"({"events": [{"t": "zero", "kind": "tick", "ready_pods": 1}]})", "events[0].t: expected a number"},
    {"stat_concurrency_is_a_string", R"({"events": [{"t": 0, "kind": "stat", "concurrency": "3", "rps": 1}]})",
     "events[0].concurrency: expected a number"},
    {"stat_rps_is_null", R"({"events": [{"t": 0, "kind": "stat", "concurrency": 3, "rps": null}]})",
     "events[0].rps: expected a number"},
    {"unknown_kind", R"({"events": [{"t": 0, "kind": "scrape"}]})", "events[0].kind: unknown event kind \"scrape\""},
    {"decreasing_ticks",
     R"({"events": [{"t": 4, "kind": "tick", "ready_pods": 1}, {"t": 2, "kind": "tick", "ready_pods": 1}]})",
     "events[1].t: tick times must not decrease"},
    {"wrapped_path", R"({"scenario": {"events": [{"t": 0, "kind": "tick", "ready_pods": "x"}]}})",
     "scenario.events[0].ready_pods"},
    {"config_value_object", R"({"config": {"stable-window": {}}, "events": []})", "config.stable-window: expected a string"},
    {"reachable_not_bool", R"({"reachable": "yes", "events": []})", "reachable: expected a boolean"},
    {"invalid_stable_window", R"({"config": {"stable-window": "5s"}, "events": []})",
     "config.stable-window: stable-window = 5s, must be in [6s; 1h0m0s] range"},
    {"invalid_scale_up_rate", R"({"config": {"max-scale-up-rate": "1"}, "events": []})",
     "max-scale-up-rate = 1, must be greater than 1.0"},
    {"unparseable_config", R"({"config": {"target-burst-capacity": "lots"}, "events": []})",
     "failed to parse \"target-burst-capacity\""},
    {"negative_tbc", R"({"config": {"target-burst-capacity": "-2"}, "events": []})",
     "target-burst-capacity must be either non-negative or -1 (for unlimited), was: -2.000000"},
};

INSTANTIATE_TEST_SUITE_P(Cases, AutoscalerReplayBadInput, ::testing::ValuesIn(kBadCases),
                         [](const ::testing::TestParamInfo<BadCase>& p) { return std::string(p.param.name); });

TEST(AutoscalerReplayCli, MissingFileExitsTwo) {
  const CliRun r = knsim("autoscaler replay /nonexistent/trace.json");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("/nonexistent/trace.json"), std::string::npos) << r.err;
}

TEST(AutoscalerReplayCli, EmptyEventsGiveNoLines) {
  const fs::path p = write_input("empty.json", R"({"events": []})");
  const CliRun r = knsim("autoscaler replay " + p.string());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
}

// Knative's Stat fields default to zero: a stat without `rps` or without `concurrency` is the same
// stat with that field 0, for both metrics. Target 10 at the default 70% utilisation is 7 per pod:
// concurrency 35 -> ceil(35 / 7) = 5 pods, rps 20 -> ceil(20 / 7) = 3; the other metric at 0 -> 0.
TEST(AutoscalerReplayCli, StatWithoutRpsOrConcurrencyDefaultsThemToZero) {
  struct Case {
    const char* metric;
    const char* omitted;  // the stat without one field
    const char* explicit_zero;  // the same stat with that field 0
  };
  const Case cases[] = {
      {"concurrency", R"("concurrency": 35)", R"("concurrency": 35, "rps": 0)"},
      {"concurrency", R"("rps": 35)", R"("concurrency": 0, "rps": 35)"},
      {"rps", R"("rps": 20)", R"("concurrency": 0, "rps": 20)"},
      {"rps", R"("concurrency": 20)", R"("concurrency": 20, "rps": 0)"},
  };
  for (const Case& c : cases) {
    auto input = [&](const char* stat) {
      return std::string(R"({"annotations": {"autoscaling.knative.dev/target": "10", "autoscaling.knative.dev/metric": ")") +
             c.metric + R"("}, "events": [{"t": 0, "kind": "stat", "pod": "p", )" + stat +
             R"(}, {"t": 0, "kind": "tick", "ready_pods": 1}]})";
    };
    const CliRun omitted = knsim("autoscaler replay --explain " + write_input("omitted.json", input(c.omitted)).string());
    const CliRun zero = knsim("autoscaler replay --explain " + write_input("zero.json", input(c.explicit_zero)).string());
    ASSERT_EQ(omitted.code, 0) << c.metric << " " << c.omitted << ": " << omitted.err;
    ASSERT_EQ(zero.code, 0) << zero.err;
    EXPECT_EQ(omitted.out, zero.out) << c.metric << " " << c.omitted;
    const auto lines = lines_of(omitted.out);
    ASSERT_EQ(lines.size(), 1u);
    const bool counts = std::string(c.omitted).find(c.metric) != std::string::npos;
    EXPECT_EQ(lines[0].at("desired").get<int>(), counts ? (std::string(c.metric) == "rps" ? 3 : 5) : 0)
        << c.metric << " " << c.omitted << ": " << omitted.out;
  }
}

TEST(AutoscalerReplayCli, AnnotationThatDoesNotParseIsIgnored) {
  // target "ten" is ignored: the default target (70) applies, so 35 concurrent requests need 1 pod.
  const fs::path p = write_input("ann.json", R"({"annotations": {"autoscaling.knative.dev/target": "ten"},
    "events": [{"t": 0, "kind": "stat", "pod": "p", "concurrency": 35, "rps": 1},
               {"t": 0, "kind": "tick", "ready_pods": 1}]})");
  const CliRun r = knsim("autoscaler replay " + p.string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"t\": 0.0, \"desired\": 1, \"ebc\": -146, \"panic\": false, \"valid\": true}\n");
}

}  // namespace

#include "cli/replay_json.hpp"

namespace {

TEST(ReplayJson, FloatsAreWrittenLikePython) {
  using knsim::cli::format_json_float;
  EXPECT_EQ(format_json_float(0), "0.0");
  EXPECT_EQ(format_json_float(2), "2.0");
  EXPECT_EQ(format_json_float(2.5), "2.5");
  EXPECT_EQ(format_json_float(0.1), "0.1");
  EXPECT_EQ(format_json_float(100000), "100000.0");
  EXPECT_EQ(format_json_float(1e15), "1000000000000000.0");
  EXPECT_EQ(format_json_float(1e16), "1e+16");
  EXPECT_EQ(format_json_float(0.0001), "0.0001");
  EXPECT_EQ(format_json_float(0.00001), "1e-05");
  EXPECT_EQ(format_json_float(-3.25), "-3.25");
  EXPECT_EQ(format_json_float(8.571429), "8.571429");
}

TEST(ReplayJson, ParsesBothShapesAndReportsEveryProblem) {
  const auto ok = knsim::cli::parse_replay_json(
      R"({"scenario": {"config": {"max-scale-up-rate": 2}, "reachable": false, "initial_ready_pods": 3,
          "events": [{"t": 1, "kind": "stat", "concurrency": 4, "rps": 2, "proxied_concurrency": 1},
                     {"t": 2, "kind": "tick", "ready_pods": 2}]}, "expect": []})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.input.config.at("max-scale-up-rate"), "2");
  EXPECT_FALSE(ok.input.reachable);
  EXPECT_EQ(ok.input.initial_ready_pods, 3);
  ASSERT_EQ(ok.input.events.size(), 2u);
  EXPECT_DOUBLE_EQ(ok.input.events[0].stat.average_proxied_concurrency, 1);
  EXPECT_EQ(ok.input.events[1].ready_pods, 2);
  const auto bad = knsim::cli::parse_replay_json(
      R"({"events": [{"t": "x", "kind": "tick", "ready_pods": 1}, {"kind": "stat", "concurrency": 1, "rps": "2"}]})");
  ASSERT_EQ(bad.errors.size(), 3u);
  EXPECT_EQ(bad.errors[0].rfind("$.events[0].t: expected a number", 0), 0u) << bad.errors[0];
  EXPECT_EQ(bad.errors[1].rfind("$.events[1].t: missing", 0), 0u) << bad.errors[1];
  EXPECT_EQ(bad.errors[2].rfind("$.events[1].rps: expected a number", 0), 0u) << bad.errors[2];
}

}  // namespace
