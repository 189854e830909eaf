// Dependencies point one way (docs/architecture.md "Layout and dependency direction"): every
// #include "folder/..." of every source folder is checked against the folders it may use.
//   core      -> core                      models  -> core, models
//   manifests -> core, models, manifests   reports -> core, reports, cmake
//   sim       -> core, models, reports, sim, cmake (never manifests, adapter, gui, cli)
//   adapter   -> anything but sim, gui, cli;   plan -> anything but gui, cli
//   cli       -> anything but gui;             gui  -> anything but cli
// Known exceptions still to be removed are listed file by file below (a ratchet: a new one fails,
// and a listed one that no longer includes its folder fails too, so the list only shrinks).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "tests/support/test_paths.hpp"

namespace {

namespace fs = std::filesystem;

const std::set<std::string> kAll = {"core", "models", "manifests", "reports", "sim", "cli", "gui", "adapter", "plan", "cmake"};

std::set<std::string> all_but(std::set<std::string> out, std::initializer_list<const char*> minus) {
  for (const char* m : minus) out.erase(m);
  return out;
}

const std::map<std::string, std::set<std::string>>& allowed() {
  static const std::map<std::string, std::set<std::string>> rules = {
      {"core", {"core"}},
      {"models", {"core", "models"}},
      {"manifests", {"core", "models", "manifests"}},
      {"reports", {"core", "reports", "cmake"}},
      {"sim", {"core", "models", "reports", "sim", "cmake"}},
      {"adapter", all_but(kAll, {"sim", "gui", "cli"})},
      {"plan", all_but(kAll, {"gui", "cli"})},
      {"cli", all_but(kAll, {"gui"})},
      {"gui", all_but(kAll, {"cli"})},
  };
  return rules;
}

// "<file relative to the repository>" -> the folder it may still include against the rules.
// None today: SimInput is in models/ and built by manifests/sim_input_builder.hpp, so sim/ does
// not include manifests/ (issue 12). A file listed here must still break the rule (checked below).
const std::map<std::string, std::string> kKnownExceptions = {};

std::set<std::string> included_folders(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  static const std::regex include(R"(#\s*include\s*"([a-z_]+)/)");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), include); it != std::sregex_iterator(); ++it)
    if (kAll.count((*it)[1].str()) > 0) out.insert((*it)[1].str());
  return out;
}

TEST(IncludeDirections, EveryFolderIncludesOnlyWhatItMayUse) {
  const fs::path root = knsim::test::source_dir();
  int files = 0;
  std::set<std::string> exceptions_seen;
  for (const auto& [folder, ok] : allowed()) {
    if (!fs::exists(root / folder)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / folder)) {
      const auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
      ++files;
      const std::string rel = fs::relative(e.path(), root).generic_string();
      for (const auto& used : included_folders(e.path())) {
        if (ok.count(used) > 0) continue;
        const auto ex = kKnownExceptions.find(rel);
        if (ex != kKnownExceptions.end() && ex->second == used) {
          exceptions_seen.insert(rel);
          continue;
        }
        ADD_FAILURE() << rel << " includes " << used << "/, which " << folder << "/ may not use";
      }
    }
  }
  EXPECT_GT(files, 300);
  for (const auto& [file, folder] : kKnownExceptions)
    EXPECT_EQ(exceptions_seen.count(file), 1u) << file << " no longer includes " << folder
                                               << "/: remove it from kKnownExceptions";
}

}  // namespace
