// config-br-defaults (namespace knative-eventing), key `default-br-config`: a YAML text with
// `clusterDefault` and `namespaceDefaults.<ns>`, each {brokerClass, apiVersion, kind, name,
// namespace, delivery} (knative/eventing config/core/configmaps/default-broker.yaml,
// pkg/apis/config/defaults.go). Typed into core::eventing::BrokerDefaults; problems are reported at
// the data key's line as `data.default-br-config.<field>`.
#include <yaml-cpp/yaml.h>

#include "manifests/eventing_reader.hpp"

namespace knsim::manifests {
namespace {

namespace ev = core::eventing;

std::optional<ev::DeliverySpec> read_scope(const Field& f, const std::string& ns, std::string& broker_class) {
  MapReader m = f.map();
  if (const auto c = m.get("brokerClass").string()) broker_class = *c;
  m.allow({"apiVersion", "kind", "name", "namespace"});
  auto d = read_delivery(m.get("delivery"), ns);
  m.finish();
  return d;
}

}  // namespace

ev::BrokerDefaults read_br_defaults(const std::vector<ConfigMapDoc>& config_maps, const ev::EventingFeatures& features,
                                    Diagnostics& diags) {
  ev::BrokerDefaults out = ev::shipped_broker_defaults();
  for (const ConfigMapDoc& cm : config_maps) {
    if (cm.name != "config-br-defaults" || cm.namespace_name != "knative-eventing") continue;
    const auto it = cm.data.find("default-br-config");
    if (it == cm.data.end()) continue;
    const int line = cm.key_lines.count(it->first) ? cm.key_lines.at(it->first) : cm.where.line;
    const std::string field = "data.default-br-config";
    YAML::Node root;
    try {
      root = YAML::Load(it->second);
    } catch (const YAML::Exception& e) {
      diags.error(cm.where.file, line, field, std::string("not YAML: ") + e.what());
      continue;
    }
    out = ev::BrokerDefaults{};
    Diagnostics inner;
    const DocContext ctx{cm.where.file, {}, &inner};
    const Field top(ctx, root, field, line, true);
    MapReader m = top.map();
    const Field cluster = m.get("clusterDefault");
    if (cluster.present()) out.delivery = read_scope(cluster, "default", out.broker_class);
    MapReader nss = m.get("namespaceDefaults").map();
    for (const std::string& ns : nss.keys()) {
      std::string ignored;
      out.namespace_delivery[ns] = read_scope(nss.get(ns), ns, ignored);
    }
    m.finish();
    // Lines inside the embedded text are not the file's: every problem is placed at the key.
    for (Diagnostic d : inner.items()) {
      d.line = line;
      diags.add(d);
    }
    if (out.delivery) {
      for (const auto& e : ev::validate_delivery_spec(*out.delivery, features))
        diags.error(cm.where.file, line, field + ".clusterDefault.delivery" + (e.path.empty() ? "" : "." + e.path), e.message);
    }
  }
  return out;
}

}  // namespace knsim::manifests
