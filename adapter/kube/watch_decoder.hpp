#pragma once
// Splits a watch response body into events. The API server writes one JSON object per line
// ({"type": ADDED|MODIFIED|DELETED|BOOKMARK|ERROR, "object": {...}}), but transport chunks do not
// align with lines: bytes are buffered and only complete lines are decoded.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace knsim::adapter {

struct WatchEvent {
  std::string type;
  nlohmann::json object;
};

class WatchDecoder {
 public:
  // Appends bytes; returns the events completed by them, in order. Throws std::runtime_error on a
  // line that is not a watch event.
  std::vector<WatchEvent> feed(const char* data, std::size_t size);
  // Bytes received after the last newline (a stream cut mid-event leaves some).
  std::size_t pending_bytes() const { return buffer_.size(); }

 private:
  std::string buffer_;
};

}  // namespace knsim::adapter
