#include "plan/param_space.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace knsim::plan {

namespace {

// Splits "KEY=REST" at the first '='; false when there is no '=' or the key is empty.
bool split_key(const std::string& arg, std::string& key, std::string& rest) {
  const auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  key = arg.substr(0, eq);
  rest = arg.substr(eq + 1);
  return true;
}

// A number followed by an optional unit: "6s" -> (6, "s", 0 decimals), "0.25" -> (0.25, "", 2).
struct Quantity {
  double value = 0;
  std::string unit;
  int decimals = 0;
};

std::optional<Quantity> parse_quantity(const std::string& text) {
  Quantity q;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, q.value);
  if (ec != std::errc() || !std::isfinite(q.value)) return std::nullopt;
  const std::string number(text.data(), p);
  if (number.find_first_of("eE") != std::string::npos) return std::nullopt;  // keep "1e3" out: ambiguous with units
  const auto dot = number.find('.');
  if (dot != std::string::npos) q.decimals = static_cast<int>(number.size() - dot - 1);
  q.unit.assign(p, end);
  for (char c : q.unit)
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '/') return std::nullopt;
  return q;
}

double round_to(double x, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(x * scale) / scale;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool whole(double x) { return std::floor(x) == x; }

}  // namespace

bool integer_key(const std::string& key) {
  if (key.rfind("scenario.nodePools.", 0) == 0) return ends_with(key, ".count");
  static const char* const kSuffixes[] = {
      "autoscaling.knative.dev/min-scale", "autoscaling.knative.dev/max-scale",
      "autoscaling.knative.dev/initial-scale", "autoscaling.knative.dev/activation-scale",
      "autoscaling.knative.dev/minScale", "autoscaling.knative.dev/maxScale"};
  for (const char* s : kSuffixes)
    if (ends_with(key, std::string(".") + s)) return true;
  static const char* const kConfigKeys[] = {
      "config-autoscaler.min-scale", "config-autoscaler.max-scale", "config-autoscaler.initial-scale",
      "config-autoscaler.max-scale-limit", "config-defaults.container-concurrency",
      "config-defaults.container-concurrency-max-limit", "config-defaults.revision-timeout-seconds",
      "config-defaults.max-revision-timeout-seconds", "config-defaults.revision-idle-timeout-seconds",
      "config-defaults.revision-response-start-timeout-seconds", "config-gc.min-non-active-revisions",
      "config-gc.max-non-active-revisions"};
  for (const char* k : kConfigKeys)
    if (key == k) return true;
  return false;
}

std::size_t RangeParam::grid_size() const {
  if (!step) return 0;
  // A small tolerance so 0.1..0.3:0.1 has 3 values despite 0.3 - 0.1 = 0.19999...
  return static_cast<std::size_t>(std::floor((high - low) / *step + 1e-9)) + 1;
}

double RangeParam::grid_value(std::size_t k) const {
  return round_to(low + static_cast<double>(k) * step.value_or(0), decimals);
}

double RangeParam::snap(double x) const {
  x = std::clamp(x, low, high);
  if (!step) return x;
  const double k = std::round((x - low) / *step);
  return grid_value(std::min(static_cast<std::size_t>(std::max(k, 0.0)), grid_size() - 1));
}

std::string RangeParam::format(double x) const {
  // Without a step a continuous value is printed with at least 3 decimals (e.g. "12.346").
  const int dec = step ? decimals : std::max(decimals, 3);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", dec, round_to(x, dec));
  std::string s = buf;
  if (s == "-0") s = "0";
  return s + unit;
}

std::optional<SweepParam> parse_sweep_param(const std::string& arg, std::string* error) {
  SweepParam p;
  std::string rest;
  if (!split_key(arg, p.key, rest)) {
    *error = "--param " + arg + ": expected KEY=V1,V2,... (KEY as in knsim run --set)";
    return std::nullopt;
  }
  std::size_t start = 0;
  while (true) {
    const auto comma = rest.find(',', start);
    std::string v = rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (v.empty()) {
      *error = "--param " + arg + ": empty value (values are separated by single commas)";
      return std::nullopt;
    }
    if (std::find(p.values.begin(), p.values.end(), v) != p.values.end()) {
      *error = "--param " + arg + ": value '" + v + "' given twice";
      return std::nullopt;
    }
    p.values.push_back(std::move(v));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return p;
}

std::optional<RangeParam> parse_range_param(const std::string& arg, std::string* error) {
  RangeParam r;
  std::string rest;
  const std::string what = "--param " + arg + ": ";
  if (!split_key(arg, r.key, rest)) {
    *error = what + "expected KEY=LOW..HIGH[:STEP] (KEY as in knsim run --set)";
    return std::nullopt;
  }
  const auto dots = rest.find("..");
  if (dots == std::string::npos) {
    *error = what + "expected LOW..HIGH[:STEP], e.g. 10..200:10 or 6s..120s:6s";
    return std::nullopt;
  }
  const auto colon = rest.find(':', dots);
  const std::string lo = rest.substr(0, dots);
  const std::string hi = rest.substr(dots + 2, colon == std::string::npos ? std::string::npos : colon - dots - 2);
  const auto ql = parse_quantity(lo), qh = parse_quantity(hi);
  if (!ql || !qh) {
    *error = what + "LOW and HIGH must be numbers with an optional unit, e.g. 10 or 6s";
    return std::nullopt;
  }
  if (ql->unit != qh->unit) {
    *error = what + "LOW and HIGH must have the same unit ('" + ql->unit + "' vs '" + qh->unit + "')";
    return std::nullopt;
  }
  if (!(ql->value < qh->value)) {
    *error = what + "LOW must be below HIGH";
    return std::nullopt;
  }
  r.low = ql->value;
  r.high = qh->value;
  r.unit = ql->unit;
  r.decimals = std::max(ql->decimals, qh->decimals);
  r.integer = integer_key(r.key);
  if (r.integer && (!whole(r.low) || !whole(r.high) || !r.unit.empty())) {
    *error = what + r.key + " takes whole numbers: LOW and HIGH must be integers without a unit";
    return std::nullopt;
  }
  if (r.integer && colon == std::string::npos) r.step = 1;  // never a continuous node count
  if (colon != std::string::npos) {
    const auto qs = parse_quantity(rest.substr(colon + 1));
    if (!qs || !(qs->value > 0) || (!qs->unit.empty() && qs->unit != r.unit)) {
      *error = what + "STEP must be a positive number with the unit of LOW and HIGH";
      return std::nullopt;
    }
    if (r.integer && !whole(qs->value)) {
      *error = what + r.key + " takes whole numbers: STEP must be an integer";
      return std::nullopt;
    }
    r.step = qs->value;
    r.decimals = std::max(r.decimals, qs->decimals);
  }
  if (r.integer) r.decimals = 0;  // "2", not "2.0" (Go's ParseInt rejects the latter)
  if (r.grid_size() > 100000) {
    *error = what + "more than 100000 grid values; use a larger STEP";
    return std::nullopt;
  }
  return r;
}

std::vector<Point> cross_product(const std::vector<SweepParam>& params) {
  std::vector<Point> points{Point{}};
  for (const auto& p : params) {
    std::vector<Point> next;
    next.reserve(points.size() * p.values.size());
    for (const auto& base : points)
      for (const auto& v : p.values) {
        Point q = base;
        q.push_back({p.key, v});
        next.push_back(std::move(q));
      }
    points = std::move(next);
  }
  if (params.empty()) return {};
  return points;
}

SweepParam as_grid(const RangeParam& r) {
  SweepParam p{r.key, {}};
  for (std::size_t k = 0; k < r.grid_size(); ++k) p.values.push_back(r.format(r.grid_value(k)));
  return p;
}

}  // namespace knsim::plan
