// See shadow_session.hpp. Paths and fields: docs/spec/adapter.md "The shadow's inputs"; the loop's
// cadence: core/autoscaler/cadence.hpp.
#include "adapter/shadow/shadow_session.hpp"

#include <algorithm>
#include <cmath>

#include "adapter/shadow/stat_codec.hpp"
#include "core/autoscaler/cadence.hpp"

namespace knsim::adapter {

using nlohmann::json;
namespace ca = core::autoscaler;

namespace {

constexpr const char* kRevisionLabel = "serving.knative.dev/revision";
constexpr const char* kProtobuf = "application/protobuf";   // network.ProtoAcceptContent

bool condition_true(const json& obj, const std::string& type) {
  const json conds = obj.value("status", json::object()).value("conditions", json::array());
  for (const auto& c : conds) {
    if (c.value("type", "") == type) return c.value("status", "") == "True";
  }
  return false;
}

std::string condition_status(const json& obj, const std::string& type) {
  const json conds = obj.value("status", json::object()).value("conditions", json::array());
  for (const auto& c : conds) {
    if (c.value("type", "") == type) return c.value("status", "");
  }
  return "";
}

std::map<std::string, std::string> string_map(const json& j) {
  std::map<std::string, std::string> out;
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

TwinSettings settings_of(const json& pa) {
  TwinSettings s;
  s.annotations = string_map(pa.value("metadata", json::object()).value("annotations", json::object()));
  const json spec = pa.value("spec", json::object());
  if (spec.contains("containerConcurrency") && spec["containerConcurrency"].is_number_integer())
    s.container_concurrency = spec["containerConcurrency"].get<std::int32_t>();
  const std::string reach = spec.value("reachability", "");
  s.reachability = reach == "Reachable"     ? core::api::Reachability::kReachable
                   : reach == "Unreachable" ? core::api::Reachability::kUnreachable
                                            : core::api::Reachability::kUnknown;
  return s;
}

std::optional<std::int32_t> int_field(const json& obj, const char* key) {
  if (!obj.contains(key) || !obj[key].is_number_integer()) return std::nullopt;
  return obj[key].get<std::int32_t>();
}

}  // namespace

ShadowSession::ShadowSession(ShadowIo io, ShadowOptions options, LineSink on_line)
    : io_(std::move(io)), options_(std::move(options)), on_line_(std::move(on_line)) {
  if (!io_.direct) io_.direct = [](const HttpRequest& r) { return http_send(r, TlsSettings{}); };
}

void ShadowSession::note(const std::string& text) {
  if (noted_.insert(text).second) notes_.push_back(text);
}

bool ShadowSession::wanted(const std::string& revision) const {
  if (options_.revisions.empty()) return true;
  return std::any_of(options_.revisions.begin(), options_.revisions.end(), [&](const std::string& r) {
    return r == revision || r == options_.namespace_name + "/" + revision;
  });
}

void ShadowSession::start() {
  const std::string ns = options_.namespace_name;
  // Fail early (and clearly) without Knative or the permission to list PodAutoscalers; a 401/403 on
  // the pod list is fatal in the first step (list_pods).
  io_.kube->list("/apis/autoscaling.internal.knative.dev/v1alpha1/namespaces/" + ns + "/podautoscalers", "", 1);
  try {
    const auto cm = io_.kube->get_if_exists("/api/v1/namespaces/knative-serving/configmaps/config-autoscaler");
    const auto parsed = core::config::parse_autoscaler_config(
        cm ? string_map(cm->value("data", json::object())) : std::map<std::string, std::string>{});
    config_ = parsed.config;
    if (!cm) note("knative-serving/config-autoscaler not found: the twin uses Knative's defaults");
    for (const auto& e : parsed.errors)
      note("config-autoscaler " + e.key + ": " + e.message + " (the twin uses the default for it)");
  } catch (const KubeError& e) {
    note("cannot read knative-serving/config-autoscaler (" + std::string(e.what()) + "): the twin uses Knative's defaults");
  }
  if (io_.prometheus != nullptr) {
    try {
      names_ = find_knative_metric_names(io_.prometheus->metric_names());
      prometheus_ok_ = !names_.set.empty();
    } catch (const std::exception& e) {
      note(std::string("Prometheus: ") + e.what());
    }
    if (!prometheus_ok_) note("Prometheus has no Knative autoscaler or activator metrics: real gauges are null");
  }
  if (!prometheus_ok_ || names_.activator.empty())
    note("activator share missing (no Prometheus activator_request_concurrency / kn_revision_request_concurrency): "
         "the twin under-reads while a revision is in Proxy mode");
  summary_.set_info("namespace", ns);
  summary_.set_info("scrape", options_.scrape == ScrapeMode::kDirect ? "direct" : "apiserver");
  summary_.set_info("metric_names", names_.set.empty() ? "none" : names_.set);
  summary_.set_info("activator_share", prometheus_ok_ && !names_.activator.empty() ? names_.activator : "missing");
}

bool ShadowSession::list_pods(std::map<std::string, std::vector<ReadyPod>>& by_revision) {
  try {
    const ListResult pods = io_.kube->list("/api/v1/namespaces/" + options_.namespace_name + "/pods",
                                           std::string("labelSelector=") + kRevisionLabel);
    for (const json& p : pods.items) {
      const json meta = p.value("metadata", json::object());
      const std::string rev = meta.value("labels", json::object()).value(kRevisionLabel, "");
      if (rev.empty() || meta.contains("deletionTimestamp") || !condition_true(p, "Ready")) continue;
      by_revision[rev].push_back({meta.value("name", ""), p.value("status", json::object()).value("podIP", "")});
    }
    return true;
  } catch (const KubeError& e) {
    if (e.status() == 401 || e.status() == 403) throw;   // no credentials or permission: nothing to shadow
    ++list_failures_;
    note(std::string("listing pods failed (counted, the shadow goes on): ") + e.what());
    return false;
  } catch (const std::exception& e) {   // TransportError and others: counted, the next second tries again
    ++list_failures_;
    note(std::string("listing pods failed (counted, the shadow goes on): ") + e.what());
    return false;
  }
}

// PodAutoscalers define the revisions; their SKS's spec.mode is the real mode.
void ShadowSession::refresh_autoscalers() {
  const std::string ns = options_.namespace_name;
  ListResult pas, skss;
  try {
    pas = io_.kube->list("/apis/autoscaling.internal.knative.dev/v1alpha1/namespaces/" + ns + "/podautoscalers");
    skss = io_.kube->list("/apis/networking.internal.knative.dev/v1alpha1/namespaces/" + ns + "/serverlessservices");
  } catch (const std::exception& e) {
    ++list_failures_;
    note(std::string("listing PodAutoscalers/ServerlessServices failed (counted, the shadow goes on): ") + e.what());
    for (auto& [name, r] : revisions_) r.real = RealDecision{};
    return;
  }
  std::map<std::string, std::string> modes;
  for (const json& s : skss.items)
    modes[s["metadata"].value("name", "")] = s.value("spec", json::object()).value("mode", "");
  std::set<std::string> seen;
  for (const json& pa : pas.items) {
    const std::string name = pa["metadata"].value("name", "");
    if (!wanted(name)) continue;
    const TwinSettings settings = settings_of(pa);
    const std::string cls = settings.annotations.count("autoscaling.knative.dev/class")
                                ? settings.annotations.at("autoscaling.knative.dev/class") : "kpa.autoscaling.knative.dev";
    if (cls != "kpa.autoscaling.knative.dev") {
      note(ns + "/" + name + ": autoscaler class " + cls + " is not shadowed (only the KPA is)");
      continue;
    }
    seen.insert(name);
    const json status = pa.value("status", json::object());
    Tracked& r = revisions_[name];
    r.real = RealDecision{};
    if (auto d = int_field(status, "desiredScale"); d && *d >= 0) r.real.desired = d;
    r.real.actual = int_field(status, "actualScale");
    if (auto m = modes.find(name); m != modes.end() && !m->second.empty()) r.real.mode = m->second;
    if (!r.twin || r.deleted) {   // new, or deleted and created again under the same name: a fresh twin
      TwinStart start;
      start.desired_scale = r.real.desired;
      const std::string active = condition_status(pa, "Active");
      start.pa_active = active == "True";
      start.pa_inactive = active == "False";
      r.twin = std::make_unique<TwinRevision>(config_, settings, start, seconds(), options_.seed, ns + "/" + name);
      r.deleted = false;
    } else if (!(r.twin->settings() == settings)) {
      r.twin->update(config_, settings, seconds());
    }
  }
  for (auto& [name, r] : revisions_) {
    if (seen.count(name) || r.deleted) continue;
    r.deleted = true;
    note(ns + "/" + name + ": its PodAutoscaler is gone (revision deleted?) at t=" +
         std::to_string(static_cast<long long>(seconds())) + " s; no longer shadowed");
  }
}

std::optional<core::metrics::Stat> ShadowSession::scrape_pod(const ReadyPod& pod, std::string& why) {
  HttpResponse resp;
  const std::string port = std::to_string(options_.metrics_port);
  try {
    if (options_.scrape == ScrapeMode::kDirect) {
      if (pod.ip.empty()) {
        why = "pod has no IP";
        return std::nullopt;
      }
      HttpRequest req;
      req.url = "http://" + (pod.ip.find(':') != std::string::npos ? "[" + pod.ip + "]" : pod.ip) + ":" + port + "/metrics";
      req.headers = {std::string("Accept: ") + kProtobuf};
      req.timeout_s = options_.scrape_timeout_s;
      resp = io_.direct(req);
    } else {
      const std::string path = "/api/v1/namespaces/" + options_.namespace_name + "/pods/" + pod.name + ":" + port +
                               "/proxy/metrics";
      resp = io_.kube->get_raw(path, kProtobuf, options_.scrape_timeout_s);
      if (resp.status == 403) note("scrapes refused: missing permission " + permission_of("get", path));
    }
  } catch (const TransportError& e) {
    why = e.what();
    return std::nullopt;
  }
  if (resp.status != 200) {
    why = "HTTP " + std::to_string(resp.status);
    return std::nullopt;
  }
  const auto ct = resp.headers.find("content-type");
  if (ct == resp.headers.end() || ct->second.rfind(kProtobuf, 0) != 0) {
    why = "Content-Type is not application/protobuf";   // Knative's scrape client refuses it too
    return std::nullopt;
  }
  auto decoded = decode_stat(resp.body);
  if (auto* err = std::get_if<std::string>(&decoded)) {
    why = *err;
    return std::nullopt;
  }
  return std::get<WireStat>(decoded).stat;
}

void ShadowSession::scrape(const std::string& name, Tracked& r, ShadowLine& line) {
  std::vector<core::metrics::Stat> stats;
  for (const ReadyPod& pod : r.ready) {
    std::string why;
    if (auto s = scrape_pod(pod, why)) {
      stats.push_back(std::move(*s));
    } else {
      ++line.scrape_failures;
      note("scrape of " + options_.namespace_name + "/" + pod.name + " failed (counted, not fatal): " + why);
    }
  }
  line.pods_scraped = static_cast<int>(stats.size());
  r.twin->record_pod_stats(stats, seconds());
  const auto g = gauges_.find(options_.namespace_name + "/" + name);
  if (g != gauges_.end() && g->second.activator) {
    core::metrics::Stat a;
    a.pod_name = "activator";
    a.average_concurrency = *g->second.activator;
    line.activator = a.average_concurrency;
    r.twin->record_activator_stat(a, seconds(), static_cast<int>(r.ready.size()));
  }
}

void ShadowSession::read_prometheus(bool tick) {
  gauges_.clear();
  if (!prometheus_ok_) return;
  try {
    gauges_ = read_gauges(*io_.prometheus, names_, options_.namespace_name, io_.clock(), !tick);
  } catch (const std::exception& e) {
    ++prometheus_failures_;
    note(std::string("Prometheus query failed (counted, not fatal): ") + e.what());
  }
}

void ShadowSession::step() {
  const bool tick = ca::decider_tick_due(seconds());
  std::map<std::string, std::vector<ReadyPod>> ready;
  const bool pods_ok = list_pods(ready);
  if (tick) refresh_autoscalers();
  read_prometheus(tick);
  for (auto& [name, r] : revisions_) {
    if (r.deleted || !r.twin) continue;
    if (pods_ok) r.ready = ready[name];
    ShadowLine line;
    line.t = seconds();
    line.revision = options_.namespace_name + "/" + name;
    scrape(name, r, line);
    if (!tick) {
      summary_.note_scrape_failures(line.revision, line.scrape_failures);
      continue;
    }
    line.twin = r.twin->tick(seconds(), static_cast<int>(r.ready.size()));
    line.real = r.real;
    if (const auto g = gauges_.find(line.revision); g != gauges_.end()) {
      const RevisionGauges& v = g->second;
      line.real.decider_desired = v.desired;
      if (v.panic) line.real.panic = *v.panic != 0;
      line.real.ebc = v.ebc;
      line.real.stable = v.stable;
      line.real.panic_value = v.panic_value;
    }
    // In Proxy mode the activator is in the path: without its series the twin reads only the pods.
    if (prometheus_ok_ && !names_.activator.empty() && !line.activator && line.real.mode == "Proxy")
      note(line.revision + ": in Proxy mode but Prometheus has no " + names_.activator +
           " series for it (no request through an activator yet, or not exported): the twin reads only its pods");
    summary_.add(line);
    on_line_(line);
  }
  summary_.set_info("list_failures", std::to_string(list_failures_));
  summary_.set_info("prometheus_failures", std::to_string(prometheus_failures_));
  ++second_;
}

void ShadowSession::run(const std::function<bool()>& stop) {
  const double start = io_.clock();
  while (!stop() && (options_.duration <= 0 || seconds() < options_.duration)) {
    step();
    // Pace: shadow second k + 1 starts at start + (k + 1) * tick_seconds; sleep in short slices
    // so Ctrl-C is answered within 0.2 s.
    const double due = start + seconds() * options_.tick_seconds;
    for (double left = due - io_.clock(); left > 0 && !stop(); left = due - io_.clock())
      io_.sleep(std::min(left, 0.2));
  }
}

}  // namespace knsim::adapter
