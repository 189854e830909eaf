#include "adapter/kube/reflector.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <thread>

namespace knsim::adapter {
using nlohmann::json;

std::string store_key(const json& o) {
  const json& m = o["metadata"];
  return m.value("namespace", std::string("")) + "/" + m.value("name", std::string(""));
}

Reflector::Reflector(KubeClient& client, std::string path, OnChange on_change, unsigned seed)
    : client_(client), path_(std::move(path)), on_change_(std::move(on_change)), rng_(seed) {}

double Reflector::backoff(int failures) {
  const double base = std::min(30.0, 0.8 * std::pow(2.0, std::max(0, failures - 1)));
  std::uniform_real_distribution<double> jitter(1.0, 2.0);
  return base * jitter(rng_);
}

void Reflector::apply(const std::string& type, const json& object) {
  const std::string key = store_key(object);
  if (type == "DELETED") {
    store_.erase(key);
  } else {
    store_[key] = object;
  }
  if (on_change_) on_change_(type, object);
}

void Reflector::relist() {
  ListResult l = client_.list(path_);
  ++lists_;
  std::set<std::string> seen;
  for (const auto& item : l.items) {
    const std::string key = store_key(item);
    seen.insert(key);
    const auto old = store_.find(key);
    if (old == store_.end()) {
      apply("ADDED", item);
    } else if (old->second["metadata"].value("resourceVersion", "") != item["metadata"].value("resourceVersion", "")) {
      apply("MODIFIED", item);
    }
  }
  std::vector<json> vanished;
  for (const auto& [key, obj] : store_) {
    if (!seen.count(key)) vanished.push_back(obj);
  }
  for (const auto& obj : vanished) apply("DELETED", obj);
  rv_ = l.resource_version;
}

bool Reflector::run(const std::function<bool(const Store&)>& done, int max_connections, int watch_timeout_s) {
  int failures = 0;
  relist();
  if (done(store_)) return true;
  for (int c = 0; c < max_connections; ++c) {
    try {
      const WatchResult w = client_.watch(
          path_, rv_,
          [&](const WatchEvent& e) {
            apply(e.type, e.object);
            return !done(store_);
          },
          watch_timeout_s);
      rv_ = w.last_resource_version;
      failures = 0;
      if (w.stopped) return true;
      if (w.gone) relist();
    } catch (const TransportError&) {
      // The server is unreachable or dropped us: wait, then resume from the last resourceVersion.
      std::this_thread::sleep_for(std::chrono::duration<double>(backoff(++failures)));
    }
    ++reconnects_;
    if (done(store_)) return true;
  }
  return false;
}

}  // namespace knsim::adapter
