#pragma once
// `knsim cluster compare` (issue 14, first part): how close a simulated replay of a recorded window
// is to what the cluster did. Inputs are the recording's observed.csv (every step: desired and ready
// pods, panic, per revision) and the replay's timeseries.csv (every simulated second). For each
// observed sample at t the simulated row of the same second is used (the last one before it when
// that second has none). Per revision:
//   mae_pods         mean |simulated ready pods - observed ready pods|
//   within_one_pod   share of samples where they differ by at most one pod
//   desired_mae_pods mean |simulated desired - observed desired|
//   panic_overlap    |both in panic| / |either in panic| over the samples (null: neither panicked)
// Example: observed ready 3, 3, 5 and simulated 2, 3, 7 -> mae (1 + 0 + 2) / 3 = 1, within_one 2/3.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace knsim::adapter {

struct PodSample {
  double t = 0;
  std::optional<double> desired, ready, panic;
};

// revision -> samples in time order.
using PodSeries = std::map<std::string, std::vector<PodSample>>;

// Reads a CSV with a header holding t_s, revision and the given column names for desired, ready and
// panic (observed.csv: desired_pods, actual_pods, panic; timeseries.csv: desired_pods, ready_pods,
// panic). Empty cells are missing values. Throws std::runtime_error naming file and line.
PodSeries read_pod_series(const std::string& csv_text, const std::string& file, const std::string& desired_column,
                          const std::string& ready_column, const std::string& panic_column);

// The per-revision figures above, as JSON: {"revisions": [{"revision", "samples", ...}]}.
nlohmann::ordered_json compare_series(const PodSeries& observed, const PodSeries& simulated);

}  // namespace knsim::adapter
