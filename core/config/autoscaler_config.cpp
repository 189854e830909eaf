// config-autoscaler parsing and validation, ported from knative/serving
// pkg/autoscaler/config/config.go (defaultConfig, NewConfigFromMap, validate) and
// knative.dev/pkg/configmap/parse.go (AsBool, AsFloat64, AsInt32, AsDuration, AsString).
#include "core/config/autoscaler_config.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>

#include "core/config/go_parse.hpp"

namespace knsim::core::config {
namespace {

using Data = std::map<std::string, std::string>;

std::string parse_failure(const std::string& key, const std::string& cause) {
  return "failed to parse data: failed to parse " + go_quote(key) + ": " + cause;
}

void as_float(const Data& data, const char* key, double& target, std::vector<ConfigError>& errors) {
  const auto it = data.find(key);
  if (it == data.end()) return;
  const std::string_view raw = trim_space(it->second);
  const auto parsed = go_parse_float(raw);
  if (!parsed.ok()) {
    errors.push_back({key, parse_failure(key, go_strconv_message("ParseFloat", raw, parsed.error))});
    return;
  }
  target = *parsed.value;
}

void as_int32(const Data& data, const char* key, std::int32_t& target, std::vector<ConfigError>& errors) {
  const auto it = data.find(key);
  if (it == data.end()) return;
  const std::string_view raw = trim_space(it->second);
  const auto parsed = go_parse_int(raw, 32);
  if (!parsed.ok()) {
    errors.push_back({key, parse_failure(key, go_strconv_message("ParseInt", raw, parsed.error))});
    return;
  }
  target = static_cast<std::int32_t>(*parsed.value);
}

void as_bool(const Data& data, const char* key, bool& target, std::vector<ConfigError>& errors) {
  const auto it = data.find(key);
  if (it == data.end()) return;
  const std::string_view raw = trim_space(it->second);
  const auto parsed = go_parse_bool(raw);
  if (!parsed.ok()) {
    // AsBool returns strconv's error unwrapped.
    errors.push_back({key, "failed to parse data: " + go_strconv_message("ParseBool", raw, parsed.error)});
    return;
  }
  target = *parsed.value;
}

void as_duration(const Data& data, const char* key, Seconds& target, std::vector<ConfigError>& errors) {
  const auto it = data.find(key);
  if (it == data.end()) return;
  const std::string_view raw = trim_space(it->second);
  const auto parsed = go_parse_duration(raw);
  if (!parsed) {
    errors.push_back({key, parse_failure(key, "time: invalid duration " + go_quote(raw))});
    return;
  }
  target = *parsed;
}

std::string fmt_f(double v) {  // Go's %f
  char buf[64];
  std::snprintf(buf, sizeof buf, "%f", v);
  return buf;
}

std::string fmt_d(std::int64_t v) { return std::to_string(v); }

}  // namespace

std::string go_format_float(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  const std::string sci(buf, res.ptr);
  // sci = [-]d[.ddd]e(+|-)XX
  const bool negative = sci[0] == '-';
  const std::size_t start = negative ? 1 : 0;
  const std::size_t epos = sci.find('e');
  std::string digits;
  for (std::size_t i = start; i < epos; ++i) {
    if (sci[i] != '.') digits += sci[i];
  }
  const int exp = std::stoi(sci.substr(epos + 1));
  const int nd = static_cast<int>(digits.size());
  const int dp = exp + 1;
  // %v = %g with the shortest digits: %e when exp < -4 || exp >= eprec (eprec 6, or nd when
  // nd > 6 is not the case and the digits are all before the point).
  int eprec = 6;
  if (eprec > nd && nd >= dp) eprec = nd;
  std::string out = negative ? "-" : "";
  if (exp < -4 || exp >= eprec) {
    out += digits[0];
    if (nd > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += e;
    return out;
  }
  if (dp <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-dp), '0') + digits;
  } else if (dp >= nd) {
    out += digits + std::string(static_cast<std::size_t>(dp - nd), '0');
  } else {
    out += digits.substr(0, static_cast<std::size_t>(dp)) + "." + digits.substr(static_cast<std::size_t>(dp));
  }
  return out;
}

std::string go_format_duration(Seconds value) { return format_duration(value); }

AutoscalerConfigResult parse_autoscaler_config(const std::map<std::string, std::string>& data) {
  AutoscalerConfigResult out;
  AutoscalerConfig& lc = out.config;
  auto& errors = out.errors;

  if (const auto it = data.find("pod-autoscaler-class"); it != data.end()) lc.pod_autoscaler_class = it->second;
  as_bool(data, "enable-scale-to-zero", lc.enable_scale_to_zero, errors);
  as_bool(data, "allow-zero-initial-scale", lc.allow_zero_initial_scale, errors);

  as_float(data, "max-scale-up-rate", lc.max_scale_up_rate, errors);
  as_float(data, "max-scale-down-rate", lc.max_scale_down_rate, errors);
  as_float(data, "container-concurrency-target-percentage", lc.container_concurrency_target_fraction, errors);
  as_float(data, "container-concurrency-target-default", lc.container_concurrency_target_default, errors);
  as_float(data, "requests-per-second-target-default", lc.rps_target_default, errors);
  as_float(data, "target-burst-capacity", lc.target_burst_capacity, errors);
  as_float(data, "panic-window-percentage", lc.panic_window_percentage, errors);
  as_float(data, "activator-capacity", lc.activator_capacity, errors);
  as_float(data, "panic-threshold-percentage", lc.panic_threshold_percentage, errors);

  as_int32(data, "initial-scale", lc.initial_scale, errors);
  as_int32(data, "min-scale", lc.min_scale, errors);
  as_int32(data, "max-scale", lc.max_scale, errors);
  as_int32(data, "max-scale-limit", lc.max_scale_limit, errors);

  as_duration(data, "stable-window", lc.stable_window, errors);
  as_duration(data, "scale-down-delay", lc.scale_down_delay, errors);
  as_duration(data, "scale-to-zero-grace-period", lc.scale_to_zero_grace_period, errors);
  as_duration(data, "scale-to-zero-pod-retention-period", lc.scale_to_zero_pod_retention_period, errors);

  // Percentages become fractions; for legacy reasons a value in (0, 1] is already a fraction.
  if (lc.container_concurrency_target_fraction > 1.0) lc.container_concurrency_target_fraction /= 100.0;

  for (auto& e : validate_autoscaler_config(lc)) {
    bool already = false;  // a key that failed to parse is not also reported by a rule on its default
    for (const auto& p : errors) already = already || p.key == e.key;
    if (!already) errors.push_back(std::move(e));
  }
  return out;
}

std::vector<ConfigError> validate_autoscaler_config(const AutoscalerConfig& lc) {
  std::vector<ConfigError> errors;
  auto fail = [&errors](const char* key, std::string message) { errors.push_back({key, std::move(message)}); };
  const auto dur = go_format_duration;

  if (lc.scale_to_zero_grace_period <= 0) {
    fail("scale-to-zero-grace-period",
         "scale-to-zero-grace-period must be positive, was: " + dur(lc.scale_to_zero_grace_period));
  }
  if (lc.scale_down_delay < 0) {
    fail("scale-down-delay", "scale-down-delay cannot be negative, was: " + dur(lc.scale_down_delay));
  } else if (!is_whole_seconds(lc.scale_down_delay)) {
    fail("scale-down-delay",
         "scale-down-delay = " + dur(lc.scale_down_delay) + ", must be specified with at most second precision");
  }
  if (lc.scale_to_zero_pod_retention_period < 0) {
    fail("scale-to-zero-pod-retention-period", "scale-to-zero-pod-retention-period cannot be negative, was: " +
                                                   dur(lc.scale_to_zero_pod_retention_period));
  }
  if (lc.target_burst_capacity < 0 && lc.target_burst_capacity != -1) {
    fail("target-burst-capacity", "target-burst-capacity must be either non-negative or -1 (for unlimited), was: " +
                                      fmt_f(lc.target_burst_capacity));
  }
  const double fraction = lc.container_concurrency_target_fraction;
  if (fraction <= 0 || fraction > 1) {
    fail("container-concurrency-target-percentage",
         "container-concurrency-target-percentage = " + fmt_f(fraction) + " is outside of valid range of (0, 100]");
  } else if (const double x = fraction * lc.container_concurrency_target_default; x < kTargetMin) {
    fail("container-concurrency-target-default",
         "container-concurrency-target-percentage and container-concurrency-target-default yield target "
         "concurrency of " + go_format_float(x) + ", can't be less than " + go_format_float(kTargetMin));
  }
  if (lc.rps_target_default < kTargetMin) {
    fail("requests-per-second-target-default", "requests-per-second-target-default must be at least " +
                                                   go_format_float(kTargetMin) + ", was: " +
                                                   go_format_float(lc.rps_target_default));
  }
  if (lc.activator_capacity < 1) {
    fail("activator-capacity", "activator-capacity = " + go_format_float(lc.activator_capacity) + ", must be at least 1");
  }
  if (lc.max_scale_up_rate <= 1.0) {
    fail("max-scale-up-rate", "max-scale-up-rate = " + go_format_float(lc.max_scale_up_rate) +
                                  ", must be greater than 1.0");
  }
  if (lc.max_scale_down_rate <= 1.0) {
    fail("max-scale-down-rate", "max-scale-down-rate = " + go_format_float(lc.max_scale_down_rate) +
                                    ", must be greater than 1.0");
  }
  if (lc.stable_window < kWindowMin || lc.stable_window > kWindowMax) {
    fail("stable-window", "stable-window = " + dur(lc.stable_window) + ", must be in [" + dur(kWindowMin) + "; " +
                              dur(kWindowMax) + "] range");
  } else if (!is_whole_seconds(lc.stable_window)) {
    fail("stable-window",
         "stable-window = " + dur(lc.stable_window) + ", must be specified with at most second precision");
  }
  if (lc.panic_window_percentage < kPanicWindowPercentageMin ||
      lc.panic_window_percentage > kPanicWindowPercentageMax) {
    fail("panic-window-percentage", "panic-window-percentage = " + go_format_float(lc.panic_window_percentage) +
                                        ", must be in [" + go_format_float(kPanicWindowPercentageMin) + ", " +
                                        go_format_float(kPanicWindowPercentageMax) + "] interval");
  }
  if (lc.initial_scale < 0 || (lc.initial_scale == 0 && !lc.allow_zero_initial_scale)) {
    fail("initial-scale", "initial-scale = " + fmt_d(lc.initial_scale) +
                              ", must be at least 0 (or at least 1 when allow-zero-initial-scale is false)");
  }
  if (lc.min_scale < 0) {
    fail("min-scale", "min-scale = " + fmt_d(lc.min_scale) + ", must be at least 0");
  }
  const std::int32_t min_max_scale = lc.max_scale_limit > 0 ? 1 : 0;  // max-scale required under a limit
  if (lc.max_scale < min_max_scale || (lc.max_scale_limit > 0 && lc.max_scale > lc.max_scale_limit)) {
    fail("max-scale", "max-scale = " + fmt_d(lc.max_scale) + ", must be in [" + fmt_d(min_max_scale) +
                          ", max-scale-limit(" + fmt_d(lc.max_scale_limit) + ")] range");
  }
  if (lc.max_scale_limit < 0) {
    fail("max-scale-limit", "max-scale-limit = " + fmt_d(lc.max_scale_limit) + ", must be at least 0");
  }
  if (lc.min_scale > lc.max_scale && lc.max_scale > 0) {
    fail("min-scale", "min-scale (" + fmt_d(lc.min_scale) + ") must be less than max-scale (" +
                          fmt_d(lc.max_scale) + ")");
  }
  return errors;
}

}  // namespace knsim::core::config
