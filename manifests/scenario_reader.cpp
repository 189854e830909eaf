#include "manifests/scenario_reader.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "manifests/cluster_settings_reader.hpp"
#include "manifests/distribution_reader.hpp"
#include "manifests/eventing_scenario_reader.hpp"
#include "manifests/limits.hpp"
#include "manifests/timeline_reader.hpp"

namespace knsim::manifests {
namespace {

using models::ScenarioSpec;

std::optional<core::Seconds> positive_duration(const Field& f) {
  const auto d = f.duration();
  if (d && *d <= 0) {
    f.error("must be greater than 0, got " + f.node().Scalar());
    return std::nullopt;
  }
  return d;
}

// metadata.annotations `knsim.dev/starting-pods` (written by `knsim cluster import` and `record`):
// a JSON object {"<namespace>/<revision>": ready pods, ...}, each a whole number in
// [0, kMaxPodsPerRevision]. Other annotations are free text.
void read_starting_pods(const Field& annotations, ScenarioSpec& s) {
  if (annotations.is_null()) return;
  MapReader ann = annotations.map();
  const Field f = ann.get(models::kStartingPodsAnnotation);
  for (const auto& key : ann.keys()) ann.get(key);  // any other annotation is allowed
  ann.finish();
  const auto text = f.string();
  if (!text) return;
  const auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    f.error("must be a JSON object {\"<namespace>/<revision>\": pods, ...}, got '" + *text + "'");
    return;
  }
  for (const auto& [key, value] : j.items()) {
    const auto slash = key.find('/');
    if (slash == 0 || slash == std::string::npos || slash + 1 == key.size() || key.find('/', slash + 1) != std::string::npos) {
      f.error("key '" + key + "' must be <namespace>/<revision>");
    } else if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > kMaxPodsPerRevision) {
      f.error("'" + key + "': must be a whole number of pods in [0, " + std::to_string(kMaxPodsPerRevision) + "], got " +
              value.dump());
    } else {
      s.starting_pods[key] = static_cast<std::int32_t>(value.get<std::int64_t>());
    }
  }
}

void read_metadata(MapReader& top, ScenarioSpec& s) {
  MapReader meta = top.get("metadata").map();
  const Field namef = meta.get("name");
  if (const auto name = namef.string()) {
    if (name->empty() || *name == "." || *name == ".." ||
        name->find_first_of("/\\") != std::string::npos) {
      namef.error("must be a plain name (it names the output folder), got \"" + *name + "\"");
    } else {
      s.name = *name;
    }
  }
  read_starting_pods(meta.get("annotations"), s);
  meta.allow({"namespace", "labels", "generateName", "uid", "resourceVersion", "creationTimestamp"});
  meta.finish();
}

void read_node_pool(const Field& item, models::NodePoolSpec& p) {
  MapReader m = item.map();
  const Field namef = m.get("name");
  if (const auto name = namef.string()) {
    if (name->empty() || name->find_first_of(" /\\\t") != std::string::npos) {
      namef.error("must be a non-empty name without spaces or slashes");
    } else {
      p.name = *name;
    }
  }
  const Field countf = m.get("count");
  if (const auto c = countf.integer()) {
    if (*c < 1 || *c > 100000) countf.error("must be in [1, 100000], got " + std::to_string(*c));
    else p.count = static_cast<int>(*c);
  }
  const Field cpuf = m.get("cpu");
  if (const auto cpu = cpuf.quantity()) {
    if (*cpu <= 0) cpuf.error("must be greater than 0");
    else p.cpu = *cpu;
  }
  const Field memf = m.get("memory");
  if (const auto mem = memf.bytes()) {
    if (*mem == 0) memf.error("must be greater than 0");
    else p.memory_bytes = *mem;
  }
  const Field speedf = m.get("speed");
  if (const auto speed = speedf.number()) {
    if (*speed <= 0) speedf.error("must be greater than 0");
    else p.speed = *speed;
  }
  m.finish();
}

void read_pod_startup(const Field& f, models::PodStartupSpec& ps) {
  MapReader m = f.map();
  if (auto d = read_distribution(m.get("scheduling"))) ps.scheduling = *d;
  if (auto d = read_distribution(m.get("containerStart"))) ps.container_start = *d;
  read_readiness_settings(m, ps);
  MapReader pull = m.get("imagePull").map();
  const Field bwf = pull.get("bandwidth");
  if (auto text = bwf.string()) {
    std::string_view t = *text;
    if (t.size() > 2 && t.substr(t.size() - 2) == "/s") t.remove_suffix(2);
    const Field bare(bwf.context(), YAML::Node(std::string(t)), bwf.path(), bwf.line(), true);
    if (const auto b = bare.bytes()) {
      if (*b == 0) bwf.error("must be greater than 0");
      else ps.image_pull_bandwidth = static_cast<double>(*b);
    }
  }
  pull.finish();
  m.finish();
}

void read_cluster(const Field& f, models::ClusterSpec& c) {
  MapReader m = f.map();
  const Field poolsf = m.required("nodePools");
  std::set<std::string> names;
  if (const auto pools = poolsf.list()) {
    if (pools->empty()) poolsf.error("at least one node pool is required");
    for (const Field& item : *pools) {
      models::NodePoolSpec p;
      read_node_pool(item, p);
      if (!names.insert(p.name).second) item.error("duplicate node pool name \"" + p.name + "\"");
      c.node_pools.push_back(p);
    }
    long total = 0;
    for (const auto& p : c.node_pools) total += p.count;
    if (total > kMaxNodes) {
      poolsf.error(std::to_string(total) + " nodes in all pools; the limit is " + std::to_string(kMaxNodes) +
                   " (memory grows with the square of the node count: 15,000 nodes take 1.8 GB)");
    }
  }
  MapReader net = m.get("network").map();
  const Field hopf = net.get("hopLatency");
  if (const auto hop = hopf.duration()) {
    if (*hop < 0) hopf.error("must not be negative");
    else c.hop_latency = *hop;
  }
  net.finish();
  const Field actf = m.get("activators");
  if (const auto n = actf.integer()) {
    if (*n < 1 || *n > 1000) actf.error("must be in [1, 1000], got " + std::to_string(*n));
    else c.activators = static_cast<int>(*n);
  }
  read_pod_startup(m.get("podStartup"), c.pod_startup);
  read_cluster_kubernetes_settings(m, c);
  m.finish();
}

void read_request(const Field& f, models::RequestSpec& r) {
  MapReader m = f.map();
  if (auto d = read_distribution(m.get("cpu"))) {
    r.cpu = *d;
    r.cpu_set = true;
  }
  if (auto d = read_distribution(m.get("wait"))) {
    r.wait = *d;
    r.wait_set = true;
  }
  if (auto d = positive_duration(m.get("timeout"))) r.timeout = *d;
  m.finish();
}

void read_workload(const Field& item, models::WorkloadSpec& w) {
  MapReader m = item.map();
  w.where = {item.context().file, item.line()};
  if (const auto s = m.required("service").string()) w.service = *s;
  w.name = w.service;
  if (const auto n = m.get("name").string()) w.name = *n;
  if (const auto ns = m.get("namespace").string()) w.namespace_name = *ns;
  if (const auto tag = m.get("tag").string()) w.tag = *tag;
  if (auto a = read_arrivals(m.required("arrivals"))) w.arrivals = *a;
  read_request(m.get("request"), w.request);
  const Field imgf = m.get("imageSize");
  if (const auto b = imgf.bytes()) w.image_size_bytes = *b;
  m.finish();
}

void read_workloads(const Field& f, ScenarioSpec& s) {
  const auto items = f.list();
  if (!items) return;
  std::set<std::string> names;
  for (const Field& item : *items) {
    models::WorkloadSpec w;
    read_workload(item, w);
    if (!w.name.empty() && !names.insert(w.name).second) {
      item.error("duplicate workload name \"" + w.name + "\" (set name: to tell them apart)");
    }
    s.workloads.push_back(std::move(w));
  }
}

// The bounds of manifests/limits.hpp on how long and how finely a run is sampled.
// Example: duration 7d at sampleInterval 1s is 604,800 samples per series (allowed);
// duration 30d at 1s is 2,592,000 (rejected: sampleInterval must be at least 2.592s).
void check_run_size(MapReader& spec, ScenarioSpec& s) {
  const Field durf = spec.get("duration"), intervalf = spec.get("sampleInterval");
  if (s.duration > kMaxDurationSeconds) {
    durf.error("at most " + core::format_duration(kMaxDurationSeconds) + " (knsim's limit on simulated time), got " +
               durf.node().Scalar());
    s.duration = 0;
    return;
  }
  if (intervalf.present() && s.sample_interval > 0 && s.sample_interval < kMinSampleIntervalSeconds) {
    intervalf.error("at least " + core::format_duration(kMinSampleIntervalSeconds) + " (knsim's limit), got " +
                    intervalf.node().Scalar());
    return;
  }
  if (s.duration > 0 && s.sample_interval > 0 && s.duration / s.sample_interval > kMaxSamplesPerSeries) {
    const Field& f = intervalf.present() ? intervalf : durf;
    f.error("duration / sampleInterval is " + std::to_string(static_cast<long long>(s.duration / s.sample_interval)) +
            " samples; the limit is 1000000 per revision and node (every sample is kept in memory): set "
            "spec.sampleInterval to at least " + core::format_duration(s.duration / kMaxSamplesPerSeries));
  }
}

void read_spec(const Field& f, ScenarioDocument& out) {
  ScenarioSpec& s = out.spec;
  MapReader spec = f.map();
  if (auto d = positive_duration(spec.required("duration"))) s.duration = *d;
  const Field seedf = spec.get("seed");
  if (const auto seed = seedf.integer()) {
    if (*seed < 0) seedf.error("must not be negative");
    else s.seed = static_cast<std::uint64_t>(*seed);
  }
  if (auto d = positive_duration(spec.get("sampleInterval"))) s.sample_interval = *d;
  check_run_size(spec, s);
  const Field clusterf = spec.required("cluster");
  if (clusterf.present()) read_cluster(clusterf, s.cluster);
  read_workloads(spec.get("workloads"), s);
  read_timeline(spec.get("timeline"), out);
  read_eventing_section(spec.get("eventing"), s.eventing);
  spec.finish();
}

}  // namespace

std::vector<std::string> node_names(const models::ClusterSpec& cluster) {
  std::vector<std::string> out;
  for (const auto& p : cluster.node_pools) {
    for (int i = 0; i < p.count && out.size() < 1000000; ++i) out.push_back(p.name + "-" + std::to_string(i));
  }
  return out;
}

ScenarioDocument read_scenario_document(const Document& doc) {
  ScenarioDocument out;
  out.spec.where = {doc.ctx.file, doc.line};
  const Field root(doc.ctx, doc.root, doc.field_prefix, doc.line, true);
  MapReader top = root.map();
  top.allow({"apiVersion", "kind"});
  read_metadata(top, out.spec);
  const Field specf = top.required("spec");
  if (specf.present()) read_spec(specf, out);
  top.finish();
  return out;
}

}  // namespace knsim::manifests
