#pragma once
// report.html of a sweep or an optimisation: one self-contained page (inline SVG, no scripts, no
// network), deterministic for the same results:
//   - cost (mean pod-seconds) against p99 latency (mean ms), one dot per point with its 95 % CI as
//     error bars, the Pareto front (plan/sweep_table.hpp) joined and each of its points labelled with
//     its settings; every dot's tooltip names its settings and figures;
//   - cold-start requests and failed ratio per point (bars);
//   - the summary table (every point, Pareto points marked).
#include <string>
#include <vector>

#include "plan/sweep_table.hpp"

namespace knsim::plan {

std::string sweep_report_html(const std::string& title, const SweepTable& table,
                              const std::vector<PointSummary>& summary, const std::vector<std::size_t>& front);

// "target=10, stable-window=30s": a point's settings with each key shortened to its last
// segment after '/' or '.', for labels (the full keys are in the table's header).
std::string point_label(const std::vector<std::string>& keys, const std::vector<std::string>& values);

}  // namespace knsim::plan
