#pragma once
// The parameters of a sweep or an optimisation, in `knsim run --set` syntax.
//
//   sweep:     KEY=V1,V2,...          e.g. hello.autoscaling.knative.dev/target=10,50,100
//   optimize:  KEY=LOW..HIGH[:STEP]   e.g. config-autoscaler.stable-window=6s..120s:6s
//
// KEY is anything `knsim run --set` accepts (config-NAME.KEY, SERVICE.ANNOTATION, scenario.FIELD);
// the simulator validates the values, this file only splits them. A range's ends and step are a
// number with an optional unit suffix shared by all three (`6s..120s:6s`, `0.5..2`): the value
// passed to --set is the number printed back with that suffix.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace knsim::plan {

// One `--set KEY=VALUE`.
struct Setting {
  std::string key, value;
  std::string to_set() const { return key + "=" + value; }
  bool operator==(const Setting&) const = default;
};

// A grid point: one value per parameter, in the parameters' order.
using Point = std::vector<Setting>;

// A swept parameter: KEY and its values in the order given.
struct SweepParam {
  std::string key;
  std::vector<std::string> values;
};

// An optimised parameter: [low, high], an optional grid step, the unit suffix.
struct RangeParam {
  std::string key;
  double low = 0, high = 0;
  std::optional<double> step;  // > 0: values are low + k*step, k = 0..floor((high-low)/step)
  std::string unit;            // suffix printed after the number, e.g. "s" or "" for plain numbers
  int decimals = 0;            // digits after the point in the values as written (for printing)
  bool integer = false;        // a whole-number setting (integer_key): integer ends and STEP, STEP 1 by default

  std::size_t grid_size() const;           // number of grid values (0 without a step)
  double grid_value(std::size_t k) const;  // low + k*step
  double snap(double x) const;             // the nearest grid value (x clamped), or x without step
  std::string format(double x) const;      // the --set value for x, e.g. "42s"
};

// True for a setting Knative (or the Scenario) reads as a whole number, so an optimisation must
// try only integers: scenario.nodePools.POOL.count; the annotations and config-autoscaler keys
// min-scale, max-scale, initial-scale, activation-scale (int32, pkg/apis/autoscaling and
// pkg/autoscaler/config); config-defaults' container-concurrency, container-concurrency-max-limit
// and *-seconds (int64, pkg/apis/config/defaults.go); config-gc's *-non-active-revisions.
bool integer_key(const std::string& key);

// "KEY=V1,V2": error text in *error (naming the flag) and nullopt on a malformed argument.
std::optional<SweepParam> parse_sweep_param(const std::string& arg, std::string* error);
// "KEY=LOW..HIGH[:STEP]". For an integer_key, LOW, HIGH and STEP must be whole numbers and STEP
// defaults to 1 (node counts 2..8 try 2, 3, ..., 8, never 3.5).
std::optional<RangeParam> parse_range_param(const std::string& arg, std::string* error);

// Every combination, the last parameter varying fastest: (a=1,b=x), (a=1,b=y), (a=2,b=x), ...
std::vector<Point> cross_product(const std::vector<SweepParam>& params);

// A RangeParam's grid as a SweepParam (needs a step), for an exhaustive sweep of the same space.
SweepParam as_grid(const RangeParam& r);

}  // namespace knsim::plan
