// Reference checks of the eventing objects (manifests/eventing_reader.hpp): every ref must name an
// object of the scenario that knsim can deliver to: a Knative Service
// (serving.knative.dev/v1 Service), a Broker (eventing.knative.dev/v1) or an InMemoryChannel
// (messaging.knative.dev/v1; kind Channel is accepted as an alias of the in-memory channel).
#include <string>

#include "manifests/eventing_reader.hpp"
#include "manifests/path_index.hpp"

namespace knsim::manifests {
namespace {

namespace ev = core::eventing;

const Document* find_doc(const std::vector<Document>& docs, const std::string& kind, const std::string& name,
                         const std::string& ns) {
  for (const Document& d : docs) {
    const std::string dns = d.namespace_.empty() ? "default" : d.namespace_;
    if (d.kind == kind && d.name == name && dns == ns) return &d;
  }
  return nullptr;
}

struct Checker {
  const std::vector<Document>& docs;
  const ManifestSet& set;  // what references may name
  Diagnostics& diags;

  void error(const Document* d, const std::string& path, const std::string& message) const {
    if (d == nullptr) return;
    const PathIndex index(d->root, d->field_prefix, d->line);
    const std::string field = join_field(d->field_prefix, path);
    diags.error(d->ctx.file, index.line_of(field), field, message);
  }

  bool has_broker(const std::string& name, const std::string& ns) const {
    for (const auto& b : set.eventing.brokers)
      if (b.name == name && b.namespace_ == ns) return true;
    return false;
  }
  bool has_channel(const std::string& name, const std::string& ns) const {
    for (const auto& c : set.eventing.channels)
      if (c.name == name && c.namespace_ == ns) return true;
    return false;
  }
  bool has_service(const std::string& name, const std::string& ns) const {
    for (const auto& s : set.services)
      if (s.object.metadata.name == name && s.object.metadata.namespace_name == ns) return true;
    return false;
  }

  void ref(const Document* d, const std::string& path, const std::optional<ev::Destination>& dst) const {
    if (!dst || !dst->ref) return;
    const ev::KReference& r = *dst->ref;
    const std::string what = r.kind + " " + r.namespace_ + "/" + r.name;
    if (r.kind == "Service" && r.api_version.rfind("serving.knative.dev/", 0) == 0) {
      if (!has_service(r.name, r.namespace_)) error(d, path + ".ref.name", what + " not found in the scenario");
    } else if (r.kind == "Broker" && r.api_version.rfind("eventing.knative.dev/", 0) == 0) {
      if (!has_broker(r.name, r.namespace_)) error(d, path + ".ref.name", what + " not found in the scenario");
    } else if ((r.kind == "InMemoryChannel" || r.kind == "Channel") &&
               r.api_version.rfind("messaging.knative.dev/", 0) == 0) {
      if (!has_channel(r.name, r.namespace_)) error(d, path + ".ref.name", what + " not found in the scenario");
    } else if ((r.kind == "Sequence" || r.kind == "Parallel") && r.api_version.rfind("flows.knative.dev/", 0) == 0) {
      if (set.eventing.flow_address.count(r.kind + "/" + r.namespace_ + "/" + r.name) == 0)
        error(d, path + ".ref.name", what + " not found in the scenario");
    } else {
      error(d, path + ".ref", "knsim delivers only to a serving.knative.dev Service, a Broker or an "
                              "InMemoryChannel, Sequence or Parallel (got " + r.api_version + " " + r.kind + ")");
    }
  }
};

}  // namespace

void check_eventing_references(const std::vector<Document>& docs, ManifestSet& set, Diagnostics& diags) {
  check_eventing_references(docs, set, set, diags);
}

bool has_eventing_object(const EventingManifests& set, const std::string& kind, const std::string& ns,
                         const std::string& name) {
  auto in = [&](const auto& list) {
    for (const auto& o : list)
      if (o.name == name && o.namespace_ == ns) return true;
    return false;
  };
  if (kind == "Broker") return in(set.brokers);
  if (kind == "Trigger") return in(set.triggers);
  if (kind == "InMemoryChannel") return in(set.channels);
  if (kind == "Subscription") return in(set.subscriptions);
  if (kind == "PingSource") return in(set.ping_sources);
  if (kind == "ApiServerSource") return in(set.apiserver_sources);
  if (kind == "ContainerSource" || kind == "SinkBinding") {
    for (const auto& r : set.rate_sources)
      if (r.kind == kind && r.name == name && r.namespace_ == ns) return true;
    return false;
  }
  if (kind == "Sequence" || kind == "Parallel") return set.flow_address.count(kind + "/" + ns + "/" + name) > 0;
  return false;
}

void append_eventing(EventingManifests& into, const EventingManifests& more) {
  auto add = [](auto& dst, const auto& src) { dst.insert(dst.end(), src.begin(), src.end()); };
  add(into.brokers, more.brokers);
  add(into.triggers, more.triggers);
  add(into.channels, more.channels);
  add(into.subscriptions, more.subscriptions);
  add(into.ping_sources, more.ping_sources);
  add(into.rate_sources, more.rate_sources);
  add(into.apiserver_sources, more.apiserver_sources);
  for (const auto& [k, v] : more.flow_address) into.flow_address[k] = v;
}

void check_eventing_references(const std::vector<Document>& docs, const ManifestSet& to_check, const ManifestSet& known,
                               Diagnostics& diags) {
  const ManifestSet& set = to_check;
  const Checker c{docs, known, diags};
  for (const auto& b : set.eventing.brokers) {
    const Document* d = find_doc(docs, "Broker", b.name, b.namespace_);
    if (b.spec.delivery) c.ref(d, "spec.delivery.deadLetterSink", b.spec.delivery->dead_letter_sink);
  }
  for (const auto& t : set.eventing.triggers) {
    const Document* d = find_doc(docs, "Trigger", t.name, t.namespace_);
    if (!t.spec.broker.empty() && !c.has_broker(t.spec.broker, t.namespace_))
      c.error(d, "spec.broker", "Broker " + t.namespace_ + "/" + t.spec.broker + " not found in the scenario");
    c.ref(d, "spec.subscriber", t.spec.subscriber);
    if (t.spec.delivery) c.ref(d, "spec.delivery.deadLetterSink", t.spec.delivery->dead_letter_sink);
  }
  for (const auto& ch : set.eventing.channels) {
    const Document* d = find_doc(docs, "InMemoryChannel", ch.name, ch.namespace_);
    if (ch.delivery) c.ref(d, "spec.delivery.deadLetterSink", ch.delivery->dead_letter_sink);
  }
  for (const auto& s : set.eventing.subscriptions) {
    if (!s.flow_kind.empty()) {  // expanded from a Sequence/Parallel: report at the flow's document
      const Document* d = find_doc(docs, s.flow_kind, s.flow_name, s.namespace_);
      if (!s.subscriber_path.empty()) c.ref(d, s.subscriber_path, s.subscriber);
      if (!s.reply_path.empty()) c.ref(d, s.reply_path, s.reply);
      if (s.delivery && !s.delivery_path.empty())
        c.ref(d, s.delivery_path + ".deadLetterSink", s.delivery->dead_letter_sink);
      continue;
    }
    const Document* d = find_doc(docs, "Subscription", s.name, s.namespace_);
    if (!s.channel.name.empty() && !c.has_channel(s.channel.name, s.channel.namespace_))
      c.error(d, "spec.channel.name",
              s.channel.kind + " " + s.channel.namespace_ + "/" + s.channel.name + " not found in the scenario");
    c.ref(d, "spec.subscriber", s.subscriber);
    c.ref(d, "spec.reply", s.reply);
    if (s.delivery) c.ref(d, "spec.delivery.deadLetterSink", s.delivery->dead_letter_sink);
  }
  for (const auto& p : set.eventing.ping_sources) {
    const Document* d = find_doc(docs, "PingSource", p.name, p.namespace_);
    c.ref(d, "spec.sink", p.spec.sink);
  }
  for (const auto& a : set.eventing.apiserver_sources)
    c.ref(find_doc(docs, "ApiServerSource", a.name, a.namespace_), "spec.sink", a.sink);
  for (const auto& r : set.eventing.rate_sources) c.ref(find_doc(docs, r.kind, r.name, r.namespace_), "spec.sink", r.sink);
}

}  // namespace knsim::manifests
