#pragma once
// `knsim cluster compare` (issue 14, first part): how close a simulated replay of a recorded window
// is to what the cluster did. Inputs are the recording's observed.csv (every step: desired and ready
// pods, panic, per revision) and the replay's timeseries.csv (every simulated second), both read with
// reports::read_pod_tracks (reports/compare_report.hpp; the GUI's overlay reads observed.csv with it
// too). For each observed sample at t the simulated row of the same second is used (the last one
// before it when that second has none). Per revision:
//   mae_pods         mean |simulated ready pods - observed ready pods|
//   within_one_pod   share of samples where they differ by at most one pod
//   desired_mae_pods mean |simulated desired - observed desired|
//   panic_overlap    |both in panic| / |either in panic| over the samples (null: neither panicked)
// Example: observed ready 3, 3, 5 and simulated 2, 3, 7 -> mae (1 + 0 + 2) / 3 = 1, within_one 2/3.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "reports/compare_report.hpp"

namespace knsim::adapter {

// revision -> its samples in time order (NaN: no value in that cell).
using PodTracks = std::map<std::string, reports::PodTrack>;

// The per-revision figures above, as JSON: {"revisions": [{"revision", "samples", ...}]}.
nlohmann::ordered_json compare_series(const PodTracks& observed, const PodTracks& simulated);

}  // namespace knsim::adapter
