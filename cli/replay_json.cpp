#include "cli/replay_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace knsim::cli {
namespace {

using nlohmann::json;
using core::autoscaler::ReplayEvent;

std::string type_name(const json& j) {
  if (j.is_null()) return "null";
  if (j.is_boolean()) return "a boolean";
  if (j.is_number()) return "a number";
  if (j.is_string()) return "a string";
  if (j.is_array()) return "an array";
  return "an object";
}

std::string shown(const json& j) {
  std::string s = j.dump();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

struct Reader {
  std::vector<std::string>& errors;

  void fail(const std::string& path, const std::string& what) { errors.push_back(path + ": " + what); }

  // A finite number at obj[key]; required or defaulted.
  bool number(const json& obj, const std::string& path, const char* key, double& out, bool required) {
    if (!obj.contains(key)) {
      if (required) fail(path + "." + key, "missing (expected a number)");
      return !required;
    }
    const json& v = obj.at(key);
    if (!v.is_number() || !std::isfinite(v.get<double>())) {
      fail(path + "." + key, "expected a number, got " + type_name(v) + " " + shown(v));
      return false;
    }
    out = v.get<double>();
    return true;
  }

  // A non-negative integer (a JSON integer, or a float with no fraction such as 3.0).
  bool count(const json& obj, const std::string& path, const char* key, long long limit, int& out, bool required) {
    if (!obj.contains(key)) {
      if (required) fail(path + "." + key, "missing (expected a non-negative integer)");
      return !required;
    }
    const json& v = obj.at(key);
    const bool integral = v.is_number_integer() || (v.is_number_float() && std::isfinite(v.get<double>()) &&
                                                     v.get<double>() == std::floor(v.get<double>()));
    if (!integral || v.get<double>() < 0 || v.get<double>() > static_cast<double>(limit)) {
      fail(path + "." + key, "expected an integer in [0, " + std::to_string(limit) + "], got " + shown(v));
      return false;
    }
    out = static_cast<int>(v.get<double>());
    return true;
  }

  void string_map(const json& obj, const std::string& path, const char* key, std::map<std::string, std::string>& out) {
    if (!obj.contains(key)) return;
    const json& m = obj.at(key);
    if (m.is_null()) return;
    if (!m.is_object()) {
      fail(path + "." + key, "expected an object of strings, got " + type_name(m));
      return;
    }
    for (const auto& [k, v] : m.items()) {
      if (v.is_string()) {
        out[k] = v.get<std::string>();
      } else if (v.is_number() || v.is_boolean()) {
        out[k] = v.dump();  // ConfigMap data are strings; 2 and "2" mean the same
      } else {
        fail(path + "." + key + "." + k, "expected a string, got " + type_name(v));
      }
    }
  }

  void event(const json& e, const std::string& path, ReplayEvent& out) {
    if (!e.is_object()) {
      fail(path, "expected an object, got " + type_name(e));
      return;
    }
    number(e, path, "t", out.t, true);
    if (!e.contains("kind")) {
      fail(path + ".kind", "missing (expected \"stat\" or \"tick\")");
      return;
    }
    const json& kind = e.at("kind");
    if (kind == "tick") {
      out.kind = ReplayEvent::Kind::kTick;
      count(e, path, "ready_pods", 1000000000LL, out.ready_pods, true);
    } else if (kind == "stat") {
      out.kind = ReplayEvent::Kind::kStat;
      if (e.contains("pod")) {
        if (e.at("pod").is_string()) {
          out.stat.pod_name = e.at("pod").get<std::string>();
        } else {
          fail(path + ".pod", "expected a string, got " + type_name(e.at("pod")));
        }
      }
      // Knative's Stat fields are zero by default: a missing concurrency or rps means 0 (the
      // ReplayEvent's stat starts zeroed); a present but non-numeric value is still an error.
      number(e, path, "concurrency", out.stat.average_concurrency, false);
      number(e, path, "rps", out.stat.request_count, false);
      number(e, path, "proxied_concurrency", out.stat.average_proxied_concurrency, false);
      number(e, path, "proxied_rps", out.stat.proxied_request_count, false);
    } else {
      fail(path + ".kind", "unknown event kind " + shown(kind) + " (expected \"stat\" or \"tick\")");
    }
  }
};

}  // namespace

ReplayParse parse_replay_json(std::string_view text) {
  ReplayParse out;
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    out.errors.push_back(std::string("invalid JSON: ") + e.what());
    return out;
  }
  Reader r{out.errors};
  std::string path = "$";
  if (!doc.is_object()) {
    r.fail(path, "expected an object (a scenario, or {\"scenario\": {...}}), got " + type_name(doc));
    return out;
  }
  const json* s = &doc;
  if (doc.contains("scenario")) {
    path = "$.scenario";
    out.root_path = path;
    s = &doc.at("scenario");
    if (!s->is_object()) {
      r.fail(path, "expected an object, got " + type_name(*s));
      return out;
    }
  }
  auto& in = out.input;
  if (s->contains("name") && s->at("name").is_string()) in.name = s->at("name").get<std::string>();
  r.string_map(*s, path, "config", in.config);
  r.string_map(*s, path, "annotations", in.annotations);
  int cc = 0;
  r.count(*s, path, "container_concurrency", 2147483647LL, cc, false);
  in.container_concurrency = cc;
  r.count(*s, path, "initial_ready_pods", 1000000000LL, in.initial_ready_pods, false);
  if (s->contains("reachable")) {
    if (s->at("reachable").is_boolean()) {
      in.reachable = s->at("reachable").get<bool>();
    } else {
      r.fail(path + ".reachable", "expected a boolean, got " + type_name(s->at("reachable")));
    }
  }
  if (!s->contains("events")) {
    r.fail(path + ".events", "missing (expected an array of events)");
    return out;
  }
  const json& events = s->at("events");
  if (!events.is_array()) {
    r.fail(path + ".events", "expected an array, got " + type_name(events));
    return out;
  }
  in.events.reserve(events.size());
  double last_tick = -INFINITY;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string ep = path + ".events[" + std::to_string(i) + "]";
    ReplayEvent ev;
    const std::size_t before = out.errors.size();
    r.event(events[i], ep, ev);
    if (out.errors.size() == before && ev.kind == ReplayEvent::Kind::kTick) {
      if (ev.t < last_tick) {
        r.fail(ep + ".t", "tick times must not decrease (" + format_json_float(ev.t) + " after " +
                              format_json_float(last_tick) + ")");
      }
      last_tick = std::max(last_tick, ev.t);
    }
    in.events.push_back(std::move(ev));
  }
  return out;
}

std::string format_json_float(double value) {
  if (!std::isfinite(value)) return "null";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  // Python's float repr: the shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16,
  // scientific otherwise ("1e-05", "1e+16").
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  const std::string sci(buf, res.ptr);
  const bool negative = sci[0] == '-';
  const std::size_t epos = sci.find('e');
  std::string digits;
  for (std::size_t i = negative ? 1 : 0; i < epos; ++i) {
    if (sci[i] != '.') digits += sci[i];
  }
  const int exp = std::stoi(sci.substr(epos + 1));
  std::string out = negative ? "-" : "";
  if (exp < -4 || exp >= 16) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return out + e;
  }
  const int nd = static_cast<int>(digits.size());
  const int dp = exp + 1;  // digits before the decimal point
  if (dp <= 0) return out + "0." + std::string(static_cast<std::size_t>(-dp), '0') + digits;
  if (dp >= nd) return out + digits + std::string(static_cast<std::size_t>(dp - nd), '0') + ".0";
  return out + digits.substr(0, static_cast<std::size_t>(dp)) + "." + digits.substr(static_cast<std::size_t>(dp));
}

std::string format_replay_tick(const core::autoscaler::ReplayTick& tick, bool explain) {
  std::string line = "{\"t\": " + format_json_float(tick.t) + ", \"desired\": " + std::to_string(tick.desired) +
                     ", \"ebc\": " + std::to_string(tick.ebc) + ", \"panic\": " + (tick.panic ? "true" : "false") +
                     ", \"valid\": " + (tick.valid ? "true" : "false");
  if (explain) {
    line += ", \"observed_stable\": " + format_json_float(tick.observed_stable) +
            ", \"observed_panic\": " + format_json_float(tick.observed_panic) +
            ", \"informed\": " + (tick.informed ? "true" : "false") + ", \"reason\": " + json(tick.reason).dump();
  }
  line += "}";
  return line;
}

}  // namespace knsim::cli
