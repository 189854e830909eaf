#include "adapter/kube/watch_decoder.hpp"

namespace knsim::adapter {

std::vector<WatchEvent> WatchDecoder::feed(const char* data, std::size_t size) {
  buffer_.append(data, size);
  std::vector<WatchEvent> events;
  std::size_t start = 0;
  for (std::size_t nl; (nl = buffer_.find('\n', start)) != std::string::npos; start = nl + 1) {
    const std::string_view line(buffer_.data() + start, nl - start);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("type") || !j["type"].is_string() ||
        !j.contains("object")) {
      throw std::runtime_error("watch stream: a line is not a watch event");
    }
    events.push_back({j["type"].get<std::string>(), std::move(j["object"])});
  }
  buffer_.erase(0, start);
  return events;
}

}  // namespace knsim::adapter
