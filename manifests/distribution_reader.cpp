#include "manifests/distribution_reader.hpp"

#include <algorithm>

namespace knsim::manifests {
namespace {

using models::DistributionSpec;

std::string list_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

// A duration that must be >= 0 (or > 0 when `positive`).
std::optional<core::Seconds> read_nonneg_duration(const Field& f, bool positive) {
  const auto d = f.duration();
  if (!d) return std::nullopt;
  if (positive && *d <= 0) {
    f.error("must be greater than 0, got " + f.node().Scalar());
    return std::nullopt;
  }
  if (*d < 0) {
    f.error("must not be negative, got " + f.node().Scalar());
    return std::nullopt;
  }
  return d;
}

std::optional<DistributionSpec> read_lognormal(MapReader& m) {
  const auto median = read_nonneg_duration(m.required("median"), true);
  const Field p99f = m.required("p99");
  const auto p99 = read_nonneg_duration(p99f, true);
  if (!median || !p99) return std::nullopt;
  if (*p99 < *median) {
    p99f.error("p99 (" + core::format_duration(*p99) + ") must not be below the median (" +
               core::format_duration(*median) + ")");
    return std::nullopt;
  }
  DistributionSpec d;
  d.kind = DistributionSpec::Kind::kLognormal;
  d.median = *median;
  d.p99 = *p99;
  return d;
}

std::optional<DistributionSpec> read_uniform(MapReader& m) {
  const auto lo = read_nonneg_duration(m.required("min"), false);
  const Field maxf = m.required("max");
  const auto hi = read_nonneg_duration(maxf, false);
  if (!lo || !hi) return std::nullopt;
  if (*hi < *lo) {
    maxf.error("max (" + core::format_duration(*hi) + ") must not be below min (" +
               core::format_duration(*lo) + ")");
    return std::nullopt;
  }
  DistributionSpec d;
  d.kind = DistributionSpec::Kind::kUniform;
  d.min = *lo;
  d.max = *hi;
  return d;
}

std::optional<DistributionSpec> read_empirical(MapReader& m) {
  static const std::vector<std::pair<std::string, double>> kPoints = {
      {"p0", 0.0}, {"p25", 0.25}, {"p50", 0.5}, {"p75", 0.75}, {"p99", 0.99}, {"p100", 1.0}};
  DistributionSpec d;
  d.kind = DistributionSpec::Kind::kEmpirical;
  bool ok = true;
  for (const auto& [key, q] : kPoints) {
    const Field f = (key == "p0" || key == "p100") ? m.required(key) : m.get(key);
    if (f.is_null()) {
      ok = ok && !(key == "p0" || key == "p100");
      continue;
    }
    const auto v = read_nonneg_duration(f, false);
    if (!v) {
      ok = false;
      continue;
    }
    if (!d.quantiles.empty() && *v < d.quantiles.back().second) {
      f.error("quantiles must not decrease: " + key + " (" + core::format_duration(*v) +
              ") is below the previous point (" + core::format_duration(d.quantiles.back().second) + ")");
      ok = false;
    }
    d.quantiles.emplace_back(q, *v);
  }
  if (!ok) return std::nullopt;
  return d;
}

}  // namespace

std::filesystem::path resolve_reference(const DocContext& ctx, const std::string& name) {
  const std::filesystem::path p(name);
  if (p.is_absolute() || ctx.path.empty()) return p.lexically_normal();
  return (ctx.path.parent_path() / p).lexically_normal();
}

std::optional<std::string> read_one_of(const Field& field, const std::vector<std::string>& allowed,
                                       const char* what) {
  MapReader m = field.map();
  if (!m.valid()) return std::nullopt;
  const auto keys = m.keys();
  if (keys.size() != 1) {
    m.error(std::string("want exactly one ") + what + " of " + list_names(allowed) + ", got " +
            (keys.empty() ? std::string("none") : list_names(keys)));
    return std::nullopt;
  }
  if (std::find(allowed.begin(), allowed.end(), keys[0]) == allowed.end()) {
    std::string msg = "unknown " + std::string(what) + " \"" + keys[0] + "\"";
    const std::string hint = suggest_name(keys[0], allowed);
    msg += hint.empty() ? " (want one of " + list_names(allowed) + ")" : " (did you mean \"" + hint + "\"?)";
    m.get(keys[0]).error(msg);
    return std::nullopt;
  }
  return keys[0];
}

std::optional<DistributionSpec> read_distribution(const Field& field) {
  if (field.is_null()) return std::nullopt;
  if (field.is_scalar()) {
    const auto d = read_nonneg_duration(field, false);
    if (!d) return std::nullopt;
    return DistributionSpec::constant_of(*d);
  }
  const auto kind = read_one_of(
      field, {"constant", "exponential", "lognormal", "uniform", "empirical"}, "distribution");
  if (!kind) return std::nullopt;
  MapReader outer = field.map();
  const Field body = outer.get(*kind);
  if (*kind == "constant") {
    const auto d = read_nonneg_duration(body, false);
    if (!d) {
      if (body.is_null()) body.error("missing required field");
      return std::nullopt;
    }
    return DistributionSpec::constant_of(*d);
  }
  MapReader m = body.map();
  if (!m.valid()) {
    if (body.is_null()) body.error("missing required field");
    return std::nullopt;
  }
  std::optional<DistributionSpec> out;
  if (*kind == "exponential") {
    const auto mean = read_nonneg_duration(m.required("mean"), true);
    if (mean) {
      out = DistributionSpec{};
      out->kind = DistributionSpec::Kind::kExponential;
      out->mean = *mean;
    }
  } else if (*kind == "lognormal") {
    out = read_lognormal(m);
  } else if (*kind == "uniform") {
    out = read_uniform(m);
  } else {
    out = read_empirical(m);
  }
  m.finish();
  return out;
}

}  // namespace knsim::manifests
