// The repository is complete on its own: no file refers to material outside it (the team's
// reference folder that lies beside a developer's checkout is not part of what a user clones).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;

bool skipped_dir(const fs::path& p) {
  const std::string name = p.filename().string();
  return name == ".git" || name.rfind("build", 0) == 0 || name == "out" || name == "node_modules";
}

TEST(RepositorySelfContained, NoFileRefersOutsideTheRepository) {
  // Built from pieces so that this file does not match itself.
  const std::vector<std::string> needles = {std::string("../") + "shared", std::string("/work/") + "shared",
                                            std::string("shared") + "/vectors", std::string("shared") + "/spec"};
  std::vector<std::string> offenders;
  const fs::path root = knsim::test::source_dir();
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && skipped_dir(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->file_size() > 4'000'000) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (const auto& n : needles) {
      if (s.find(n) != std::string::npos) offenders.push_back(fs::relative(it->path(), root).string() + ": " + n);
    }
  }
  EXPECT_TRUE(offenders.empty()) << [&] {
    std::string all;
    for (const auto& o : offenders) all += "\n  " + o;
    return all;
  }();
}

}  // namespace
