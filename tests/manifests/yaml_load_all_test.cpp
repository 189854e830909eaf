// manifests::load_all_yaml: yaml-cpp 0.7's LoadAll loops forever, allocating, on a ',' outside a flow
// collection (jbeder/yaml-cpp issue 1040); fuzz_scenario found it in a mutated scenario
// (tests/data/manifests/fuzz/fuzz_scenario-timeout-e6e764a.yaml, over 2 GB and never returning).
// Each case ran forever before the guard; valid streams load exactly as LoadAll loads them.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "manifests/scenario_bundle.hpp"
#include "manifests/yaml_load_all.hpp"
#include "tests/support/test_data.hpp"

namespace knsim::manifests {
namespace {

struct StrayCase {
  const char* text;
  int line;  // 1-based line of the stray ','
};

TEST(YamlLoadAll, StrayFlowEntryIsASyntaxErrorAtItsLine) {
  const StrayCase cases[] = {
      {",\n", 1},
      {", a}\n", 1},
      {"- a\n,\n", 2},
      {"# comment\n,x\n", 2},
      {"\"a\" ,\n", 1},
      {"a: 1\n---\n, wait: 40ms}\n      - {service: shipping}\n", 3},
  };
  for (const StrayCase& c : cases) {
    SCOPED_TRACE(c.text);
    try {
      (void)load_all_yaml(c.text);
      ADD_FAILURE() << "no error";
    } catch (const YAML::ParserException& e) {
      EXPECT_EQ(e.mark.line + 1, c.line);
      EXPECT_NE(e.msg.find("unexpected ','"), std::string::npos) << e.msg;
    }
  }
}

TEST(YamlLoadAll, ValidStreamsLoadLikeLoadAll) {
  const char* cases[] = {"",          "---\n",          "---\n---\n",        "--- a\n--- b\n...\n--- c\n",
                         "[a\n, b]\n", "a: b, c\n",      "{a: 1\n, b: 2}\n", "\"a\"\n---\n\"b\"\n",
                         "...\n...\n", "---\n...\n---\n...\n"};
  for (const char* text : cases) {
    SCOPED_TRACE(text);
    const auto ours = load_all_yaml(text);
    const auto theirs = YAML::LoadAll(text);
    ASSERT_EQ(ours.size(), theirs.size());
    for (std::size_t i = 0; i < ours.size(); ++i) EXPECT_EQ(YAML::Dump(ours[i]), YAML::Dump(theirs[i]));
  }
}

// The whole loader on the fuzzer's input: a diagnostic at the stray line, every other document read.
TEST(YamlLoadAll, FuzzFindingLoadsWithASyntaxError) {
  const auto file = test::data_dir() / "manifests" / "fuzz" / "fuzz_scenario-timeout-e6e764a.yaml";
  ASSERT_TRUE(std::filesystem::exists(file)) << file;
  Diagnostics diags;
  (void)load_scenario(file, diags);
  ASSERT_TRUE(diags.has_errors());
  const std::string text = diags.to_string();
  EXPECT_NE(text.find("fuzz_scenario-timeout-e6e764a.yaml:38"), std::string::npos) << text;
  EXPECT_NE(text.find("unexpected ','"), std::string::npos) << text;
}

}  // namespace
}  // namespace knsim::manifests
