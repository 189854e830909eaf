#include "tests/support/test_data.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/support/test_paths.hpp"

namespace knsim::test {

std::filesystem::path data_dir() { return source_dir() / "tests" / "data"; }

std::filesystem::path knative_vectors_dir() { return data_dir() / "knative"; }

JsonFile read_json_file(const std::filesystem::path& path) {
  JsonFile out;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    out.error = "test data file " + path.string() + " is missing (it belongs to the repository: tests/data/)";
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.error = "test data file " + path.string() + " cannot be opened";
    return out;
  }
  std::ostringstream text;
  text << in.rdbuf();
  out.doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (out.doc.is_discarded()) {
    // Parse again with exceptions only to get the position of the error for the message.
    try {
      const nlohmann::json again = nlohmann::json::parse(text.str());
      static_cast<void>(again);
    } catch (const nlohmann::json::parse_error& e) {
      out.error = "test data file " + path.string() + " is not valid JSON: " + e.what();
    }
    if (out.error.empty()) out.error = "test data file " + path.string() + " is not valid JSON";
    out.doc = nullptr;
  }
  return out;
}

nlohmann::json load_json_file(const std::filesystem::path& path) {
  JsonFile f = read_json_file(path);
  if (!f.ok()) throw std::runtime_error(f.error);
  return std::move(f.doc);
}

}  // namespace knsim::test
