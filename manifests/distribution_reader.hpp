#pragma once
// The Scenario document's distribution and arrival forms (docs/spec/scenario.md), read from YAML
// with every problem reported at its field.
#include <optional>

#include "manifests/yaml_reader.hpp"
#include "models/scenario_spec.hpp"

namespace knsim::manifests {

// A distribution of durations: a plain duration ("30ms", a constant) or exactly one of
//   {constant: D}, {exponential: {mean: D}}, {lognormal: {median: D, p99: D}},
//   {uniform: {min: D, max: D}}, {empirical: {p0: D, p25: D, p50: D, p75: D, p99: D, p100: D}}.
// Rules: every duration >= 0; exponential mean > 0; lognormal median > 0 and p99 >= median;
// uniform min <= max; empirical needs p0 and p100, the others optional, values non-decreasing.
std::optional<models::DistributionSpec> read_distribution(const Field& field);

// Exactly one arrival process (docs/spec/scenario.md "Arrivals"): poisson, constant, steps, ramp, sinusoid,
// trace. Rates are requests per second (>= 0). Trace files resolve against the naming file and
// must exist.
std::optional<models::ArrivalSpec> read_arrivals(const Field& field);

// The single key of a one-of mapping ({poisson: ...}), or nullopt with an error naming the
// allowed keys when there are none, several or an unknown one.
std::optional<std::string> read_one_of(const Field& field, const std::vector<std::string>& allowed,
                                       const char* what);

// A referenced file: `name` resolved against the folder of the document naming it.
std::filesystem::path resolve_reference(const DocContext& ctx, const std::string& name);

}  // namespace knsim::manifests
