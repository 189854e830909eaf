#pragma once
// Test data files under tests/data/ (the Knative vectors, fixtures). Reading them never throws while
// tests are being discovered: discovery helpers return a placeholder instead, and the test that needs
// the file fails with a message naming it. Inside a test body, load_json_file throws a
// std::runtime_error that names the file, which GoogleTest reports as that test's failure.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace knsim::test {

std::filesystem::path data_dir();             // tests/data in the source tree
std::filesystem::path knative_vectors_dir();  // tests/data/knative (see its README.md)

// A JSON data file read without throwing: `error` names the file and says what is wrong with it
// (missing, unreadable, or where it fails to parse); `doc` is null then.
struct JsonFile {
  nlohmann::json doc;
  std::string error;
  bool ok() const { return error.empty(); }
};
JsonFile read_json_file(const std::filesystem::path& path);

// For test bodies: the parsed file, or a std::runtime_error naming the file.
nlohmann::json load_json_file(const std::filesystem::path& path);

}  // namespace knsim::test
