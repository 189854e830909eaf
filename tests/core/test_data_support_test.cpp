// The test-data reader (tests/support/test_data.hpp): a missing or malformed file gives an error
// naming the file instead of throwing, so test discovery never stops on bad data.
#include "tests/support/test_data.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace {

namespace fs = std::filesystem;

fs::path scratch_file(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "knsim-test-data-support";
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

TEST(TestDataSupport, MissingFileNamesIt) {
  const fs::path p = fs::temp_directory_path() / "knsim-no-such-dir" / "vectors.json";
  const auto f = knsim::test::read_json_file(p);
  EXPECT_FALSE(f.ok());
  EXPECT_NE(f.error.find(p.string()), std::string::npos) << f.error;
  EXPECT_NE(f.error.find("missing"), std::string::npos) << f.error;
  EXPECT_THROW(knsim::test::load_json_file(p), std::runtime_error);
}

TEST(TestDataSupport, MalformedFileNamesItAndThePosition) {
  const fs::path p = scratch_file("truncated.json", "{\"vectors\": [1, 2");
  const auto f = knsim::test::read_json_file(p);
  EXPECT_FALSE(f.ok());
  EXPECT_TRUE(f.doc.is_null());
  EXPECT_NE(f.error.find(p.string()), std::string::npos) << f.error;
  EXPECT_NE(f.error.find("not valid JSON"), std::string::npos) << f.error;
  EXPECT_NE(f.error.find("line 1"), std::string::npos) << f.error;
}

TEST(TestDataSupport, GoodFileParses) {
  const fs::path p = scratch_file("good.json", "{\"vectors\": [1, 2]}");
  const auto f = knsim::test::read_json_file(p);
  ASSERT_TRUE(f.ok()) << f.error;
  EXPECT_EQ(f.doc.at("vectors").size(), 2u);
}

// The Knative vectors are part of the repository (tests/data/knative, see its README).
TEST(TestDataSupport, KnativeVectorsAreInTheRepository) {
  for (const char* name : {"knative-serving-tests.json", "knative-eventing-tests.json", "README.md"}) {
    EXPECT_TRUE(fs::is_regular_file(knsim::test::knative_vectors_dir() / name)) << name;
  }
  EXPECT_TRUE(fs::is_directory(knsim::test::knative_vectors_dir() / "kpa-oracle"));
}

}  // namespace
