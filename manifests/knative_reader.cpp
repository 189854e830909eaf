#include "manifests/knative_reader.hpp"

#include <cmath>
#include <limits>

#include "core/api/quantity.hpp"

namespace knsim::manifests {
namespace {

using namespace core::api;

// PodSpec and Container fields Knative accepts that the simulator does not model: read and
// ignored, so they are not reported as unknown.
const std::initializer_list<std::string_view> kIgnoredPodSpecFields = {
    "serviceAccountName", "volumes", "imagePullSecrets", "enableServiceLinks", "affinity",
    "nodeSelector", "tolerations", "runtimeClassName", "securityContext", "priorityClassName",
    "schedulerName", "topologySpreadConstraints", "dnsPolicy", "dnsConfig", "hostAliases",
    "initContainers", "automountServiceAccountToken", "hostIPC", "hostPID", "hostNetwork",
    "shareProcessNamespace"};
const std::initializer_list<std::string_view> kIgnoredContainerFields = {
    "args", "command", "workingDir", "readinessProbe", "livenessProbe", "startupProbe",
    "volumeMounts", "securityContext", "imagePullPolicy", "envFrom", "terminationMessagePath",
    "terminationMessagePolicy", "lifecycle", "stdin", "tty"};

// Kubernetes map[string]string: a plain (unquoted) number or boolean is not a string there.
void read_string_map(const Field& f, std::map<std::string, std::string>& out) {
  MapReader m = f.map();
  for (const std::string& key : m.keys()) {
    const Field v = m.get(key);
    if (v.is_null()) {
      out[key] = "";
      continue;
    }
    const auto s = v.string();
    if (!s) continue;
    const std::string& tag = v.node().Tag();
    const bool plain = tag == "?" || tag.empty();
    if (plain && (*s == "true" || *s == "false" || (!s->empty() && s->find_first_not_of("0123456789.-+eE") == std::string::npos &&
                                                    s->find_first_of("0123456789") != std::string::npos))) {
      v.error("must be a string: quote the value (\"" + *s + "\")");
      continue;
    }
    out[key] = *s;
  }
}

std::optional<std::int64_t> read_int(const Field& f) {
  const auto v = f.integer();
  if (v && (*v > std::numeric_limits<std::int32_t>::max() || *v < std::numeric_limits<std::int32_t>::min())) {
    f.error("integer out of range: " + f.node().Scalar());
    return std::nullopt;
  }
  return v;
}

void read_quantity(const Field& f, std::optional<Quantity>& out) {
  const auto s = f.string();
  if (!s) return;
  const auto v = core::api::parse_quantity(*s);
  if (!v) {
    f.error("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    return;
  }
  if (*v < 0) {  // Kubernetes ValidateResourceQuantityValue (k8s.io/kubernetes pkg/apis/core/validation)
    f.error("must be greater than or equal to 0, got " + *s);
    return;
  }
  out = Quantity{*s, *v};
}

void read_resource_list(const Field& f, ResourceList& r) {
  MapReader m = f.map();
  read_quantity(m.get("cpu"), r.cpu);
  read_quantity(m.get("memory"), r.memory);
  m.allow({"ephemeral-storage", "nvidia.com/gpu"});
  m.finish();
}

void read_container(const Field& f, Container& c) {
  MapReader m = f.map();
  if (const auto n = m.get("name").string()) c.name = *n;
  if (const auto img = m.get("image").string()) c.image = *img;
  MapReader res = m.get("resources").map();
  read_resource_list(res.get("requests"), c.resources.requests);
  read_resource_list(res.get("limits"), c.resources.limits);
  res.finish();
  if (const auto env = m.get("env").list()) {
    for (const Field& item : *env) {
      MapReader e = item.map();
      EnvVar var;
      if (const auto n = e.required("name").string()) var.name = *n;
      if (const auto v = e.get("value").string()) var.value = *v;
      e.allow({"valueFrom"});
      e.finish();
      c.env.push_back(var);
    }
  }
  if (const auto ports = m.get("ports").list()) {
    for (const Field& item : *ports) {
      MapReader p = item.map();
      const auto port = read_int(p.get("containerPort"));
      if (port && !c.container_port) c.container_port = static_cast<std::int32_t>(*port);
      p.allow({"name", "protocol", "hostIP", "hostPort"});
      p.finish();
    }
  }
  m.allow(kIgnoredContainerFields);
  m.finish();
}

void read_revision_spec(const Field& f, RevisionSpec& s) {
  MapReader m = f.map();
  s.container_concurrency = read_int(m.get("containerConcurrency"));
  s.timeout_seconds = read_int(m.get("timeoutSeconds"));
  s.response_start_timeout_seconds = read_int(m.get("responseStartTimeoutSeconds"));
  s.idle_timeout_seconds = read_int(m.get("idleTimeoutSeconds"));
  if (const auto cs = m.get("containers").list()) {
    for (const Field& item : *cs) {
      Container c;
      read_container(item, c);
      s.containers.push_back(std::move(c));
    }
  }
  m.allow(kIgnoredPodSpecFields);
  m.finish();
}

// Reads the common top level (apiVersion, kind, metadata, spec; status is ignored).
template <typename Fn>
void read_top(const Document& doc, ObjectMeta& meta, Fn&& read_spec) {
  const Field root(doc.ctx, doc.root, doc.field_prefix, doc.line, true);
  MapReader top = root.map();
  top.allow({"apiVersion", "kind", "status"});
  read_object_meta(top.required("metadata"), meta);
  const Field spec = top.get("spec");
  MapReader sm = spec.map();
  read_spec(sm);
  sm.finish();
  top.finish();
}

}  // namespace

void read_object_meta(const Field& f, ObjectMeta& meta) {
  MapReader m = f.map();
  // A missing name is reported by core/serving's validation ("name or generateName is required").
  if (const auto n = m.get("name").string()) meta.name = *n;
  if (const auto ns = m.get("namespace").string()) meta.namespace_name = *ns;
  read_string_map(m.get("labels"), meta.labels);
  read_string_map(m.get("annotations"), meta.annotations);
  if (const auto g = m.get("generation").integer()) meta.generation = *g;
  m.allow({"generateName", "uid", "resourceVersion", "creationTimestamp", "ownerReferences",
           "finalizers", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"});
  m.finish();
}

void read_revision_template(const Field& f, RevisionTemplate& t) {
  MapReader m = f.map();
  read_object_meta(m.get("metadata"), t.metadata);
  read_revision_spec(m.get("spec"), t.spec);
  m.finish();
}

void read_traffic(const Field& f, std::vector<TrafficTarget>& traffic) {
  const auto items = f.list();
  if (!items) return;
  for (const Field& item : *items) {
    MapReader m = item.map();
    TrafficTarget t;
    if (const auto v = m.get("tag").string()) t.tag = *v;
    if (const auto v = m.get("revisionName").string()) t.revision_name = *v;
    if (const auto v = m.get("configurationName").string()) t.configuration_name = *v;
    t.latest_revision = m.get("latestRevision").boolean();
    t.percent = m.get("percent").integer();
    if (const auto v = m.get("url").string()) t.url = *v;
    m.finish();
    traffic.push_back(std::move(t));
  }
}

Service read_service(const Document& doc) {
  Service s;
  read_top(doc, s.metadata, [&](MapReader& spec) {
    read_revision_template(spec.get("template"), s.spec.configuration.revision_template);
    read_traffic(spec.get("traffic"), s.spec.route.traffic);
  });
  return s;
}

Configuration read_configuration(const Document& doc) {
  Configuration c;
  read_top(doc, c.metadata, [&](MapReader& spec) {
    read_revision_template(spec.get("template"), c.spec.revision_template);
  });
  return c;
}

Route read_route(const Document& doc) {
  Route r;
  read_top(doc, r.metadata, [&](MapReader& spec) { read_traffic(spec.get("traffic"), r.spec.traffic); });
  return r;
}

}  // namespace knsim::manifests
