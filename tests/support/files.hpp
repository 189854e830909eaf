#pragma once
// Reading and writing whole files in tests: one copy for every test folder (issue 12: test helpers
// were written five times). Header-only.
//   read_text(path)          the file's bytes; "" when it is missing or unreadable
//   write_text(path, text)   creates the parent folders, replaces the file; false when it failed
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace knsim::test {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline bool write_text(const std::filesystem::path& p, const std::string& text) {
  std::error_code ec;
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

}  // namespace knsim::test
