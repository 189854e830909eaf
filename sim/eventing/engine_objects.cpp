// The eventing objects of a run over time: the initial manifests and the scenario timeline's
// applies and deletes. Objects are kept in EventingManifests' vectors (indexes never move, so
// counters, runtimes and timers can refer to them by index); a delete only marks an object gone.
#include <algorithm>
#include <cctype>
#include <string>

#include "sim/eventing/engine_impl.hpp"

namespace knsim::sim::eventing {

namespace {

// Index of the object named ns/name in `list`, -1 when absent.
template <class T>
int index_of(const std::vector<T>& list, const std::string& ns, const std::string& name) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].name == name && list[i].namespace_name == ns) return static_cast<int>(i);
  return -1;
}

int rate_index_of(const std::vector<core::eventing::RateSourceObject>& list, const std::string& kind, const std::string& ns,
                  const std::string& name) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].kind == kind && list[i].name == name && list[i].namespace_name == ns) return static_cast<int>(i);
  return -1;
}

// Adds `obj` to `list` (and a 0 to `gone`) or replaces the object of the same name (un-deleting
// it); returns its index and whether it is new.
template <class T>
std::pair<std::size_t, bool> upsert(std::vector<T>& list, std::vector<char>& gone, const T& obj, int existing) {
  if (existing >= 0) {
    const auto i = static_cast<std::size_t>(existing);
    list[i] = obj;
    gone[i] = 0;
    return {i, false};
  }
  list.push_back(obj);
  gone.push_back(0);
  return {list.size() - 1, true};
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void EventingEngine::Impl::add_trigger(const core::eventing::TriggerObject& t) {
  const int existing = index_of(objects.triggers, t.namespace_name, t.name);
  const auto [i, fresh] = upsert(objects.triggers, triggers_gone, t, existing);
  ev::TriggerRuntime rt;
  rt.namespace_name = t.namespace_name;
  rt.name = t.name;
  rt.uid = "uid-" + t.name;
  rt.subscriber_uri = "http://" + t.name + ".subscriber";
  rt.filter = ev::compile_trigger_filter(t.spec.filter, t.spec.filters);
  if (fresh) {
    runtimes.push_back(std::move(rt));
    self.triggers_.emplace_back().name = t.namespace_name + "/" + t.name;
  } else {
    runtimes[i] = std::move(rt);
  }
}

void EventingEngine::Impl::add_source_counters(std::vector<std::size_t>& index, const std::string& name) {
  index.push_back(self.sources_.size());
  self.sources_.emplace_back().name = name;
}

void EventingEngine::Impl::add_objects(const core::eventing::EventingManifests& more) {
  for (const auto& b : more.brokers) upsert(objects.brokers, brokers_gone, b, index_of(objects.brokers, b.namespace_name, b.name));
  for (const auto& t : more.triggers) add_trigger(t);
  for (const auto& c : more.channels)
    upsert(objects.channels, channels_gone, c, index_of(objects.channels, c.namespace_name, c.name));
  for (const auto& s : more.subscriptions) {
    const auto [i, fresh] = upsert(objects.subscriptions, subscriptions_gone, s, index_of(objects.subscriptions, s.namespace_name, s.name));
    if (fresh) self.subscriptions_.emplace_back().name = s.namespace_name + "/" + s.name;
  }
  for (const auto& [key, channel] : more.flow_address) objects.flow_address[key] = channel;
  for (const auto& p : more.ping_sources) {
    const auto [k, fresh] = upsert(objects.ping_sources, pings_gone, p, index_of(objects.ping_sources, p.namespace_name, p.name));
    if (fresh) {
      add_source_counters(ping_si, "pingsource/" + p.namespace_name + "/" + p.name);
      ping_rngs.push_back(core::Rng::derive(seed, "eventing/pingsource/" + p.namespace_name + "/" + p.name));
      ping_gen.push_back(0);
    } else {
      ++ping_gen[k];  // the old schedule stops
    }
    if (started) start_ping(k);
  }
  for (const auto& r : more.rate_sources) {
    const auto [k, fresh] = upsert(objects.rate_sources, rates_gone, r, rate_index_of(objects.rate_sources, r.kind, r.namespace_name, r.name));
    if (fresh) {
      add_source_counters(rate_si, lower(r.kind) + "/" + r.namespace_name + "/" + r.name);
      rate_rngs.push_back(core::Rng::derive(seed, "eventing/" + r.kind + "/" + r.namespace_name + "/" + r.name));
      rate_gen.push_back(0);
      rate_t0.push_back(0);
    } else {
      ++rate_gen[k];
    }
    if (started) start_rate(k);
  }
  for (const auto& a : more.apiserver_sources) {
    const auto [k, fresh] =
        upsert(objects.apiserver_sources, apiservers_gone, a, index_of(objects.apiserver_sources, a.namespace_name, a.name));
    if (!fresh) continue;
    add_source_counters(apiserver_si, "apiserversource/" + a.namespace_name + "/" + a.name);
    apiserver_rngs.push_back(core::Rng::derive(seed, "eventing/apiserversource/" + a.namespace_name + "/" + a.name));
    if (started) list_to(k);  // at t = 0 run_driver lists once the cluster's objects exist
  }
}

bool EventingEngine::Impl::remove_object(const std::string& kind, const std::string& ns, const std::string& name) {
  auto mark = [](std::vector<char>& gone, int i) {
    if (i < 0) return false;
    gone[static_cast<std::size_t>(i)] = 1;
    return true;
  };
  if (kind == "Broker") return mark(brokers_gone, index_of(objects.brokers, ns, name));
  if (kind == "Trigger") return mark(triggers_gone, index_of(objects.triggers, ns, name));
  if (kind == "InMemoryChannel") return mark(channels_gone, index_of(objects.channels, ns, name));
  if (kind == "Subscription") return mark(subscriptions_gone, index_of(objects.subscriptions, ns, name));
  if (kind == "ApiServerSource") return mark(apiservers_gone, index_of(objects.apiserver_sources, ns, name));
  if (kind == "PingSource") {
    const int k = index_of(objects.ping_sources, ns, name);
    if (k >= 0) ++ping_gen[static_cast<std::size_t>(k)];
    return mark(pings_gone, k);
  }
  if (kind == "ContainerSource" || kind == "SinkBinding") {
    const int k = rate_index_of(objects.rate_sources, kind, ns, name);
    if (k >= 0) ++rate_gen[static_cast<std::size_t>(k)];
    return mark(rates_gone, k);
  }
  if (kind == "Sequence" || kind == "Parallel") {
    // Its channels <name>-kn-sequence-<i> / <name>-kn-parallel[-<i>] and their subscriptions
    // (core/eventing/flows.hpp names) go with it; producers sending to it then get 404.
    if (objects.flow_address.erase(kind + "/" + ns + "/" + name) == 0) return false;
    const std::string prefix = name + (kind == "Sequence" ? "-kn-sequence" : "-kn-parallel");
    auto owned = [&prefix](const std::string& n) { return n.rfind(prefix, 0) == 0; };
    for (std::size_t i = 0; i < objects.channels.size(); ++i)
      if (objects.channels[i].namespace_name == ns && owned(objects.channels[i].name)) channels_gone[i] = 1;
    for (std::size_t i = 0; i < objects.subscriptions.size(); ++i)
      if (objects.subscriptions[i].namespace_name == ns && owned(objects.subscriptions[i].name)) subscriptions_gone[i] = 1;
    return true;
  }
  return false;
}

}  // namespace knsim::sim::eventing
