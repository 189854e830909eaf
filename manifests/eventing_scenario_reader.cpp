#include "manifests/eventing_scenario_reader.hpp"

#include <cmath>
#include <set>

#include "manifests/distribution_reader.hpp"

namespace knsim::manifests {
namespace {

// CloudEvents v1.0 context attributes (and `data`), and the extensions Knative's broker sets itself
// (knativebrokerttl, knativearrivaltime, knativeerrorcode/-data/-dest): a producer may not set them
// as extensions.
bool is_reserved_attribute(const std::string& k) {
  static const std::set<std::string> kReserved = {"id",          "source", "specversion", "type",
                                                  "datacontenttype", "dataschema", "subject", "time",
                                                  "data",        "knativebrokerttl", "knativearrivaltime"};
  return kReserved.count(k) != 0 || k.rfind("knativeerror", 0) == 0;
}

void read_producer(const Field& item, models::EventProducerSpec& p) {
  MapReader m = item.map();
  p.where = {item.context().file, item.line()};
  if (const auto s = m.required("name").string()) p.name = *s;
  if (const auto s = m.get("namespace").string()) p.namespace_name = *s;
  const Field bf = m.get("broker"), cf = m.get("channel");
  if (const auto s = bf.string()) p.broker = *s;
  if (const auto s = cf.string()) p.channel = *s;
  if (p.broker.empty() == p.channel.empty()) item.error("set exactly one of broker or channel");
  if (const auto s = m.required("type").string()) p.type = *s;
  if (const auto s = m.get("source").string()) p.source = *s;
  MapReader ext = m.get("extensions").map();
  for (const std::string& k : ext.keys()) {
    const Field v = ext.get(k);
    bool ok = !k.empty();
    for (char c : k) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    if (!ok) v.error("CloudEvents extension names are lower-case letters and digits");
    else if (is_reserved_attribute(k))
      v.error("\"" + k + "\" is a CloudEvents context attribute or reserved by Knative, not an extension");
    if (const auto s = v.string()) p.extensions[k] = *s;
  }
  const Field sizef = m.get("size");
  if (const auto b = sizef.bytes()) p.size_bytes = *b;
  if (auto a = read_arrivals(m.required("arrivals"))) p.arrivals = *a;
  m.finish();
}

void read_status(const Field& f, models::SubscriberBehaviourSpec& s) {
  MapReader m = f.map();
  double total = 0;
  for (const std::string& k : m.keys()) {
    const Field v = m.get(k);
    int code = 0;
    try {
      code = std::stoi(k);
    } catch (...) {
      code = 0;
    }
    if (code < 100 || code > 599 || std::to_string(code) != k) {
      v.error("status codes are 100..599 (\"" + k + "\")");
      continue;
    }
    const auto p = v.number();
    if (!p) continue;
    if (*p < 0 || *p > 1) {
      v.error("a probability is between 0 and 1");
      continue;
    }
    total += *p;
    s.status.emplace_back(code, *p);
  }
  if (!s.status.empty() && std::fabs(total - 1.0) > 1e-9)
    f.error("status probabilities sum to " + std::to_string(total) + ", want 1");
}

void read_subscriber(const Field& item, models::SubscriberBehaviourSpec& s) {
  MapReader m = item.map();
  s.where = {item.context().file, item.line()};
  if (const auto v = m.get("uri").string()) s.uri = *v;
  if (const auto v = m.get("service").string()) s.service = *v;
  if (s.uri.empty() == s.service.empty()) item.error("set exactly one of uri or service");
  if (const auto v = m.get("namespace").string()) s.namespace_name = *v;
  read_status(m.get("status"), s);
  if (auto d = read_distribution(m.get("latency"))) s.latency = *d;
  if (auto d = read_distribution(m.get("cpu"))) s.cpu = *d;
  if (auto d = read_distribution(m.get("wait"))) s.wait = *d;
  // retryAfter: the Retry-After header of the 429 and 503 answers, in delay-seconds (RFC 9110
  // §10.2.3: a whole number; Knative's parseRetryAfterDuration uses strconv.Atoi).
  const Field raf = m.get("retryAfter");
  if (const auto ra = raf.duration()) {
    if (*ra < 0 || *ra > 1e9 || std::floor(*ra) != *ra)
      raf.error("Retry-After is a whole number of seconds between 0s and 1000000000s");
    else s.retry_after = *ra;
  }
  const Field rf = m.get("reply");
  if (rf.present()) {
    MapReader r = rf.map();
    const Field pf = r.get("probability");
    if (const auto p = pf.number()) {
      if (*p < 0 || *p > 1) pf.error("a probability is between 0 and 1");
      else s.reply_probability = *p;
    } else if (!pf.present()) {
      s.reply_probability = 1;
    }
    if (const auto t = r.required("type").string()) s.reply_type = *t;
    r.finish();
  }
  m.finish();
}

}  // namespace

void check_producer_references(const models::EventingScenarioSpec& spec, const std::vector<const ManifestSet*>& sets,
                               const PathIndex& index, Diagnostics& diags) {
  for (std::size_t i = 0; i < spec.producers.size(); ++i) {
    const models::EventProducerSpec& p = spec.producers[i];
    if (p.broker.empty() == p.channel.empty()) continue;  // already reported
    const bool broker = !p.broker.empty();
    const std::string& name = broker ? p.broker : p.channel;
    bool found = false;
    std::vector<std::string> names;
    for (const ManifestSet* set : sets) {
      auto scan = [&](const auto& objects) {
        for (const auto& o : objects) {
          if (o.namespace_name != p.namespace_name) continue;
          names.push_back(o.name);
          found = found || o.name == name;
        }
      };
      if (broker) scan(set->eventing.brokers);
      else scan(set->eventing.channels);
    }
    if (found) continue;
    const std::string path = "spec.eventing.producers[" + std::to_string(i) + "]." + (broker ? "broker" : "channel");
    std::string msg = std::string(broker ? "Broker " : "InMemoryChannel ") + p.namespace_name + "/" + name +
                      " not found in the scenario";
    const std::string hint = suggest_name(name, names);
    if (!hint.empty()) msg += " (did you mean \"" + hint + "\"?)";
    diags.error(p.where.file, index.line_of(path), path, msg);
  }
}

namespace {

// Every destination the eventing objects of `sets` deliver to.
std::vector<core::eventing::Destination> all_destinations(const std::vector<const ManifestSet*>& sets) {
  std::vector<core::eventing::Destination> out;
  auto add = [&out](const std::optional<core::eventing::Destination>& d) {
    if (d) out.push_back(*d);
  };
  auto add_dls = [&add](const std::optional<core::eventing::DeliverySpec>& d) {
    if (d) add(d->dead_letter_sink);
  };
  for (const ManifestSet* set : sets) {
    const EventingManifests& ev = set->eventing;
    for (const auto& b : ev.brokers) add_dls(b.spec.delivery);
    for (const auto& t : ev.triggers) {
      add(t.spec.subscriber);
      add_dls(t.spec.delivery);
    }
    for (const auto& c : ev.channels) add_dls(c.delivery);
    for (const auto& s : ev.subscriptions) {
      add(s.subscriber);
      add(s.reply);
      add_dls(s.delivery);
    }
    for (const auto& p : ev.ping_sources) add(p.spec.sink);
    for (const auto& r : ev.rate_sources) add(r.sink);
    for (const auto& a : ev.apiserver_sources) add(a.sink);
  }
  return out;
}

bool matches(const models::SubscriberBehaviourSpec& b, const core::eventing::Destination& d) {
  if (!b.uri.empty()) return d.uri && *d.uri == b.uri;
  return d.ref && d.ref->kind == "Service" && d.ref->api_version.rfind("serving.knative.dev/", 0) == 0 &&
         d.ref->name == b.service && d.ref->namespace_name == b.namespace_name;
}

}  // namespace

void check_subscriber_references(const models::EventingScenarioSpec& spec, const std::vector<const ManifestSet*>& sets,
                                 const PathIndex& index, Diagnostics& diags) {
  const std::vector<core::eventing::Destination> dsts = all_destinations(sets);
  for (std::size_t i = 0; i < spec.subscribers.size(); ++i) {
    const models::SubscriberBehaviourSpec& b = spec.subscribers[i];
    if (b.uri.empty() == b.service.empty()) continue;  // already reported
    bool used = false;
    std::vector<std::string> names;
    for (const auto& d : dsts) {
      used = used || matches(b, d);
      if (!b.uri.empty() && d.uri) names.push_back(*d.uri);
      if (b.uri.empty() && d.ref && d.ref->kind == "Service") names.push_back(d.ref->name);
    }
    if (used) continue;
    const bool uri = !b.uri.empty();
    const std::string path = "spec.eventing.subscribers[" + std::to_string(i) + "]." + (uri ? "uri" : "service");
    std::string msg = "no Trigger, Subscription, dead-letter sink, source sink or Sequence/Parallel step delivers to " +
                      (uri ? "uri " + b.uri : "Service " + b.namespace_name + "/" + b.service);
    const std::string hint = suggest_name(uri ? b.uri : b.service, names);
    if (!hint.empty()) msg += " (did you mean \"" + hint + "\"?)";
    diags.error(b.where.file, index.line_of(path), path, msg);
  }
}

void read_eventing_section(const Field& field, models::EventingScenarioSpec& out) {
  if (!field.present()) return;
  MapReader m = field.map();
  if (const auto items = m.get("producers").list()) {
    std::set<std::string> names;
    for (const Field& item : *items) {
      models::EventProducerSpec p;
      read_producer(item, p);
      if (!p.name.empty() && !names.insert(p.name).second) item.error("duplicate producer name \"" + p.name + "\"");
      out.producers.push_back(std::move(p));
    }
  }
  if (const auto items = m.get("subscribers").list()) {
    std::set<std::string> keys;
    for (const Field& item : *items) {
      models::SubscriberBehaviourSpec s;
      read_subscriber(item, s);
      const std::string key = s.uri.empty() ? "service " + s.namespace_name + "/" + s.service : "uri " + s.uri;
      if (!keys.insert(key).second) item.error("duplicate subscriber (" + key + ")");
      out.subscribers.push_back(std::move(s));
    }
  }
  m.finish();
}

}  // namespace knsim::manifests
