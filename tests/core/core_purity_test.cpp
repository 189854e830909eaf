// core/ stays pure standard C++: no third-party headers, no clocks, no OS randomness, no threads.
// The core is told the time and given its Rng; a driver (sim/ or adapter/) owns the rest.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_paths.hpp"

namespace fs = std::filesystem;

namespace {

struct Forbidden {
  std::regex pattern;
  std::string why;
};

const std::vector<Forbidden>& forbidden() {
  static const std::vector<Forbidden> rules = {
      {std::regex(R"(#\s*include\s*[<"](simgrid|xbt)/)"), "SimGrid header"},
      {std::regex(R"(#\s*include\s*[<"]Q[A-Za-z]*[>"/])"), "Qt header"},
      {std::regex(R"(#\s*include\s*[<"]qcustomplot)"), "QCustomPlot header"},
      {std::regex(R"(#\s*include\s*[<"]nlohmann/)"), "nlohmann/json header"},
      {std::regex(R"(#\s*include\s*[<"]yaml-cpp/)"), "yaml-cpp header"},
      {std::regex(R"(#\s*include\s*[<"]curl/)"), "curl header"},
      {std::regex(R"(#\s*include\s*<(thread|future|chrono|random|fstream|iostream)>)"), "clock/thread/I-O/std-random header"},
      {std::regex(R"(system_clock|steady_clock|high_resolution_clock)"), "reads a clock"},
      {std::regex(R"(random_device)"), "uses random_device"},
      {std::regex(R"(std::(thread|jthread|async)\b)"), "starts a thread"},
      {std::regex(R"((^|[^\w.>])(std::)?(time|clock)\s*\(\s*(nullptr|NULL|0)?\s*\)|gettimeofday|clock_gettime)"), "reads a clock"},
  };
  return rules;
}

std::vector<std::string> violations_in(const fs::path& file) {
  std::vector<std::string> found;
  std::ifstream in(file);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto comment = line.find("//");
    const std::string code = comment == std::string::npos ? line : line.substr(0, comment);
    for (const auto& rule : forbidden()) {
      if (std::regex_search(code, rule.pattern)) {
        std::ostringstream os;
        os << file.string() << ":" << number << ": " << rule.why << ": " << line;
        found.push_back(os.str());
      }
    }
  }
  return found;
}

}  // namespace

TEST(CorePurity, NoForbiddenIncludesClocksOrThreads) {
  const fs::path core = knsim::test::source_dir() / "core";
  ASSERT_TRUE(fs::is_directory(core)) << core;
  std::vector<std::string> all;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(core)) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp" && ext != ".h") continue;
    ++files;
    auto v = violations_in(entry.path());
    all.insert(all.end(), v.begin(), v.end());
  }
  EXPECT_GT(files, 0);
  std::ostringstream os;
  for (const auto& v : all) os << v << "\n";
  EXPECT_TRUE(all.empty()) << os.str();
}

TEST(CorePurity, CoreTargetLinksNothing) {
  std::ifstream in(knsim::test::source_dir() / "core" / "CMakeLists.txt");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str().find("target_link_libraries"), std::string::npos);
}

TEST(CorePurity, DetectorCatchesAViolation) {
  // The detector itself must fire, or the test above proves nothing.
  const fs::path tmp = fs::temp_directory_path() / "knsim_purity_probe.cpp";
  {
    std::ofstream out(tmp);
    out << "#include <simgrid/s4u.hpp>\nauto t = std::chrono::steady_clock::now();\nstd::thread th;\n";
  }
  EXPECT_EQ(violations_in(tmp).size(), 3u);
  fs::remove(tmp);
}
