#pragma once
// A reflector like client-go's: LIST, then WATCH from the list's resourceVersion; a watch that ends
// (timeout, EOF, dropped connection) is resumed from the last resourceVersion seen (events or
// BOOKMARKs); a 410 Gone/Expired re-lists and reconciles the store (objects missing from the fresh
// list are reported as DELETED); transport failures reconnect after a jittered exponential backoff
// (0.8 s doubling to 30 s, each wait times a random factor in [1, 2), like wait.Backoff Jitter 1.0).
// The store maps "namespace/name" to the object.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "adapter/kube/kube_client.hpp"

namespace knsim::adapter {

class Reflector {
 public:
  using Store = std::map<std::string, nlohmann::json>;
  // Called for every change applied to the store (ADDED, MODIFIED, DELETED), re-lists included.
  using OnChange = std::function<void(const std::string& type, const nlohmann::json& object)>;

  Reflector(KubeClient& client, std::string path, OnChange on_change = {}, unsigned seed = 1);

  // Runs until `done(store)` is true (checked after every change and every reconnect) or
  // `max_connections` watch connections were made. Returns whether `done` became true.
  bool run(const std::function<bool(const Store&)>& done, int max_connections = 1000, int watch_timeout_s = 300);

  const Store& store() const { return store_; }
  int lists() const { return lists_; }
  int reconnects() const { return reconnects_; }
  const std::string& resource_version() const { return rv_; }
  // The next backoff wait for `failures` consecutive failures (seconds), for tests.
  double backoff(int failures);

 private:
  void relist();
  void apply(const std::string& type, const nlohmann::json& object);

  KubeClient& client_;
  std::string path_;
  OnChange on_change_;
  std::mt19937 rng_;
  Store store_;
  std::string rv_;
  int lists_ = 0;
  int reconnects_ = 0;
};

std::string store_key(const nlohmann::json& object);

}  // namespace knsim::adapter
