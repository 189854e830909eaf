#include "manifests/eventing_reader.hpp"

#include <cstdint>
#include <exception>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "core/eventing/filter.hpp"
#include "manifests/knative_reader.hpp"
#include "manifests/limits.hpp"
#include "manifests/path_index.hpp"

namespace knsim::manifests {
namespace {

namespace ev = core::eventing;

}  // namespace

void report_eventing_errors(const core::api::FieldErrors& errors, const Document& doc, Diagnostics& diags) {
  if (errors.empty()) return;
  const PathIndex index(doc.root, doc.field_prefix, doc.line);
  for (const auto& e : errors) {
    const std::string first = e.path.substr(0, e.path.find(", "));
    std::string field = doc.field_prefix.empty() ? e.path : join_field(doc.field_prefix, e.path);
    if (field.empty()) field = doc.field_prefix;
    std::string message = e.message;
    if (!e.details.empty()) message += " (" + e.details + ")";
    diags.error(doc.ctx.file, index.line_of(join_field(doc.field_prefix, first)), field, message);
  }
}

namespace {

std::string str(const Field& f) { return f.string().value_or(""); }

std::map<std::string, std::string> string_map(const Field& f) {
  std::map<std::string, std::string> out;
  MapReader m = f.map();
  for (const std::string& k : m.keys()) out[k] = str(m.get(k));
  return out;
}

}  // namespace

ev::KReference read_kref(const Field& f, const std::string& default_ns) {
  ev::KReference r;
  MapReader m = f.map();
  r.api_version = str(m.get("apiVersion"));
  r.kind = str(m.get("kind"));
  r.name = str(m.get("name"));
  r.namespace_name = str(m.get("namespace"));
  if (r.namespace_name.empty()) r.namespace_name = default_ns;
  m.finish();
  return r;
}

std::optional<ev::Destination> read_destination(const Field& f, const std::string& ns) {
  if (!f.present() || f.is_null()) return std::nullopt;
  ev::Destination d;
  MapReader m = f.map();
  const Field ref = m.get("ref");
  if (ref.present()) d.ref = read_kref(ref, ns);
  if (const auto u = m.get("uri").string()) d.uri = *u;
  m.allow({"CACerts", "audience"});
  m.finish();
  return d;
}

std::optional<ev::DeliverySpec> read_delivery(const Field& f, const std::string& ns) {
  if (!f.present() || f.is_null()) return std::nullopt;
  ev::DeliverySpec d;
  MapReader m = f.map();
  d.dead_letter_sink = read_destination(m.get("deadLetterSink"), ns);
  // Knative's DeliverySpec.Retry is an *int32: a value outside it does not decode.
  const Field retry = m.get("retry");
  if (const auto r = retry.integer()) {
    if (*r < std::numeric_limits<std::int32_t>::min() || *r > std::numeric_limits<std::int32_t>::max()) {
      retry.error("cannot unmarshal number " + std::to_string(*r) + " into Go struct field DeliverySpec.retry of type int32");
    } else {
      d.retry = *r;
    }
  }
  if (const auto s = m.get("backoffPolicy").string()) d.backoff_policy = *s;
  if (const auto s = m.get("backoffDelay").string()) d.backoff_delay = *s;
  if (const auto s = m.get("timeout").string()) d.timeout = *s;
  if (const auto s = m.get("retryAfterMax").string()) d.retry_after_max = *s;
  if (const auto s = m.get("format").string()) d.format = *s;
  m.finish();
  return d;
}

namespace {

ev::SubscriptionsApiFilter read_filter(const Field& f) {
  ev::SubscriptionsApiFilter out;
  MapReader m = f.map();
  out.exact = string_map(m.get("exact"));
  out.prefix = string_map(m.get("prefix"));
  out.suffix = string_map(m.get("suffix"));
  for (const char* key : {"all", "any", "not"}) {
    const Field lf = m.get(key);
    if (!lf.present()) continue;
    auto& dst = std::string(key) == "all" ? out.all : std::string(key) == "any" ? out.any : out.not_;
    if (std::string(key) == "not" && lf.is_map()) {
      dst.push_back(read_filter(lf));
      continue;
    }
    if (const auto items = lf.list())
      for (const Field& it : *items) dst.push_back(read_filter(it));
  }
  // A CESQL expression is a string: a plain YAML number or boolean (cesql: 42) is a type error.
  const Field cesql = m.get("cesql");
  if (const auto s = cesql.string()) {
    const std::string& tag = cesql.node().Tag();
    const bool plain = tag == "?" || tag.empty();
    const bool typed = *s == "true" || *s == "false" ||
                       (s->find_first_not_of("0123456789.-+eE") == std::string::npos &&
                        s->find_first_of("0123456789") != std::string::npos);
    if (plain && typed) cesql.error("must be a string: quote the value (\"" + *s + "\")");
    else out.cesql = *s;
  }
  m.finish();
  return out;
}

struct Meta {
  std::string name, ns;
};

Meta read_meta(MapReader& top, core::api::ObjectMeta* full = nullptr) {
  top.allow({"apiVersion", "kind", "status"});
  core::api::ObjectMeta local;
  core::api::ObjectMeta& meta = full ? *full : local;
  read_object_meta(top.required("metadata"), meta);
  if (meta.name.empty()) top.get("metadata").error("metadata.name is required");
  return {meta.name, meta.namespace_name.empty() ? "default" : meta.namespace_name};
}

void read_broker(const Document& d, const Field& root, EventingManifests& out, Diagnostics& diags) {
  MapReader top = root.map();
  core::api::ObjectMeta full;
  const Meta meta = read_meta(top, &full);
  BrokerObject b{meta.name, meta.ns, {}, {d.ctx.file, d.line}};
  // eventing.knative.dev/broker.class: knsim models only the channel-based broker.
  const std::string cls = full.annotation_or("eventing.knative.dev/broker.class", "MTChannelBasedBroker");
  if (cls != "MTChannelBasedBroker") {
    const std::string field = join_field(d.field_prefix, "metadata.annotations.eventing.knative.dev/broker.class");
    diags.warning(d.ctx.file, PathIndex(d.root, d.field_prefix, d.line).line_of(field), field,
                  "Broker class " + cls + " is simulated as the channel-based broker (MTChannelBasedBroker)");
  }
  MapReader spec = top.get("spec").map();
  const Field cfg = spec.get("config");
  if (cfg.present()) b.spec.config = read_kref(cfg, meta.ns);
  b.spec.delivery = read_delivery(spec.get("delivery"), meta.ns);
  spec.finish();
  top.finish();
  b.spec = ev::default_broker_spec(b.spec, out.br_defaults, meta.ns);
  report_eventing_errors(ev::validate_broker_spec(b.spec, out.features), d, diags);
  out.brokers.push_back(std::move(b));
}

void read_trigger(const Document& d, const Field& root, EventingManifests& out, Diagnostics& diags) {
  MapReader top = root.map();
  const Meta meta = read_meta(top);
  TriggerObject t{meta.name, meta.ns, {}, {d.ctx.file, d.line}};
  MapReader spec = top.required("spec").map();
  t.spec.broker = str(spec.get("broker"));
  const Field ff = spec.get("filter");
  if (ff.present()) {
    MapReader fm = ff.map();
    ev::TriggerFilter tf;
    const Field attrs = fm.get("attributes");
    if (attrs.present()) tf.attributes = string_map(attrs);
    fm.finish();
    t.spec.filter = tf;
  }
  if (const auto items = spec.get("filters").list())
    for (const Field& it : *items) t.spec.filters.push_back(read_filter(it));
  if (auto dst = read_destination(spec.get("subscriber"), meta.ns)) t.spec.subscriber = *dst;
  t.spec.delivery = read_delivery(spec.get("delivery"), meta.ns);
  spec.finish();
  top.finish();
  report_eventing_errors(ev::validate_trigger_spec(t.spec, out.features), d, diags);
  out.triggers.push_back(std::move(t));
}

void read_channel(const Document& d, const Field& root, EventingManifests& out, Diagnostics& diags) {
  MapReader top = root.map();
  const Meta meta = read_meta(top);
  ChannelObject c{meta.name, meta.ns, {}, {d.ctx.file, d.line}};
  MapReader spec = top.get("spec").map();
  c.delivery = read_delivery(spec.get("delivery"), meta.ns);
  // spec.subscribers is written by the Subscription reconciler in Knative; knsim does not deliver
  // to hand-written entries, so reject them rather than silently drop them.
  const Field subs = spec.get("subscribers");
  if (subs.present() && !subs.is_null() && !(subs.is_list() && subs.node().size() == 0))
    subs.error("hand-written channel subscribers are not simulated: create a Subscription "
               "(messaging.knative.dev/v1) for each subscriber of this channel");
  spec.finish();
  top.finish();
  if (c.delivery)
    report_eventing_errors(core::api::via_field(ev::validate_delivery_spec(*c.delivery, out.features), "spec.delivery"), d, diags);
  out.channels.push_back(std::move(c));
}

void read_subscription(const Document& d, const Field& root, EventingManifests& out, Diagnostics& diags) {
  MapReader top = root.map();
  const Meta meta = read_meta(top);
  SubscriptionObject s;
  s.name = meta.name;
  s.namespace_name = meta.ns;
  s.where = {d.ctx.file, d.line};
  MapReader spec = top.required("spec").map();
  const Field ch = spec.required("channel");
  if (ch.present()) s.channel = read_kref(ch, meta.ns);
  s.subscriber = read_destination(spec.get("subscriber"), meta.ns);
  s.reply = read_destination(spec.get("reply"), meta.ns);
  s.delivery = read_delivery(spec.get("delivery"), meta.ns);
  spec.finish();
  top.finish();
  core::api::FieldErrors errs;
  if (ch.present() && (s.channel.name.empty() || s.channel.kind.empty()))
    errs.push_back(core::api::err_missing_field("spec.channel.name, spec.channel.kind"));
  if (!s.subscriber && !s.reply) errs.push_back(core::api::err_missing_field("spec.reply, spec.subscriber"));
  if (s.subscriber) core::api::also(errs, core::api::via_field(ev::validate_destination(*s.subscriber), "spec.subscriber"));
  if (s.reply) core::api::also(errs, core::api::via_field(ev::validate_destination(*s.reply), "spec.reply"));
  if (s.delivery) core::api::also(errs, core::api::via_field(ev::validate_delivery_spec(*s.delivery, out.features), "spec.delivery"));
  report_eventing_errors(errs, d, diags);
  out.subscriptions.push_back(std::move(s));
}

void read_ping(const Document& d, const Field& root, EventingManifests& out, Diagnostics& diags) {
  MapReader top = root.map();
  const Meta meta = read_meta(top);
  PingSourceObject p{meta.name, meta.ns, {}, {d.ctx.file, d.line}};
  MapReader spec = top.required("spec").map();
  if (const auto s = spec.get("schedule").string()) p.spec.schedule = *s;
  p.spec.timezone = str(spec.get("timezone"));
  p.spec.content_type = str(spec.get("contentType"));
  p.spec.data = str(spec.get("data"));
  p.spec.data_base64 = str(spec.get("dataBase64"));
  if (auto dst = read_destination(spec.get("sink"), meta.ns)) p.spec.sink = *dst;
  const Field ceo = spec.get("ceOverrides");
  if (ceo.present()) {
    MapReader cm = ceo.map();
    p.spec.ce_overrides = string_map(cm.get("extensions"));
    cm.finish();
  }
  spec.finish();
  top.finish();
  report_eventing_errors(ev::validate_ping_source_spec(p.spec), d, diags);
  out.ping_sources.push_back(std::move(p));
}

// ContainerSource / SinkBinding: spec.sink is required; the rate comes from the annotation
// knsim.dev/rate, a number >= 0 (events per second, evenly spaced).
void read_rate_source(const Document& d, const Field& root, EventingManifests& out, Diagnostics& diags) {
  MapReader top = root.map();
  core::api::ObjectMeta full;
  const Meta meta = read_meta(top, &full);
  RateSourceObject r{d.kind, meta.name, meta.ns, {}, {1.0, false}, {d.ctx.file, d.line}};
  MapReader spec = top.required("spec").map();
  spec.allow({"template", "subject", "ceOverrides"});
  if (auto dst = read_destination(spec.get("sink"), meta.ns)) r.sink = *dst;
  spec.finish();
  top.finish();
  report_eventing_errors(core::api::via_field(ev::validate_destination(r.sink), "spec.sink"), d, diags);
  const std::string rate = full.annotation_or("knsim.dev/rate", "");
  if (!rate.empty()) {
    std::size_t used = 0;
    double v = -1;
    try {
      v = std::stod(rate, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != rate.size() || !(v >= 0) || v > kMaxRatePerSecond)
      diags.error(d.ctx.file, PathIndex(d.root, d.field_prefix, d.line).line_of(join_field(d.field_prefix, "metadata.annotations")),
                  join_field(d.field_prefix, "metadata.annotations.knsim.dev/rate"),
                  "must be a number of events per second between 0 and 100000 (knsim's limit), got \"" + rate + "\"");
    else r.rate.rate_per_second = v;
  }
  out.rate_sources.push_back(std::move(r));
}

// ApiServerSource: spec.resources (at least one, each with apiVersion and kind), spec.mode
// (Reference, default, or Resource), spec.sink required.
void read_apiserver_source(const Document& d, const Field& root, EventingManifests& out, Diagnostics& diags) {
  MapReader top = root.map();
  const Meta meta = read_meta(top);
  ApiServerSourceObject a{meta.name, meta.ns, {}, ev::ApiServerMode::kReference, {}, {d.ctx.file, d.line}};
  MapReader spec = top.required("spec").map();
  spec.allow({"serviceAccountName", "owner", "namespaceSelector", "ceOverrides"});
  const Field mode = spec.get("mode");
  const std::string m = str(mode);
  if (m == "Resource") a.mode = ev::ApiServerMode::kResource;
  else if (!m.empty() && m != "Reference") mode.error("must be Reference or Resource, got \"" + m + "\"");
  const Field res = spec.required("resources");
  if (res.present()) {
    const std::vector<Field> items = res.list().value_or(std::vector<Field>{});
    if (items.empty()) res.error("must list at least one resource");
    for (const Field& item : items) {
      MapReader r = item.map();
      const std::string av = str(r.required("apiVersion")), kind = str(r.required("kind"));
      r.allow({"selector"});
      r.finish();
      a.resources.emplace_back(av, kind);
    }
  }
  if (auto dst = read_destination(spec.get("sink"), meta.ns)) a.sink = *dst;
  spec.finish();
  top.finish();
  report_eventing_errors(core::api::via_field(ev::validate_destination(a.sink), "spec.sink"), d, diags);
  out.apiserver_sources.push_back(std::move(a));
}

}  // namespace

void read_eventing_objects(const std::vector<Document>& docs, ManifestSet& set, Diagnostics& diags,
                           bool check_references, const ev::BrokerDefaults* inherited,
                           const ev::EventingFeatures* inherited_features) {
  EventingManifests& out = set.eventing;
  // Read even without eventing documents: timeline applies inherit them. The features come first:
  // config-br-defaults' delivery is validated with them.
  auto has_config_map = [&set](const char* name) {
    for (const ConfigMapDoc& cm : set.config_maps)
      if (cm.name == name && cm.namespace_name == "knative-eventing") return true;
    return false;
  };
  if (has_config_map("config-features")) out.features = read_eventing_features(set.config_maps, diags);
  else if (inherited_features != nullptr) out.features = *inherited_features;
  if (has_config_map("config-br-defaults")) out.br_defaults = read_br_defaults(set.config_maps, out.features, diags);
  else if (inherited != nullptr) out.br_defaults = *inherited;
  // Kind/namespace/name -> where first defined: a second object with the same name is an error, as
  // for serving (Kubernetes keeps one object per name; knsim would otherwise run both or drop one).
  std::map<std::string, models::SourceRef> seen;
  for (const Document& d : docs) {
    const Field root(d.ctx, d.root, d.field_prefix, d.line, true);
    if (!d.name.empty() && is_simulated_eventing_kind(d.api_version, d.kind)) {
      const std::string ns = d.namespace_name.empty() ? "default" : d.namespace_name;
      const auto [it, added] = seen.emplace(d.kind + "/" + ns + "/" + d.name, models::SourceRef{d.ctx.file, d.line});
      if (!added) {
        diags.error(d.ctx.file, d.line, join_field(d.field_prefix, "metadata.name"),
                    d.kind + " " + ns + "/" + d.name + " is defined twice (first at " + it->second.file + ":" +
                        std::to_string(it->second.line) + ")");
      }
    }
    if (d.kind == "Broker") read_broker(d, root, out, diags);
    else if (d.kind == "Trigger") read_trigger(d, root, out, diags);
    else if (d.kind == "InMemoryChannel") read_channel(d, root, out, diags);
    else if (d.kind == "Subscription") read_subscription(d, root, out, diags);
    else if (d.kind == "PingSource") read_ping(d, root, out, diags);
    else if (d.kind == "ContainerSource" || d.kind == "SinkBinding") read_rate_source(d, root, out, diags);
    else if (d.kind == "ApiServerSource") read_apiserver_source(d, root, out, diags);
    else if (d.kind == "Sequence" || d.kind == "Parallel") read_flow(d, root, out, diags);
  }
  if (check_references) check_eventing_references(docs, set, diags);
}

}  // namespace knsim::manifests
