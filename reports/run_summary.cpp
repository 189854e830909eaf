#include "reports/run_summary.hpp"

#include <algorithm>
#include <cmath>

#include "cmake/version.hpp"

namespace knsim::reports {

RunSummary build_run_summary(const RunInfo& info, const RequestStats& stats, const TimeSeriesStore& series,
                             const std::vector<Event>& events) {
  RunAggregates agg(info.sample_interval_s);
  for (const auto& [name, s] : series.revisions())
    for (std::size_t i = 0; i < s.size(); ++i) agg.add(s.row(i));
  std::map<double, std::int64_t> up_at;  // t -> nodes up, in time order
  for (const auto& [name, s] : series.nodes())
    for (std::size_t i = 0; i < s.size(); ++i) up_at[s.t()[i]] += s.column(NodeCol::kUp)[i] != 0 ? 1 : 0;
  for (const auto& [t, n] : up_at) agg.add_nodes_at(t, n);
  for (const Event& e : events) agg.on_event(e);
  return build_run_summary(info, stats, agg);
}

RunSummary build_run_summary(const RunInfo& info, const RequestStats& stats, const RunAggregates& agg) {
  RunSummary out;
  out.scenario = info.scenario;
  out.seed = info.seed;
  out.knsim_version = knsim::version_string();
  out.duration_s = info.duration_s;
  out.config = info.config;
  out.requests_total = stats.total_arrivals();
  out.requests_succeeded = stats.total_succeeded();
  out.requests_failed = stats.total_failed();
  for (FailureReason r : {FailureReason::kOverflow503, FailureReason::kTimeout, FailureReason::kNoRoute,
                          FailureReason::kUnfinished}) {
    out.failed_by_reason[std::string(failure_reason_name(r))] = stats.failed_by(r);
  }
  for (std::size_t r = 0; r < kFailureReasonCount; ++r) {
    const auto reason = static_cast<FailureReason>(r);
    if (stats.failed_by(reason) > 0) out.failed_by_reason[std::string(failure_reason_name(reason))] = stats.failed_by(reason);
  }
  const LatencyHistogram& lat = stats.latency();
  out.latency_p50_ms = lat.quantile(0.5) * 1e3;
  out.latency_p90_ms = lat.quantile(0.9) * 1e3;
  out.latency_p99_ms = lat.quantile(0.99) * 1e3;
  out.latency_max_ms = lat.max() * 1e3;
  out.cold_start_requests = stats.cold_start_requests();

  // Every revision seen anywhere: request stats, samples, events, or the caller's list.
  std::map<std::string, RevisionSummary> revs;
  auto rev = [&revs](const std::string& name) -> RevisionSummary& {
    RevisionSummary& r = revs[name];
    r.name = name;
    return r;
  };
  for (const auto& [name, service] : info.revision_services) rev(name).service = service;
  std::int64_t routed = 0;
  for (std::size_t i = 0; i < stats.revision_count(); ++i) {
    const RevisionTotals& t = stats.totals(static_cast<int>(i));
    RevisionSummary& r = rev(t.name);
    if (!t.service.empty()) r.service = t.service;
    r.requests = t.requests;
    routed += t.requests;
  }
  for (const auto& [name, a] : agg.revisions()) {
    RevisionSummary& r = rev(name);
    r.scale_events = a.scale_events;
    if (!a.sampled) continue;
    r.pods_max = a.pods_max;
    r.pod_seconds = a.pod_seconds;
    r.panic_seconds = a.panic_seconds;
    r.proxy_seconds = a.proxy_seconds;
  }
  if (info.has_integrals) {
    for (auto& [name, r] : revs) r.pod_seconds = r.panic_seconds = r.proxy_seconds = 0;
    for (const auto& [name, in] : info.integrals) {
      const auto it = revs.find(name);
      if (it == revs.end()) continue;
      it->second.pod_seconds = in.pod_seconds;
      it->second.panic_seconds = in.panic_seconds;
      it->second.proxy_seconds = in.proxy_seconds;
    }
  }
  for (auto& [name, r] : revs) {
    r.share = routed > 0 ? static_cast<double>(r.requests) / static_cast<double>(routed) : 0.0;
    out.revisions.push_back(r);
  }
  out.nodes_max = agg.nodes_max();
  out.node_seconds = agg.node_sample_seconds();
  if (info.has_integrals) out.node_seconds = info.node_seconds;
  out.wall_seconds = info.wall_seconds;
  out.simulated_requests_per_wall_second =
      info.wall_seconds > 0 ? static_cast<double>(out.requests_total) / info.wall_seconds : 0.0;
  return out;
}

nlohmann::ordered_json to_json(const RunSummary& s, bool include_wall) {
  using OJson = nlohmann::ordered_json;
  OJson j;
  j["scenario"] = s.scenario;
  j["seed"] = s.seed;
  j["knsim_version"] = s.knsim_version;
  j["duration_s"] = s.duration_s;
  if (s.stopped_at_s) {
    j["completed"] = false;
    j["stopped_at_s"] = *s.stopped_at_s;
  }
  OJson by_reason = OJson::object();
  for (const char* key : {"overflow_503", "timeout", "no_route", "unfinished"}) {
    const auto it = s.failed_by_reason.find(key);
    by_reason[key] = it == s.failed_by_reason.end() ? 0 : it->second;
  }
  for (const auto& [reason, n] : s.failed_by_reason) {
    if (!by_reason.contains(reason)) by_reason[reason] = n;
  }
  j["requests"] = OJson{{"total", s.requests_total}, {"succeeded", s.requests_succeeded},
                        {"failed", s.requests_failed}, {"failed_by_reason", std::move(by_reason)}};
  // Microsecond resolution: the histogram is only 0.4% accurate, more digits would be noise.
  auto us = [](double ms) { return std::round(ms * 1e3) / 1e3; };
  j["latency_ms"] = OJson{{"p50", us(s.latency_p50_ms)}, {"p90", us(s.latency_p90_ms)}, {"p99", us(s.latency_p99_ms)},
                          {"max", us(s.latency_max_ms)}};
  j["cold_start_requests"] = s.cold_start_requests;
  OJson revs = OJson::array();
  for (const RevisionSummary& r : s.revisions) {
    revs.push_back(OJson{{"name", r.name}, {"service", r.service}, {"requests", r.requests}, {"share", r.share},
                         {"pods_max", r.pods_max}, {"pod_seconds", r.pod_seconds},
                         {"panic_seconds", r.panic_seconds}, {"proxy_seconds", r.proxy_seconds},
                         {"scale_events", r.scale_events}});
  }
  j["revisions"] = std::move(revs);
  j["nodes"] = OJson{{"max", s.nodes_max}, {"node_seconds", s.node_seconds}};
  j["wall_seconds"] = include_wall ? s.wall_seconds : 0.0;
  j["simulated_requests_per_wall_second"] = include_wall ? s.simulated_requests_per_wall_second : 0.0;
  if (!s.eventing.is_null()) j["eventing"] = s.eventing;
  j["config"] = s.config;
  return j;
}

}  // namespace knsim::reports
