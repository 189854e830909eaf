#pragma once
// Where an object or field came from: file and 1-based line (0 = unknown), for error messages
// (models::SourceRef is this type).
#include <string>

namespace knsim::core::api {

struct SourceRef {
  std::string file;
  int line = 0;  // 1-based, 0 = unknown
};

}  // namespace knsim::core::api
