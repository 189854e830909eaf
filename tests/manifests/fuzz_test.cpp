// Fuzz-style robustness: thousands of deterministic mutations of good and bad fixtures (bytes
// deleted, YAML punctuation inserted, lines swapped or duplicated, values replaced by other
// types). load_scenario must never throw or crash, and every diagnostic must name a file.
#include <gtest/gtest.h>

#include <cstdint>

#include "manifests/scenario_bundle.hpp"
#include "tests/manifests/manifest_test_util.hpp"
#include "tests/support/files.hpp"

namespace knsim::manifests {
namespace {

// A small deterministic generator (64-bit LCG, Knuth's constants): same mutations on every run.
struct Lcg {
  std::uint64_t state;
  std::uint64_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

std::string mutate(std::string text, Lcg& rng) {
  static const char* kInserts[] = {"[", "]", "{", "}", ":", ": ", "- ", "\n", "\t", "'", "\"", "&a ", "*a",
                                   "---\n", "? ", "|\n", "#", "!!int ", "\xff", "1e999", "[1, {a: b}]", ", "};
  const int edits = 1 + static_cast<int>(rng.below(4));
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t pos = rng.below(text.size());
    switch (rng.below(5)) {
      case 0: text.erase(pos, 1 + rng.below(8)); break;
      case 1: text.insert(pos, kInserts[rng.below(sizeof kInserts / sizeof *kInserts)]); break;
      case 2: {  // duplicate a line
        const std::size_t b = text.rfind('\n', pos), end = text.find('\n', pos);
        const std::size_t s = b == std::string::npos ? 0 : b + 1;
        text.insert(s, text.substr(s, (end == std::string::npos ? text.size() : end + 1) - s));
        break;
      }
      case 3: {  // replace the value after a ": " with another type
        const std::size_t c = text.find(": ", pos);
        if (c == std::string::npos) break;
        const std::size_t end = text.find('\n', c);
        static const char* kValues[] = {"[]", "{}", "~", "-5", "99999999999999999999", "abc", "[1, 2]", "{x: 1}", "''"};
        text.replace(c + 2, (end == std::string::npos ? text.size() : end) - c - 2, kValues[rng.below(9)]);
        break;
      }
      default: text.resize(pos); break;  // truncate
    }
  }
  return text;
}

TEST(Fuzz, MutatedFixturesNeverThrowAndAlwaysNameTheFile) {
  const std::string seeds[] = {knsim::test::read_text(testing::fixture("good/canary.yaml")),
                               knsim::test::read_text(testing::fixture("bad/many-errors.yaml")),
                               knsim::test::read_text(testing::fixture("bad/configmaps.yaml"))};
  const auto dir = testing::scratch_dir();
  std::filesystem::copy(testing::fixture("good/hello-v2.yaml"), dir / "hello-v2.yaml");
  std::filesystem::create_directories(dir / "traces");
  std::filesystem::copy(testing::fixture("good/traces/small.csv"), dir / "traces/small.csv");
  Lcg rng{12345};
  int with_errors = 0;
  const int kRuns = 1500;
  for (int i = 0; i < kRuns; ++i) {
    const std::string text = mutate(seeds[i % 3], rng);
    const auto path = testing::write_file("m.yaml", text);
    Diagnostics diags;
    ASSERT_NO_THROW(load_scenario(path, diags)) << "run " << i << "\n" << text;
    for (const Diagnostic& d : diags.items()) {
      ASSERT_FALSE(d.file.empty()) << "run " << i << ": " << format_diagnostic(d);
      ASSERT_FALSE(d.message.empty()) << "run " << i;
    }
    if (diags.has_errors()) ++with_errors;
  }
  EXPECT_GT(with_errors, kRuns / 2);
}

}  // namespace
}  // namespace knsim::manifests
