// See scenario_overrides.hpp.
#include "manifests/scenario_overrides.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/api/quantity.hpp"
#include "core/time/time.hpp"
#include "manifests/limits.hpp"
#include "manifests/scenario_reader.hpp"
#include "manifests/yaml_reader.hpp"

namespace knsim::manifests {

namespace {

template <typename T>
bool parse_whole(const std::string& text, T& out) {
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size() && !text.empty();
}

std::string pool_names(const models::ClusterSpec& c) {
  std::string s;
  for (const auto& p : c.node_pools) s += (s.empty() ? "" : ", ") + p.name;
  return s;
}

// `field` is "count", "cpu", "memory" or "speed" of pool `p`; the bounds are the scenario file's
// (manifests/scenario_reader.cpp read_node_pool).
void set_pool_field(models::NodePoolSpec& p, const std::string& field, const std::string& value,
                    const std::string& set, Diagnostics& diags) {
  const std::string what = "nodePools." + p.name + "." + field + ": ";
  if (field == "count") {
    long n = 0;
    if (!parse_whole(value, n)) diags.error("--set", 0, set, what + "not an integer: '" + value + "'");
    else if (n < 1 || n > kMaxNodes) diags.error("--set", 0, set, what + "must be in [1, " + std::to_string(kMaxNodes) + "], got " + value);
    else p.count = static_cast<int>(n);
  } else if (field == "cpu") {
    std::string why;
    const auto q = core::api::parse_quantity(value, &why);
    if (!q) diags.error("--set", 0, set, what + why);
    else if (*q <= 0) diags.error("--set", 0, set, what + "must be greater than 0");
    else p.cpu = *q;
  } else if (field == "memory") {
    std::string why;
    const auto b = core::api::parse_bytes(value, &why);
    if (!b) diags.error("--set", 0, set, what + why);
    else if (*b == 0) diags.error("--set", 0, set, what + "must be greater than 0");
    else p.memory_bytes = *b;
  } else if (field == "speed") {
    double x = 0;
    if (!parse_whole(value, x) || !std::isfinite(x)) diags.error("--set", 0, set, what + "not a number: '" + value + "'");
    else if (x <= 0) diags.error("--set", 0, set, what + "must be greater than 0");
    else p.speed = x;
  } else {
    diags.error("--set", 0, set, what + "unknown field (count, cpu, memory or speed can be set)");
  }
}

// "nodePools.POOL.FIELD": POOL may hold dots, FIELD has none. Returns true when a pool changed.
bool set_node_pool(models::ScenarioSpec& s, const std::string& key, const std::string& value, const std::string& set,
                   Diagnostics& diags) {
  const std::string rest = key.substr(std::string("nodePools.").size());
  const auto dot = rest.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) {
    diags.error("--set", 0, set, "expected scenario.nodePools.POOL.FIELD, FIELD one of count, cpu, memory, speed");
    return false;
  }
  const std::string name = rest.substr(0, dot), field = rest.substr(dot + 1);
  auto it = std::find_if(s.cluster.node_pools.begin(), s.cluster.node_pools.end(),
                         [&](const models::NodePoolSpec& p) { return p.name == name; });
  if (it == s.cluster.node_pools.end()) {
    std::vector<std::string> names;
    for (const auto& p : s.cluster.node_pools) names.push_back(p.name);
    std::string msg = "no node pool \"" + name + "\" in spec.cluster.nodePools (pools: " + pool_names(s.cluster) + ")";
    if (const auto hint = suggest_name(name, names); !hint.empty()) msg += "; did you mean \"" + hint + "\"?";
    diags.error("--set", 0, set, msg);
    return false;
  }
  const std::size_t before = diags.error_count();
  set_pool_field(*it, field, value, set, diags);
  return diags.error_count() == before;
}

}  // namespace

bool apply_scenario_override(models::ScenarioSpec& s, const std::string& key, const std::string& value,
                             const std::string& set, Diagnostics& diags) {
  if (key == "seed") {
    std::uint64_t v = 0;
    if (!parse_whole(value, v)) diags.error("--set", 0, set, "seed: not an unsigned integer");
    else s.seed = v;
  } else if (key == "duration") {
    auto d = core::parse_duration(value);
    if (!d || *d <= 0) diags.error("--set", 0, set, "duration: expected a positive duration like 10m");
    else s.duration = *d;
  } else if (key == "sampleInterval") {
    auto d = core::parse_duration(value);
    if (!d || *d <= 0) diags.error("--set", 0, set, "sampleInterval: expected a positive duration like 1s");
    else s.sample_interval = *d;
  } else if (key.rfind("nodePools.", 0) == 0) {
    return set_node_pool(s, key, value, set, diags);
  } else {
    diags.error("--set", 0, set,
                "scenario." + key + ": only seed, duration, sampleInterval and nodePools.POOL.{count,cpu,memory,speed} can be set");
  }
  return false;
}

void check_node_pools(const models::ScenarioSpec& s, Diagnostics& diags) {
  long total = 0;
  for (const auto& p : s.cluster.node_pools) total += p.count;
  if (total > kMaxNodes) {
    diags.error("--set", 0, "scenario.nodePools",
                std::to_string(total) + " nodes in all pools; the limit is " + std::to_string(kMaxNodes) +
                    " (memory grows with the square of the node count: 15,000 nodes take 1.8 GB)");
    return;
  }
  const auto nodes = node_names(s.cluster);
  std::string ranges;  // "worker-0 ... worker-2, big-0"
  for (const auto& p : s.cluster.node_pools) {
    ranges += (ranges.empty() ? "" : ", ") + p.name + "-0";
    if (p.count > 1) ranges += " ... " + p.name + "-" + std::to_string(p.count - 1);
  }
  for (const auto& a : s.timeline) {
    using K = models::TimelineAction::Kind;
    if (a.kind != K::kFailNode && a.kind != K::kRecoverNode) continue;
    if (std::find(nodes.begin(), nodes.end(), a.node) != nodes.end()) continue;
    const std::string action = a.kind == K::kFailNode ? "failNode" : "recoverNode";
    const std::string msg = action + " " + a.node + " at " + core::format_duration(a.at) +
                            ": no such node after --set scenario.nodePools (nodes: " + ranges + ")";
    diags.error(a.where.file.empty() ? "--set" : a.where.file, a.where.line, "spec.timeline." + action, msg);
  }
}

}  // namespace knsim::manifests
