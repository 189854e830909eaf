// Autoscaling annotations: keys and legacy spellings from knative/serving
// pkg/apis/autoscaling/register.go, lenient readers from pkg/apis/autoscaling/v1alpha1/pa_lifecycle.go
// and metric_lifecycle.go, webhook rules and messages from pkg/apis/autoscaling/annotation_validation.go
// (messages as knative.dev/pkg/apis FieldError: ErrInvalidValue, ErrOutOfBoundsValue, ErrGeneric).
#include "core/config/revision_annotations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "core/config/go_parse.hpp"

namespace knsim::core::config {
namespace {

using Map = std::map<std::string, std::string>;
using Keys = std::span<const char* const>;

// KeyPriority lists (suffixes after "autoscaling.knative.dev/"), kebab-case first.
constexpr const char* kClassKeys[] = {"class"};
constexpr const char* kMetricKeys[] = {"metric"};
constexpr const char* kTargetKeys[] = {"target"};
constexpr const char* kTargetUtilizationKeys[] = {"target-utilization-percentage", "targetUtilizationPercentage"};
constexpr const char* kTbcKeys[] = {"target-burst-capacity", "targetBurstCapacity"};
constexpr const char* kWindowKeys[] = {"window"};
constexpr const char* kPanicWindowKeys[] = {"panic-window-percentage", "panicWindowPercentage"};
constexpr const char* kPanicThresholdKeys[] = {"panic-threshold-percentage", "panicThresholdPercentage"};
constexpr const char* kMinScaleKeys[] = {"min-scale", "minScale"};
constexpr const char* kMaxScaleKeys[] = {"max-scale", "maxScale"};
constexpr const char* kInitialScaleKeys[] = {"initial-scale", "initialScale"};
constexpr const char* kActivationScaleKeys[] = {"activation-scale"};
constexpr const char* kScaleDownDelayKeys[] = {"scale-down-delay", "scaleDownDelay"};
constexpr const char* kRetentionKeys[] = {"scale-to-zero-pod-retention-period", "scaleToZeroPodRetentionPeriod"};
constexpr const char* kAlgorithmKeys[] = {"metric-aggregation-algorithm", "metricAggregationAlgorithm"};

std::string full_key(const char* suffix) { return std::string(kAnnotationPrefix) + suffix; }

std::optional<std::string> find_key(const Map& annotations, Keys names) {
  for (const char* name : names) {
    std::string key = full_key(name);
    if (annotations.count(key) != 0) return key;
  }
  return std::nullopt;
}

struct Found {
  std::string key;
  std::string value;
};

std::optional<Found> get(const Map& m, Keys names) {
  const auto key = find_key(m, names);
  if (!key) return std::nullopt;
  return Found{*key, m.at(*key)};
}

std::optional<double> lenient_float(const Map& m, Keys names) {
  const auto f = get(m, names);
  if (!f) return std::nullopt;
  return go_parse_float(f->value).value;
}

std::optional<std::int32_t> lenient_int32(const Map& m, Keys names) {
  const auto f = get(m, names);
  if (!f) return std::nullopt;
  const auto v = go_parse_int(f->value, 32).value;
  if (!v) return std::nullopt;
  return static_cast<std::int32_t>(*v);
}

std::optional<Seconds> lenient_duration(const Map& m, Keys names) {
  const auto f = get(m, names);
  if (!f) return std::nullopt;
  return go_parse_duration(f->value);
}

std::string invalid_value(const std::string& v) { return "invalid value: " + v; }

std::string out_of_bounds(const std::string& lower, const std::string& v, const std::string& upper) {
  return "expected " + lower + " <= " + v + " <= " + upper;
}

// getIntGE0: 0 when absent; errors for malformed or negative values.
std::int32_t get_int_ge0(const Map& m, Keys names, std::vector<ConfigError>& errs) {
  const auto f = get(m, names);
  if (!f) return 0;
  const auto parsed = go_parse_int(f->value, 32);
  const std::string max_int = std::to_string(std::numeric_limits<std::int32_t>::max());
  if (!parsed.ok()) {
    if (parsed.error == "value out of range") {
      errs.push_back({f->key, out_of_bounds("0", f->value, max_int)});
    } else {
      errs.push_back({f->key, invalid_value(f->value)});
    }
    return 0;
  }
  if (*parsed.value < 0) {
    errs.push_back({f->key, out_of_bounds("0", f->value, max_int)});
    return 0;
  }
  return static_cast<std::int32_t>(*parsed.value);
}

void validate_class(const Map& m, std::vector<ConfigError>& errs) {
  if (const auto f = get(m, kClassKeys)) {
    const std::string& v = f->value;
    const std::string domain = ".knative.dev";
    const bool knative = v.size() >= domain.size() && v.compare(v.size() - domain.size(), domain.size(), domain) == 0;
    if (knative && v != kKpaClass && v != kHpaClass) errs.push_back({f->key, invalid_value(v)});
  }
}

void validate_min_max_scale(const AutoscalerConfig& config, const Map& m, std::vector<ConfigError>& errs) {
  const std::int32_t min = get_int_ge0(m, kMinScaleKeys, errs);
  const std::int32_t max = get_int_ge0(m, kMaxScaleKeys, errs);
  if (max != 0 && max < min) {
    errs.push_back({full_key("max-scale"), "max-scale=" + std::to_string(max) + " is less than min-scale=" +
                                               std::to_string(min)});
  }
  if (const auto f = get(m, kMaxScaleKeys); f && config.max_scale_limit != 0) {
    if (max > config.max_scale_limit) {
      errs.push_back({f->key, out_of_bounds("1", std::to_string(max), std::to_string(config.max_scale_limit))});
    }
    if (max == 0) {
      errs.push_back({f->key, "max-scale=0 (unlimited), must be less than " + std::to_string(config.max_scale_limit)});
    }
  }
  if (const auto f = get(m, kActivationScaleKeys)) {
    const auto nz = go_parse_int(f->value, 32);
    if (!nz.ok()) {
      errs.push_back({f->key, invalid_value(f->value)});
    } else if (min > *nz.value) {
      errs.push_back({f->key, "min-scale=" + std::to_string(min) + " is greater than activation-scale=" +
                                  std::to_string(*nz.value)});
    } else if (max < *nz.value && max != 0) {
      errs.push_back({f->key, "max-scale=" + std::to_string(max) + " is less than activation-scale=" +
                                  std::to_string(*nz.value)});
    } else if (*nz.value < 2) {
      errs.push_back({f->key, "activation-scale=" + std::to_string(*nz.value) + " must be greater than 1"});
    }
  }
}

void validate_floats(const Map& m, std::vector<ConfigError>& errs) {
  auto range = [&](Keys keys, double lo, double hi) {
    if (const auto f = get(m, keys)) {
      const auto v = go_parse_float(f->value);
      if (!v.ok() || !std::isfinite(*v.value)) {  // Go's ParseFloat takes "NaN": NaN passes every bound check
        errs.push_back({f->key, invalid_value(f->value)});
      } else if (*v.value < lo || *v.value > hi) {
        errs.push_back({f->key, out_of_bounds(go_format_float(lo), f->value, go_format_float(hi))});
      }
    }
  };
  range(kPanicWindowKeys, kPanicWindowPercentageMin, kPanicWindowPercentageMax);
  range(kPanicThresholdKeys, kPanicThresholdPercentageMin, kPanicThresholdPercentageMax);
  if (const auto f = get(m, kTargetKeys)) {
    const auto v = go_parse_float(f->value);
    if (!v.ok() || !std::isfinite(*v.value)) {  // "NaN" / "Inf" would slip past `< kTargetMin`
      errs.push_back({f->key, invalid_value(f->value)});
    } else if (*v.value < kTargetMin) {
      errs.push_back({f->key, "target " + f->value + " should be at least " + go_format_float(kTargetMin)});
    }
  }
  range(kTargetUtilizationKeys, 1, 100);
  if (const auto f = get(m, kTbcKeys)) {
    const auto v = go_parse_float(f->value);
    // Finite, and >= 0 or exactly -1 (unlimited); NaN made excess burst capacity -2147483648.
    if (!v.ok() || !std::isfinite(*v.value) || (*v.value < 0 && *v.value != -1)) errs.push_back({f->key, invalid_value(f->value)});
  }
}

// Durations: window [6s, 1h] whole seconds; scale-down-delay [0, 1h] whole seconds; retention [0, 1h].
void validate_durations(const Map& m, std::vector<ConfigError>& errs) {
  const auto dur = go_format_duration;
  if (const auto f = get(m, kWindowKeys)) {
    const std::string key = full_key("window");
    const auto d = go_parse_duration(f->value);
    if (!d) {
      errs.push_back({key, invalid_value(f->value)});
    } else if (*d < kWindowMin || *d > kWindowMax) {
      errs.push_back({key, out_of_bounds(dur(kWindowMin), f->value, dur(kWindowMax))});
    } else if (!is_whole_seconds(*d)) {
      errs.push_back({key, "must be specified with at most second precision"});
    }
  }
  if (const auto f = get(m, kRetentionKeys)) {
    const auto d = go_parse_duration(f->value);
    if (!d) {
      errs.push_back({f->key, invalid_value(f->value)});
    } else if (*d < 0 || *d > kWindowMax) {
      errs.push_back({f->key, out_of_bounds(dur(0), f->value, dur(kWindowMax))});
    }
  }
  if (const auto f = get(m, kScaleDownDelayKeys)) {
    const auto d = go_parse_duration(f->value);
    if (!d) {
      errs.push_back({f->key, invalid_value(f->value)});
    } else if (*d < 0 || *d > kWindowMax) {
      errs.push_back({f->key, out_of_bounds(dur(0), f->value, dur(kWindowMax))});
    } else if (!is_whole_seconds(*d)) {
      errs.push_back({f->key, "must be specified with at most second precision"});
    }
  }
}

void validate_metric_and_algorithm(const AutoscalerConfig& config, const Map& m, std::vector<ConfigError>& errs) {
  if (const auto f = get(m, kMetricKeys)) {
    std::string klass = config.pod_autoscaler_class;
    if (const auto c = get(m, kClassKeys)) klass = c->value;
    bool bad = false;
    if (klass == kKpaClass) bad = f->value != kMetricConcurrency && f->value != kMetricRps;
    if (klass == kHpaClass) bad = f->value.empty();
    if (bad) errs.push_back({full_key("metric"), invalid_value(f->value)});
  }
  // Only validated when the class annotation says KPA (custom autoscalers may use other values).
  const auto c = get(m, kClassKeys);
  if (c && c->value == kKpaClass) {
    if (const auto f = get(m, kAlgorithmKeys); f && !f->value.empty()) {
      const std::string& v = f->value;
      if (v != kAlgorithmLinear && v != kAlgorithmWeightedExponential && v != kAlgorithmWeightedExponentialAlt) {
        errs.push_back({f->key, invalid_value(v)});
      }
    }
  }
}

void validate_initial_scale(const AutoscalerConfig& config, const Map& m, std::vector<ConfigError>& errs) {
  if (const auto f = get(m, kInitialScaleKeys)) {
    const auto v = go_parse_int(f->value, 64);  // strconv.Atoi
    if (!v.ok()) {
      errs.push_back({f->key, invalid_value(f->value)});
    } else if (*v.value < 0) {
      errs.push_back({f->key, invalid_value(f->value) + ": " + f->key + " must be greater than 0"});
    } else if (!config.allow_zero_initial_scale && *v.value == 0) {
      errs.push_back({f->key, invalid_value(f->value) + ": " + f->key + "=0 not allowed by cluster"});
    }
  }
  std::vector<ConfigError> parse_errs;  // same parse problems as above; merged away below
  const std::int32_t max = get_int_ge0(m, kMaxScaleKeys, parse_errs);
  const std::int32_t initial = get_int_ge0(m, kInitialScaleKeys, parse_errs);
  if (!parse_errs.empty()) {
    errs.insert(errs.end(), parse_errs.begin(), parse_errs.end());
    return;
  }
  if (initial > max && max > 0) {
    errs.push_back({full_key("max-scale"), "max-scale=" + std::to_string(max) + " is less than initial-scale=" +
                                               std::to_string(initial)});
  }
}

}  // namespace

std::optional<std::string> find_annotation_key(const Map& annotations,
                                               std::initializer_list<const char*> names) {
  return find_key(annotations, Keys(names.begin(), names.size()));
}

std::string RevisionAnnotations::class_or_default() const { return autoscaler_class.value_or(kKpaClass); }

std::string RevisionAnnotations::metric_or_default() const {
  if (metric) return *metric;
  return class_or_default() == kHpaClass ? "cpu" : kMetricConcurrency;
}

RevisionAnnotations parse_revision_annotations(const Map& m) {
  RevisionAnnotations a;
  if (const auto f = get(m, kClassKeys)) a.autoscaler_class = f->value;
  if (const auto f = get(m, kMetricKeys)) a.metric = f->value;
  a.target = lenient_float(m, kTargetKeys);
  if (const auto tu = lenient_float(m, kTargetUtilizationKeys)) a.target_utilization = *tu / 100;
  a.target_burst_capacity = lenient_float(m, kTbcKeys);
  a.window = lenient_duration(m, kWindowKeys);
  a.panic_window_percentage = lenient_float(m, kPanicWindowKeys);
  a.panic_threshold_percentage = lenient_float(m, kPanicThresholdKeys);
  a.min_scale = lenient_int32(m, kMinScaleKeys);
  a.max_scale = lenient_int32(m, kMaxScaleKeys);
  a.initial_scale = lenient_int32(m, kInitialScaleKeys);
  a.activation_scale = lenient_int32(m, kActivationScaleKeys);
  a.scale_down_delay = lenient_duration(m, kScaleDownDelayKeys);
  a.scale_to_zero_pod_retention_period = lenient_duration(m, kRetentionKeys);
  if (const auto f = get(m, kAlgorithmKeys)) {
    a.metric_aggregation_algorithm =
        f->value == kAlgorithmWeightedExponentialAlt ? std::string(kAlgorithmWeightedExponential) : f->value;
  }
  return a;
}

std::vector<ConfigError> validate_revision_annotations(const AutoscalerConfig& config, const Map& annotations) {
  std::vector<ConfigError> errs;
  validate_class(annotations, errs);
  validate_min_max_scale(config, annotations, errs);
  validate_floats(annotations, errs);
  validate_durations(annotations, errs);
  validate_metric_and_algorithm(config, annotations, errs);
  validate_initial_scale(config, annotations, errs);
  // FieldError.Also merges identical errors.
  std::vector<ConfigError> unique;
  for (auto& e : errs) {
    const bool seen = std::any_of(unique.begin(), unique.end(),
                                  [&](const ConfigError& u) { return u.key == e.key && u.message == e.message; });
    if (!seen) unique.push_back(std::move(e));
  }
  return unique;
}

}  // namespace knsim::core::config
