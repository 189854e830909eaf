// report.html: one self-contained page (inline CSS and SVG, no scripts, no network): the run
// summary, the revisions table, and plots sharing one time axis.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "reports/eventing_plot.hpp"
#include "reports/report_events.hpp"
#include "reports/svg_plot.hpp"
#include "reports/writers.hpp"

namespace knsim::reports {
namespace {

constexpr int kWidth = 1100;
constexpr std::size_t kMaxPlotted = 12;  // revisions drawn (most requests first)
constexpr std::size_t kMaxDetailed = 4;  // above this many, the dashed "asked for" lines are left out
// Tableau 10: distinguishable colours per revision.
constexpr const char* kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
constexpr const char* kProxyColor = "#8d99ae";
constexpr const char* kServeColor = "#cfe8d5";
constexpr const char* kPanicColor = "#e63946";

std::string fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string esc(const std::string& s) { return xml_escape(s); }

// Revisions to plot: up to kMaxPlotted with the most requests, then in name order.
std::vector<std::string> plotted_revisions(const RunSummary& summary, const TimeSeriesStore& store) {
  std::vector<std::pair<std::int64_t, std::string>> ranked;
  for (const std::string& name : store.revision_names()) {
    std::int64_t req = 0;
    for (const RevisionSummary& r : summary.revisions) {
      if (r.name == name) req = r.requests;
    }
    ranked.emplace_back(-req, name);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < kMaxPlotted; ++i) out.push_back(ranked[i].second);
  std::sort(out.begin(), out.end());
  return out;
}

std::string summary_tables(const RunSummary& s, const WriteOptions& opt) {
  std::string h = "<table class=\"kv\">\n";
  auto row = [&h](const std::string& k, const std::string& v) { h += "<tr><th>" + k + "</th><td>" + v + "</td></tr>\n"; };
  row("scenario", esc(s.scenario));
  row("seed", std::to_string(s.seed));
  row("knsim", esc(s.knsim_version));
  row("simulated time", format_number(s.duration_s) + " s");
  std::string failed = std::to_string(s.requests_failed);
  std::string reasons;
  for (const auto& [reason, n] : s.failed_by_reason) {
    if (n > 0) reasons += (reasons.empty() ? "" : ", ") + esc(reason) + " " + std::to_string(n);
  }
  if (!reasons.empty()) failed += " (" + reasons + ")";
  row("requests", std::to_string(s.requests_total) + " total, " + std::to_string(s.requests_succeeded) + " succeeded, " + failed + " failed");
  row("latency (succeeded)", "p50 " + fmt("%.1f", s.latency_p50_ms) + " ms, p90 " + fmt("%.1f", s.latency_p90_ms) +
                                 " ms, p99 " + fmt("%.1f", s.latency_p99_ms) + " ms, max " + fmt("%.1f", s.latency_max_ms) + " ms");
  row("cold-start requests", std::to_string(s.cold_start_requests));
  row("nodes", "max " + std::to_string(s.nodes_max) + " up, " + fmt("%.0f", s.node_seconds) + " node-seconds");
  if (opt.include_wall) {
    row("wall time", fmt("%.2f", s.wall_seconds) + " s (" + fmt("%.0f", s.simulated_requests_per_wall_second) +
                         " simulated requests per wall second)");
  }
  h += "</table>\n<table class=\"grid\">\n<tr><th>revision</th><th>service</th><th>requests</th><th>share</th>"
       "<th>pods max</th><th>pod-seconds</th><th>panic s</th><th>proxy s</th><th>scale events</th></tr>\n";
  for (const RevisionSummary& r : s.revisions) {
    h += "<tr><td>" + esc(r.name) + "</td><td>" + esc(r.service) + "</td><td>" + std::to_string(r.requests) + "</td><td>" +
         fmt("%.1f%%", r.share * 100) + "</td><td>" + std::to_string(r.pods_max) + "</td><td>" + fmt("%.0f", r.pod_seconds) +
         "</td><td>" + fmt("%.0f", r.panic_seconds) + "</td><td>" + fmt("%.0f", r.proxy_seconds) + "</td><td>" +
         std::to_string(r.scale_events) + "</td></tr>\n";
  }
  return h + "</table>\n";
}

// Timeline actions and node failures as vertical markers on every plot.
std::vector<PlotMarker> markers_of(const std::vector<Event>& events) {
  std::vector<PlotMarker> m;
  for (const Event& e : events) {
    if (const auto* a = e.as<TimelineActionEvent>()) {
      m.push_back({e.t_s, a->action, "#444"});
    } else if (const auto* n = e.as<NodeChange>()) {
      m.push_back({e.t_s, (n->up ? "up " : "down ") + n->node, n->up ? "#2a9d8f" : "#c1121f"});
    }
  }
  return m;
}

// Spans of a 0/1 column: sample i stands for (t[i-1], t[i]].
std::vector<BandSpan> spans_of(const RevisionSeries& s, RevCol col, bool when, const char* color) {
  std::vector<BandSpan> out;
  const auto& t = s.t();
  const auto& v = s.column(col);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((v[i] != 0) != when) continue;
    const double t0 = i == 0 ? std::max(0.0, t[0] - (s.size() > 1 ? t[1] - t[0] : 1.0)) : t[i - 1];
    if (!out.empty() && out.back().t1 == t0) {
      out.back().t1 = t[i];
    } else {
      out.push_back({t0, t[i], color});
    }
  }
  return out;
}

// Requests routed to the revisions of each Service, per sample time: service -> t -> requests.
using ServiceRequests = std::map<std::string, std::map<double, double>>;

std::string service_of(const RunSummary& summary, const std::string& revision) {
  for (const auto& r : summary.revisions)
    if (r.name == revision) return r.service;
  return revision;  // unknown: a group of its own
}

// served_share in percent; NaN (not drawn) at sample times when the revision's Service got no
// request (a share of nothing is no information).
std::vector<double> served_percent(const RevisionSeries& s, const std::map<double, double>& service_requests_at) {
  std::vector<double> v = s.column(RevCol::kServedShare);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto it = service_requests_at.find(s.t()[i]);
    v[i] = it != service_requests_at.end() && it->second > 0 ? v[i] * 100 : std::nan("");
  }
  return v;
}

ServiceRequests requests_per_service(const RunSummary& summary, const TimeSeriesStore& store) {
  ServiceRequests at;
  for (const auto& [name, s] : store.revisions()) {
    auto& svc = at[service_of(summary, name)];
    for (std::size_t i = 0; i < s.size(); ++i) svc[s.t()[i]] += s.column(RevCol::kRequests)[i];
  }
  return at;
}

// Per-interval count -> rate per second (interval from consecutive sample times).
std::vector<double> per_second(const RevisionSeries& s, RevCol col) {
  const auto& t = s.t();
  std::vector<double> v = s.column(col);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double dt = i > 0 ? t[i] - t[i - 1] : (v.size() > 1 ? t[1] - t[0] : 1.0);
    v[i] = dt > 0 ? v[i] / dt : 0;
  }
  return v;
}

struct PlotContext {
  const TimeSeriesStore& store;
  std::vector<std::string> revisions;
  TimeAxis axis;
  std::vector<PlotMarker> markers;
  const RunSummary& summary;
  std::string color(std::size_t i) const { return kPalette[i % std::size(kPalette)]; }
};

std::string plot_html(SvgPlot& p, const PlotContext& ctx, int height) {
  for (const PlotMarker& m : ctx.markers) p.add_marker(m);
  return "<div class=\"plot\">" + p.render(kWidth, height) + "</div>\n";
}

std::string revision_plots(const PlotContext& ctx) {
  std::string h;
  SvgPlot pods("Pods per revision", "pods", ctx.axis);
  SvgPlot conc("Observed concurrency against target", "concurrent requests", ctx.axis);
  SvgPlot traffic("Traffic split", "percent of requests (%)", ctx.axis);
  SvgPlot rate("Request rate", "requests per second", ctx.axis);
  SvgPlot lat("Latency of completed requests (log scale)", "latency (ms)", ctx.axis);
  SvgPlot fail("Failures and cold starts", "requests per interval", ctx.axis);
  std::vector<BandRow> bands;
  const ServiceRequests requests_at = requests_per_service(ctx.summary, ctx.store);
  for (std::size_t i = 0; i < ctx.revisions.size(); ++i) {
    const RevisionSeries& s = *ctx.store.revision(ctx.revisions[i]);
    const std::string& n = s.name();
    const std::string c = ctx.color(i);
    using St = PlotLine::Style;
    pods.add({n + " ready", c, &s.t(), s.column(RevCol::kReadyPods), St::kSolid, 2.0, true});
    if (ctx.revisions.size() <= kMaxDetailed) {
      pods.add({n + " desired", c, &s.t(), s.column(RevCol::kDesiredPods), St::kDashed, 1.4, true});
    }
    std::vector<double> capacity = s.column(RevCol::kTarget);
    for (std::size_t k = 0; k < capacity.size(); ++k) capacity[k] *= s.column(RevCol::kReadyPods)[k];
    conc.add({n + " observed (stable)", c, &s.t(), s.column(RevCol::kObservedStable), St::kSolid, 1.8, false});
    if (ctx.revisions.size() <= kMaxDetailed) {
      conc.add({n + " target x ready pods", c, &s.t(), capacity, St::kDashed, 1.4, true});
      traffic.add({n + " configured %", c, &s.t(), s.column(RevCol::kTrafficPercent), St::kDashed, 1.4, true});
    }
    traffic.add({n + " served %", c, &s.t(), served_percent(s, requests_at.at(service_of(ctx.summary, n))), St::kSolid,
                 1.8, false});
    rate.add({n, c, &s.t(), per_second(s, RevCol::kRequests), St::kSolid, 1.6, false});
    lat.add({n + " p50", c, &s.t(), s.column(RevCol::kLatencyP50Ms), St::kSolid, 1.6, false, true});
    lat.add({n + " p99", c, &s.t(), s.column(RevCol::kLatencyP99Ms), St::kDotted, 1.6, false, true});
    fail.add({n + " failures", c, &s.t(), s.column(RevCol::kFailures), St::kSolid, 1.6, false});
    fail.add({n + " cold starts", c, &s.t(), s.column(RevCol::kColdStarts), St::kDotted, 1.8, false});
    BandRow mode{n + " mode", spans_of(s, RevCol::kMode, true, kProxyColor)};
    for (BandSpan& b : spans_of(s, RevCol::kMode, false, kServeColor)) mode.spans.push_back(b);
    bands.push_back(std::move(mode));
    bands.push_back({n + " panic", spans_of(s, RevCol::kPanic, true, kPanicColor)});
  }
  traffic.set_y_max(100);
  pods.set_integer_y(true);
  lat.set_log_y(true);
  fail.set_integer_y(true);
  SvgPlot modes("Activator mode and panic per revision", "", ctx.axis);
  modes.set_bands(std::move(bands), {{"Proxy (activator in path)", kProxyColor}, {"Serve", kServeColor}, {"panic", kPanicColor}});
  const int band_height = 70 + 26 * static_cast<int>(2 * ctx.revisions.size());
  h += plot_html(pods, ctx, 300);
  h += plot_html(modes, ctx, band_height);
  h += plot_html(conc, ctx, 260);
  h += plot_html(traffic, ctx, 240);
  h += plot_html(rate, ctx, 240);
  h += plot_html(lat, ctx, 260);
  h += plot_html(fail, ctx, 220);
  return h;
}

std::string node_plot(const PlotContext& ctx) {
  // Cluster totals per sample time: CPU busy and CPU of the nodes that are up.
  std::map<double, std::pair<double, double>> at;  // t -> (used, cores up)
  for (const auto& [name, s] : ctx.store.nodes()) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      auto& [used, cores] = at[s.t()[i]];
      used += s.column(NodeCol::kCpuUsed)[i];
      if (s.column(NodeCol::kUp)[i] != 0) cores += s.column(NodeCol::kCpuCores)[i];
    }
  }
  if (at.empty()) return "";
  std::vector<double> t, used, cores;  // the plot points at t; it renders before t goes away
  for (const auto& [time, v] : at) {
    t.push_back(time);
    used.push_back(v.first);
    cores.push_back(v.second);
  }
  SvgPlot p("Cluster CPU", "cores", ctx.axis);
  p.add({"CPU cores of nodes up", "#264653", &t, cores, PlotLine::Style::kDashed, 1.6, true});
  p.add({"CPU busy", "#e76f51", &t, used, PlotLine::Style::kSolid, 1.8, false});
  return plot_html(p, ctx, 220);
}

std::string event_table(const ReportEvents& report_events) {
  std::string h = "<p class=\"counts\">events: ";
  for (const auto& [k, n] : report_events.counts()) h += esc(k) + " " + std::to_string(n) + " &nbsp; ";
  h += "</p>\n<table class=\"grid\"><tr><th>t (s)</th><th>event</th><th>detail</th></tr>\n";
  int shown = 0;
  for (const Event& e : report_events.kept()) {
    std::string detail;
    if (const auto* a = e.as<TimelineActionEvent>()) detail = a->action + " " + a->detail;
    else if (const auto* n = e.as<NodeChange>()) detail = n->node + (n->reason.empty() ? "" : ": " + n->reason);
    else if (const auto* m = e.as<ModeSwitch>()) detail = m->revision + " -> " + m->mode + (m->reason.empty() ? "" : ": " + m->reason);
    else if (const auto* p = e.as<PanicChange>()) detail = p->revision + (p->reason.empty() ? "" : ": " + p->reason);
    else if (const auto* t = e.as<TrafficChange>()) {
      detail = t->service + ":";
      for (const TrafficTarget& tt : t->targets) detail += " " + tt.revision + (tt.tag.empty() ? "" : "@" + tt.tag) + " " + format_number(tt.percent) + "%";
    } else {
      continue;
    }
    if (++shown > ReportEvents::kTableRows) break;
    h += "<tr><td>" + format_number(e.t_s) + "</td><td>" + std::string(e.kind_name()) + "</td><td>" + esc(detail) + "</td></tr>\n";
  }
  return h + "</table>\n" + (shown > 300 ? "<p>(first 300 shown; all in events.jsonl)</p>\n" : "");
}

constexpr const char* kStyle =
    "body{font-family:sans-serif;margin:20px auto;max-width:1140px;color:#222}"
    "h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:22px 0 6px;border-bottom:1px solid #ddd}"
    "table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}"
    "th,td{padding:3px 10px;text-align:left}table.kv th{color:#555;font-weight:normal}"
    "table.grid th{background:#f0f0f0}table.grid td{border-top:1px solid #e6e6e6}"
    ".plot{margin:4px 0 10px}.note{color:#666;font-size:13px}.counts{font-size:13px;color:#444}";

}  // namespace

TimeAxis report_axis(const RunSummary& summary, const TimeSeriesStore& store) {
  return TimeAxis::for_range(0, std::max(summary.duration_s, store.last_t()));
}

void write_report_html(std::ostream& out, const RunSummary& summary, const TimeSeriesStore& store,
                       const std::vector<Event>& events, const WriteOptions& opt) {
  ReportEvents report_events(report_axis(summary, store));
  for (const Event& e : events) report_events.on_event(e);
  write_report_html(out, summary, store, report_events, opt);
}

void write_report_html(std::ostream& out, const RunSummary& summary, const TimeSeriesStore& store,
                       const ReportEvents& events, const WriteOptions& opt) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>knsim: " +
                  esc(summary.scenario) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  h += "<h1>knsim run: " + esc(summary.scenario) + "</h1>\n";
  h += summary_tables(summary, opt);
  h += eventing_tables_html(summary.eventing);
  PlotContext ctx{store, plotted_revisions(summary, store), report_axis(summary, store), markers_of(events.kept()),
                  summary};
  h += "<h2>Over time</h2>\n";
  if (ctx.revisions.size() < store.revisions().size()) {
    h += "<p class=\"note\">Showing the " + std::to_string(ctx.revisions.size()) + " revisions with the most requests of " +
         std::to_string(store.revisions().size()) + ".</p>\n";
  }
  h += ctx.revisions.size() <= kMaxDetailed
           ? "<p class=\"note\">Solid lines: what happened; dashed: what was asked for (desired pods, configured traffic, "
             "target capacity). Vertical dashed lines: timeline actions and node failures.</p>\n"
           : "<p class=\"note\">Many revisions: only what happened is drawn (ready pods, served traffic); desired pods "
             "and configured traffic are in timeseries.csv. Vertical dashed lines: timeline actions and node failures.</p>\n";
  if (ctx.revisions.empty()) h += "<p>No revision was sampled in this run (no Knative Service).</p>\n";
  else h += revision_plots(ctx);
  h += node_plot(ctx);
  h += events.deliveries().html(kWidth);
  h += "<h2>Events</h2>\n" + event_table(events);
  h += "</body>\n</html>\n";
  out << h;
}

}  // namespace knsim::reports
