// Reference checks of the eventing objects (manifests/eventing_reader.hpp): every ref must name an
// object of the scenario that knsim can deliver to: a Knative Service
// (serving.knative.dev/v1 Service), a Broker (eventing.knative.dev/v1) or an InMemoryChannel
// (messaging.knative.dev/v1; kind Channel is accepted as an alias of the in-memory channel).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "manifests/eventing_reader.hpp"
#include "manifests/path_index.hpp"

namespace knsim::manifests {
namespace {

namespace ev = core::eventing;

const Document* find_doc(const std::vector<Document>& docs, const std::string& kind, const std::string& name,
                         const std::string& ns) {
  for (const Document& d : docs) {
    const std::string dns = d.namespace_name.empty() ? "default" : d.namespace_name;
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
      if (b.name == name && b.namespace_name == ns) return true;
    return false;
  }
  bool has_channel(const std::string& name, const std::string& ns) const {
    for (const auto& c : set.eventing.channels)
      if (c.name == name && c.namespace_name == ns) return true;
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
    const std::string what = r.kind + " " + r.namespace_name + "/" + r.name;
    if (r.kind == "Service" && r.api_version.rfind("serving.knative.dev/", 0) == 0) {
      if (!has_service(r.name, r.namespace_name)) error(d, path + ".ref.name", what + " not found in the scenario");
    } else if (r.kind == "Broker" && r.api_version.rfind("eventing.knative.dev/", 0) == 0) {
      if (!has_broker(r.name, r.namespace_name)) error(d, path + ".ref.name", what + " not found in the scenario");
    } else if ((r.kind == "InMemoryChannel" || r.kind == "Channel") &&
               r.api_version.rfind("messaging.knative.dev/", 0) == 0) {
      if (!has_channel(r.name, r.namespace_name)) error(d, path + ".ref.name", what + " not found in the scenario");
    } else if ((r.kind == "Sequence" || r.kind == "Parallel") && r.api_version.rfind("flows.knative.dev/", 0) == 0) {
      if (set.eventing.flow_address.count(r.kind + "/" + r.namespace_name + "/" + r.name) == 0)
        error(d, path + ".ref.name", what + " not found in the scenario");
    } else {
      error(d, path + ".ref", "knsim delivers only to a serving.knative.dev Service, a Broker or an "
                              "InMemoryChannel, Sequence or Parallel (got " + r.api_version + " " + r.kind + ")");
    }
  }
};

// Delivery cycles among channels: a Subscription on channel C sends each event to its subscriber and
// the subscriber's reply to its reply; when either is a channel (an InMemoryChannel, or a Sequence or
// Parallel, whose address is its first channel) that is an edge C -> that channel. A cycle (a
// Sequence step that is the Sequence itself, two Sequences naming each other, a Subscription whose
// subscriber or reply is its own channel) delivers every event forever: Knative accepts it and loops
// until the cluster is saturated; knsim rejects it. Brokers end the graph (their Triggers filter).
struct CycleFinder {
  const EventingManifests& known;
  std::map<std::string, std::vector<std::pair<std::string, const SubscriptionObject*>>> edges;  // C -> (T, via)

  std::optional<std::string> channel_of(const std::optional<ev::Destination>& dst) const {
    if (!dst || !dst->ref) return std::nullopt;
    const ev::KReference& r = *dst->ref;
    if (r.kind == "InMemoryChannel" || r.kind == "Channel") return r.namespace_name + "/" + r.name;
    if (r.kind == "Sequence" || r.kind == "Parallel") {
      const auto it = known.flow_address.find(r.kind + "/" + r.namespace_name + "/" + r.name);
      if (it != known.flow_address.end()) return r.namespace_name + "/" + it->second;
    }
    return std::nullopt;
  }

  explicit CycleFinder(const EventingManifests& k) : known(k) {
    for (const auto& sub : known.subscriptions) {
      const std::string from = sub.channel.namespace_name + "/" + sub.channel.name;
      for (const auto* dst : {&sub.subscriber, &sub.reply})
        if (const auto to = channel_of(*dst)) edges[from].push_back({*to, &sub});
    }
  }

  // Each cycle once, as the subscriptions along it (depth-first search, white/grey/black).
  std::vector<std::vector<const SubscriptionObject*>> cycles() const {
    std::map<std::string, int> colour;  // 0 unvisited, 1 on the stack, 2 done
    std::vector<std::pair<std::string, const SubscriptionObject*>> stack;
    std::vector<std::vector<const SubscriptionObject*>> out;
    std::function<void(const std::string&)> visit = [&](const std::string& c) {
      colour[c] = 1;
      const auto it = edges.find(c);
      if (it != edges.end()) {
        for (const auto& [to, via] : it->second) {
          if (colour[to] == 1) {  // back edge: the cycle is the stack from `to` on, then `via`
            std::vector<const SubscriptionObject*> cyc;
            std::size_t i = 0;
            while (i < stack.size() && stack[i].first != to) ++i;
            for (++i; i < stack.size(); ++i) cyc.push_back(stack[i].second);
            cyc.push_back(via);
            out.push_back(std::move(cyc));
          } else if (colour[to] == 0) {
            stack.push_back({to, via});
            visit(to);
            stack.pop_back();
          }
        }
      }
      colour[c] = 2;
    };
    for (const auto& [c, _] : edges) {
      if (colour[c] != 0) continue;
      stack.assign(1, {c, nullptr});
      visit(c);
    }
    return out;
  }
};

std::string describe(const SubscriptionObject& s) {
  if (!s.flow_kind.empty()) return s.flow_kind + " " + s.namespace_name + "/" + s.flow_name + " (" + s.name + ")";
  return "Subscription " + s.namespace_name + "/" + s.name;
}

bool same_subscription(const SubscriptionObject& a, const SubscriptionObject& b) {
  return a.name == b.name && a.namespace_name == b.namespace_name && a.flow_name == b.flow_name;
}

void check_cycles(const Checker& c, const EventingManifests& to_check, const EventingManifests& known) {
  for (const auto& cycle : CycleFinder(known).cycles()) {
    // Reported at the first subscription of the cycle that this check owns (each cycle once).
    const SubscriptionObject* at = nullptr;
    for (const auto* s : cycle)
      for (const auto& mine : to_check.subscriptions)
        if (at == nullptr && same_subscription(*s, mine)) at = s;
    if (at == nullptr) continue;
    std::string path;
    for (const auto* s : cycle) path += (path.empty() ? "" : " -> ") + describe(*s);
    const Document* d = at->flow_kind.empty() ? find_doc(c.docs, "Subscription", at->name, at->namespace_name)
                                              : find_doc(c.docs, at->flow_kind, at->flow_name, at->namespace_name);
    std::string field = at->flow_kind.empty() ? "spec.subscriber" : at->subscriber_path;
    if (field.empty()) field = "spec";
    c.error(d, field, "delivery cycle: " + path + " -> back to the start; every event would be delivered "
                      "forever (Knative accepts it and loops), so knsim rejects it");
  }
}

}  // namespace

void check_eventing_references(const std::vector<Document>& docs, ManifestSet& set, Diagnostics& diags) {
  check_eventing_references(docs, set, set, diags);
}

bool has_eventing_object(const EventingManifests& set, const std::string& kind, const std::string& ns,
                         const std::string& name) {
  auto in = [&](const auto& list) {
    for (const auto& o : list)
      if (o.name == name && o.namespace_name == ns) return true;
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
      if (r.kind == kind && r.name == name && r.namespace_name == ns) return true;
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
    const Document* d = find_doc(docs, "Broker", b.name, b.namespace_name);
    if (b.spec.delivery) c.ref(d, "spec.delivery.deadLetterSink", b.spec.delivery->dead_letter_sink);
  }
  for (const auto& t : set.eventing.triggers) {
    const Document* d = find_doc(docs, "Trigger", t.name, t.namespace_name);
    if (!t.spec.broker.empty() && !c.has_broker(t.spec.broker, t.namespace_name))
      c.error(d, "spec.broker", "Broker " + t.namespace_name + "/" + t.spec.broker + " not found in the scenario");
    c.ref(d, "spec.subscriber", t.spec.subscriber);
    if (t.spec.delivery) c.ref(d, "spec.delivery.deadLetterSink", t.spec.delivery->dead_letter_sink);
  }
  for (const auto& ch : set.eventing.channels) {
    const Document* d = find_doc(docs, "InMemoryChannel", ch.name, ch.namespace_name);
    if (ch.delivery) c.ref(d, "spec.delivery.deadLetterSink", ch.delivery->dead_letter_sink);
  }
  for (const auto& s : set.eventing.subscriptions) {
    if (!s.flow_kind.empty()) {  // expanded from a Sequence/Parallel: report at the flow's document
      const Document* d = find_doc(docs, s.flow_kind, s.flow_name, s.namespace_name);
      if (!s.subscriber_path.empty()) c.ref(d, s.subscriber_path, s.subscriber);
      if (!s.reply_path.empty()) c.ref(d, s.reply_path, s.reply);
      if (s.delivery && !s.delivery_path.empty())
        c.ref(d, s.delivery_path + ".deadLetterSink", s.delivery->dead_letter_sink);
      continue;
    }
    const Document* d = find_doc(docs, "Subscription", s.name, s.namespace_name);
    if (!s.channel.name.empty() && !c.has_channel(s.channel.name, s.channel.namespace_name))
      c.error(d, "spec.channel.name",
              s.channel.kind + " " + s.channel.namespace_name + "/" + s.channel.name + " not found in the scenario");
    c.ref(d, "spec.subscriber", s.subscriber);
    c.ref(d, "spec.reply", s.reply);
    if (s.delivery) c.ref(d, "spec.delivery.deadLetterSink", s.delivery->dead_letter_sink);
  }
  for (const auto& p : set.eventing.ping_sources) {
    const Document* d = find_doc(docs, "PingSource", p.name, p.namespace_name);
    c.ref(d, "spec.sink", p.spec.sink);
  }
  for (const auto& a : set.eventing.apiserver_sources)
    c.ref(find_doc(docs, "ApiServerSource", a.name, a.namespace_name), "spec.sink", a.sink);
  for (const auto& r : set.eventing.rate_sources) c.ref(find_doc(docs, r.kind, r.name, r.namespace_name), "spec.sink", r.sink);
  check_cycles(c, set.eventing, known.eventing);
}

}  // namespace knsim::manifests
