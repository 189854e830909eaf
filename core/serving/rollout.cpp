// Gradual rollout (pkg/reconciler/route/traffic/rollout.go), see rollout.hpp.
#include "core/serving/rollout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace knsim::core::serving {
namespace {

constexpr double kNsPerSecond = 1e9;

void sort_rollout(Rollout& r) {
  std::stable_sort(r.configurations.begin(), r.configurations.end(),
                   [](const ConfigurationRollout& a, const ConfigurationRollout& b) {
                     return a.tag != b.tag ? a.tag < b.tag : a.configuration_name < b.configuration_name;
                   });
}

}  // namespace

std::int64_t to_ns(Seconds s) { return static_cast<std::int64_t>(std::llround(s * kNsPerSecond)); }
Seconds to_seconds(std::int64_t ns) { return static_cast<double>(ns) / kNsPerSecond; }

void ConfigurationRollout::compute_properties(double now_ns, double min_step_sec, double duration_secs) {
  // The first 1% already took min_step_sec, so the rest of the rollout has that much less time.
  duration_secs = std::max(1.0, duration_secs - min_step_sec);
  double num_steps = std::max(1.0, duration_secs / min_step_sec);
  // The smallest step is 1%: at most percent - 1 steps remain.
  const double rem_percent = static_cast<double>(percent - 1);
  if (rem_percent < num_steps) num_steps = rem_percent;
  const double step_size = std::round(rem_percent / num_steps);
  const double step_duration = duration_secs / num_steps * kNsPerSecond;
  step_params.step_duration = static_cast<std::int64_t>(step_duration);
  step_params.step_size = static_cast<int>(step_size);
  step_params.next_step_time = static_cast<std::int64_t>(now_ns + step_duration);
}

bool Rollout::done() const {
  return std::all_of(configurations.begin(), configurations.end(), [](const auto& c) { return c.done(); });
}

bool Rollout::validate() const {
  for (const auto& c : configurations) {
    if (c.percent > 100) return false;
    if (c.step_params.step_size < 0 || c.step_params.step_size > c.percent) return false;
    int total = 0;
    for (const auto& r : c.revisions) total += r.percent;
    if (total != c.percent) return false;
  }
  return true;
}

void Rollout::observe_ready(std::int64_t now_ns, double duration_secs) {
  for (auto& c : configurations) {
    if (c.step_params.step_duration == 0 && c.step_params.start_time > 0) {
      const double elapsed_s = static_cast<double>(now_ns - c.step_params.start_time) / kNsPerSecond;
      const double min_step_sec = std::max(1.0, std::ceil(elapsed_s));
      c.compute_properties(static_cast<double>(now_ns), min_step_sec, duration_secs);
    }
  }
}

void adjust_percentage(int goal, ConfigurationRollout& cr) {
  const int diff = goal - cr.percent;
  if (goal == 0) {
    cr.revisions.clear();  // no traffic, no rollout
  } else if (diff > 0) {
    cr.revisions.back().percent += diff;  // an increase goes to the newest revision
  } else if (diff < 0) {
    int remove = -diff;  // a decrease comes out of the oldest revisions first
    std::size_t i = 0;
    while (remove > 0 && i < cr.revisions.size()) {
      if (cr.revisions[i].percent > remove) {
        cr.revisions[i].percent -= remove;
        break;
      }
      remove -= cr.revisions[i].percent;
      ++i;
    }
    cr.revisions.erase(cr.revisions.begin(), cr.revisions.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

void step_revisions(ConfigurationRollout& goal, std::int64_t now_ns) {
  if (now_ns < goal.step_params.next_step_time || goal.revisions.size() < 2) return;
  const std::size_t n = goal.revisions.size();
  int remaining = goal.step_params.step_size;
  std::size_t write_pos = n - 1;
  std::ptrdiff_t read_pos = static_cast<std::ptrdiff_t>(n) - 2;
  // Take stepSize from the older revisions, newest-old first; emptied ones are dropped.
  while (remaining > 0 && read_pos >= 0) {
    auto& r = goal.revisions[static_cast<std::size_t>(read_pos)];
    if (r.percent > remaining) {
      r.percent -= remaining;
      break;
    }
    remaining -= r.percent;
    --write_pos;
    --read_pos;
  }
  goal.revisions[write_pos] = goal.revisions[n - 1];
  goal.revisions[write_pos].percent = std::min(goal.revisions[write_pos].percent + goal.step_params.step_size,
                                               goal.percent);
  goal.revisions.resize(write_pos + 1);
  if (goal.revisions.size() > 1) {
    goal.step_params.next_step_time = now_ns + goal.step_params.step_duration;
  } else {
    goal.step_params = RolloutParams{};  // done
  }
}

ConfigurationRollout step_config(const ConfigurationRollout& goal, ConfigurationRollout prev, std::int64_t now_ns) {
  ConfigurationRollout ret;
  ret.configuration_name = goal.configuration_name;
  ret.tag = goal.tag;
  ret.percent = goal.percent;
  ret.revisions = goal.revisions;
  if (!prev.revisions.empty()) adjust_percentage(goal.percent, prev);
  const std::size_t pc = prev.revisions.size();
  if (pc == 0 || goal.revisions.front().revision_name == prev.revisions.back().revision_name) {
    if (pc > 1) {
      ret.revisions = prev.revisions;
      ret.step_params = prev.step_params;
      if (ret.step_params.step_size > 0) step_revisions(ret, now_ns);  // only after observe_ready
    }
    return ret;
  }
  // A new revision: start a rollout, giving it 1% from the newest revision with traffic.
  ret.step_params.start_time = now_ns;
  for (auto it = prev.revisions.rbegin(); it != prev.revisions.rend(); ++it) {
    if (it->percent > 0) {
      --it->percent;
      break;
    }
  }
  ret.revisions.clear();
  for (const auto& r : prev.revisions) {
    if (r.percent != 0) ret.revisions.push_back(r);
  }
  RevisionRollout fresh = goal.revisions.front();
  fresh.percent = 1;
  ret.revisions.push_back(fresh);
  return ret;
}

std::pair<Rollout, std::int64_t> Rollout::step(const Rollout* prev, std::int64_t now_ns) const {
  if (prev == nullptr || prev->configurations.empty()) return {*this, 0};
  std::map<std::string, std::vector<const ConfigurationRollout*>> cur_by_tag, prev_by_tag;
  for (const auto& c : configurations) cur_by_tag[c.tag].push_back(&c);
  for (const auto& c : prev->configurations) prev_by_tag[c.tag].push_back(&c);
  Rollout ret;
  std::int64_t next = std::numeric_limits<std::int64_t>::max();
  for (const auto& [tag, ccfgs] : cur_by_tag) {
    auto found = prev_by_tag.find(tag);
    if (found == prev_by_tag.end()) {  // a new tag: rolled out at once
      ret.configurations.push_back(*ccfgs.front());
      continue;
    }
    const auto& pcfgs = found->second;
    // Intersection of two lists sorted by configuration name.
    for (std::size_t i = 0, j = 0; i < ccfgs.size();) {
      if (j >= pcfgs.size()) {
        ret.configurations.push_back(*ccfgs[i++]);
      } else if (ccfgs[i]->configuration_name == pcfgs[j]->configuration_name) {
        const int p = ccfgs[i]->percent;
        if (p > 1) {
          ConfigurationRollout sc = step_config(*ccfgs[i], *pcfgs[j], now_ns);
          if (sc.step_params.next_step_time > 0) next = std::min(next, sc.step_params.next_step_time);
          ret.configurations.push_back(std::move(sc));
        } else if (p == 1) {
          ret.configurations.push_back(*ccfgs[i]);  // a 1% A/B target is never rolled
        }
        ++i;
        ++j;
      } else if (ccfgs[i]->configuration_name < pcfgs[j]->configuration_name) {
        if (ccfgs[i]->percent != 0) ret.configurations.push_back(*ccfgs[i]);
        ++i;
      } else {
        ++j;  // a configuration left the route
      }
    }
  }
  sort_rollout(ret);
  return {ret, next == std::numeric_limits<std::int64_t>::max() ? 0 : next};
}

Rollout build_rollout(const TrafficConfig& traffic) {
  Rollout r;
  for (const auto& [tag, targets] : traffic.targets) {
    for (const auto& t : targets) {
      if (!t.latest_revision) continue;
      ConfigurationRollout c;
      c.configuration_name = t.configuration_name;
      c.tag = tag;
      c.percent = static_cast<int>(t.percent);
      c.revisions.push_back({t.revision_name, static_cast<int>(t.percent)});
      r.configurations.push_back(std::move(c));
    }
  }
  sort_rollout(r);
  return r;
}

TrafficConfig apply_rollout(const TrafficConfig& traffic, const Rollout& rollout) {
  TrafficConfig out = traffic;
  for (auto& [tag, targets] : out.targets) {
    std::vector<RevisionTarget> rewritten;
    for (const auto& t : targets) {
      const ConfigurationRollout* cr = nullptr;
      for (const auto& c : rollout.configurations) {
        if (c.tag == tag && c.configuration_name == t.configuration_name) cr = &c;
      }
      if (!t.latest_revision || cr == nullptr || cr->revisions.size() < 2) {
        rewritten.push_back(t);
        continue;
      }
      for (std::size_t i = 0; i < cr->revisions.size(); ++i) {
        RevisionTarget rt = t;
        rt.revision_name = cr->revisions[i].revision_name;
        rt.percent = cr->revisions[i].percent;
        rt.latest_revision = i + 1 == cr->revisions.size();
        rewritten.push_back(rt);
      }
    }
    targets = std::move(rewritten);
  }
  return out;
}

RolloutDecision reconcile_rollout(const TrafficConfig& traffic, const std::optional<Rollout>& previous,
                                  std::int64_t now_ns, std::int64_t duration_seconds, bool ingress_ready) {
  RolloutDecision d;
  const Rollout desired = build_rollout(traffic);
  if (duration_seconds <= 0) {
    d.state = desired;
    d.programmed = traffic;
    return d;
  }
  auto stepped = desired.step(previous ? &*previous : nullptr, now_ns);
  d.state = std::move(stepped.first);
  if (ingress_ready) d.state.observe_ready(now_ns, static_cast<double>(duration_seconds));
  std::int64_t next = 0;
  for (const auto& c : d.state.configurations) {
    const std::int64_t t = c.step_params.next_step_time;
    if (!c.done() && t > 0 && (next == 0 || t < next)) next = t;
  }
  d.next_step_ns = next;
  d.programmed = apply_rollout(traffic, d.state);
  return d;
}

std::int64_t rollout_duration_seconds(const std::optional<Seconds>& route_annotation,
                                      std::int64_t network_rollout_duration) {
  if (route_annotation && *route_annotation > 0) return static_cast<std::int64_t>(*route_annotation);
  return network_rollout_duration;
}

}  // namespace knsim::core::serving
