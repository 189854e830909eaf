// read_arrivals (declared in distribution_reader.hpp): the arrival forms of docs/spec/scenario.md.
#include <algorithm>
#include <system_error>

#include "manifests/distribution_reader.hpp"
#include "manifests/limits.hpp"

namespace knsim::manifests {
namespace {

using models::ArrivalSpec;

std::optional<double> read_rate(const Field& f) {
  const auto r = f.number();
  if (r && *r < 0) {
    f.error("a rate must not be negative, got " + f.node().Scalar());
    return std::nullopt;
  }
  if (r && !(*r <= kMaxRatePerSecond)) {  // also NaN
    f.error("at most 100000 per second (knsim's limit per workload), got " + f.node().Scalar());
    return std::nullopt;
  }
  return r;
}

std::optional<core::Seconds> read_positive_duration(const Field& f) {
  const auto d = f.duration();
  if (d && *d <= 0) {
    f.error("must be greater than 0, got " + f.node().Scalar());
    return std::nullopt;
  }
  return d;
}

bool read_steps(const Field& body, ArrivalSpec& a) {
  const auto items = body.list();
  if (!items) {
    if (body.is_null()) body.error("missing required field");
    return false;
  }
  if (items->empty()) body.error("steps must not be empty");
  bool ok = !items->empty();
  for (const Field& item : *items) {
    MapReader m = item.map();
    const Field atf = m.required("at");
    const auto at = atf.duration();
    const auto rate = read_rate(m.required("rate"));
    m.finish();
    if (!at || !rate) {
      ok = false;
      continue;
    }
    if (*at < 0) {
      atf.error("must not be negative");
      ok = false;
    } else if (!a.steps.empty() && *at <= a.steps.back().at) {
      atf.error("steps must be in increasing order of at");
      ok = false;
    }
    a.steps.push_back({*at, *rate});
  }
  return ok;
}

const char* format_name(models::TraceFormat f) {
  switch (f) {
    case models::TraceFormat::kAzure2021: return "azure2021";
    case models::TraceFormat::kAzure2019: return "azure2019";
    case models::TraceFormat::kCsv: return "csv";
    case models::TraceFormat::kJsonl: return "jsonl";
  }
  return "csv";
}

// A trace file field: resolved against the naming document, and it must exist.
std::optional<std::string> read_trace_file(const Field& f) {
  const auto name = f.string();
  if (!name) return std::nullopt;
  const std::filesystem::path p = resolve_reference(f.context(), *name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) {
    f.error("trace file not found: " + p.string());
    return std::nullopt;
  }
  return p.string();
}

bool read_trace(const Field& body, ArrivalSpec& a) {
  MapReader m = body.map();
  if (!m.valid()) {
    if (body.is_null()) body.error("missing required field");
    return false;
  }
  bool ok = true;
  const Field ff = m.required("format");
  const auto format = ff.string();
  models::TraceSpec& t = a.trace;
  if (format == "azure2021") t.format = models::TraceFormat::kAzure2021;
  else if (format == "azure2019") t.format = models::TraceFormat::kAzure2019;
  else if (format == "csv") t.format = models::TraceFormat::kCsv;
  else if (format == "jsonl") t.format = models::TraceFormat::kJsonl;
  else {
    if (format) ff.error("unknown trace format \"" + *format + "\" (want azure2021, azure2019, csv or jsonl)");
    ok = false;
  }
  const Field filef = m.required("file");
  const auto file = read_trace_file(filef);
  ok = ok && file.has_value();
  if (file) t.file = *file;
  if (const auto s = m.get("scale").number()) {
    if (!(*s > 0)) {
      m.get("scale").error("must be greater than 0");
      ok = false;
    } else if (*s > kMaxTraceScale) {
      m.get("scale").error("at most 1000 (knsim's limit: scale multiplies the trace's rate), got " +
                           m.get("scale").node().Scalar());
      ok = false;
    }
    t.scale = *s;
  }
  if (const auto l = m.get("loop").boolean()) t.loop = *l;
  if (!ok) {
    m.allow({"app", "function", "spread", "durations"});
    m.finish();
    return false;
  }
  const bool az21 = t.format == models::TraceFormat::kAzure2021;
  const bool az19 = t.format == models::TraceFormat::kAzure2019;
  if (az21 || az19) {
    if (const auto fn = m.get("function").string()) t.function = *fn;
  }
  if (az21) {
    if (const auto app = m.get("app").string()) t.app = *app;
  }
  if (az19) {
    const Field sf = m.get("spread");
    if (const auto spread = sf.string()) {
      if (*spread == "poisson") t.spread = models::MinuteSpread::kPoisson;
      else if (*spread == "uniform") t.spread = models::MinuteSpread::kUniform;
      else if (*spread == "burst") t.spread = models::MinuteSpread::kBurst;
      else {
        sf.error("unknown spread \"" + *spread + "\" (want poisson, uniform or burst)");
        ok = false;
      }
    }
    const Field df = m.get("durations");
    if (!df.is_null()) {
      const auto d = read_trace_file(df);
      ok = ok && d.has_value();
      if (d) t.durations = *d;
    }
  }
  for (const char* key : {"app", "function", "spread", "durations"}) {
    if (m.has(key) && !((az21 && (std::string(key) == "app" || std::string(key) == "function")) ||
                        (az19 && std::string(key) != "app"))) {
      m.get(key).error(std::string("not a field of a ") + format_name(t.format) + " trace");
      ok = false;
    }
  }
  m.finish();
  return ok;
}

bool read_rate_body(const Field& body, ArrivalSpec& a) {
  MapReader m = body.map();
  if (!m.valid()) {
    if (body.is_null()) body.error("missing required field");
    return false;
  }
  const auto rate = read_rate(m.required("rate"));
  m.finish();
  if (rate) a.rate = *rate;
  return rate.has_value();
}

bool read_ramp(MapReader& m, ArrivalSpec& a) {
  const auto from = read_rate(m.required("from"));
  const auto to = read_rate(m.required("to"));
  const auto over = read_positive_duration(m.required("over"));
  if (!from || !to || !over) return false;
  a.from = *from;
  a.to = *to;
  a.over = *over;
  return true;
}

bool read_sinusoid(MapReader& m, ArrivalSpec& a) {
  const auto mean = read_rate(m.required("mean"));
  const Field ampf = m.required("amplitude");
  const auto amp = read_rate(ampf);
  const auto period = read_positive_duration(m.required("period"));
  if (!mean || !amp || !period) return false;
  if (*amp > *mean) ampf.warning("amplitude above the mean: the rate is clipped at 0 in the troughs");
  a.mean = *mean;
  a.amplitude = *amp;
  a.period = *period;
  return true;
}

}  // namespace

std::optional<ArrivalSpec> read_arrivals(const Field& field) {
  const auto kind =
      read_one_of(field, {"poisson", "constant", "steps", "ramp", "sinusoid", "trace"}, "arrival process");
  if (!kind) return std::nullopt;
  MapReader outer = field.map();
  const Field body = outer.get(*kind);
  ArrivalSpec a;
  bool ok = false;
  if (*kind == "poisson" || *kind == "constant") {
    a.kind = *kind == "poisson" ? ArrivalSpec::Kind::kPoisson : ArrivalSpec::Kind::kConstant;
    ok = read_rate_body(body, a);
  } else if (*kind == "steps") {
    a.kind = ArrivalSpec::Kind::kSteps;
    ok = read_steps(body, a);
  } else if (*kind == "trace") {
    a.kind = ArrivalSpec::Kind::kTrace;
    ok = read_trace(body, a);
  } else {
    MapReader m = body.map();
    if (!m.valid()) {
      if (body.is_null()) body.error("missing required field");
      return std::nullopt;
    }
    if (*kind == "ramp") {
      a.kind = ArrivalSpec::Kind::kRamp;
      ok = read_ramp(m, a);
    } else {
      a.kind = ArrivalSpec::Kind::kSinusoid;
      ok = read_sinusoid(m, a);
    }
    m.finish();
  }
  if (!ok) return std::nullopt;
  return a;
}

}  // namespace knsim::manifests
