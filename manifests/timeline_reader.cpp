#include "manifests/timeline_reader.hpp"

#include <algorithm>
#include <numeric>

#include "manifests/distribution_reader.hpp"

namespace knsim::manifests {
namespace {

using models::TimelineAction;

const std::vector<std::string> kActions = {"apply", "delete", "failNode", "recoverNode", "setArrivals", "failActivator"};

// apply: a file name (resolved against the scenario file) or an inline manifest / List.
void read_apply(const Field& f, TimelineAction& a, std::vector<Document>& docs) {
  a.kind = TimelineAction::Kind::kApply;
  const DocContext& ctx = f.context();
  if (f.is_scalar()) {
    const auto name = f.string();
    const std::filesystem::path p = resolve_reference(ctx, *name);
    std::string text;
    if (!read_text_file(p, ctx.file, text, *ctx.diags, f.line(), f.path())) return;
    a.apply_yaml = text;
    a.apply_source = p.string();
    docs = parse_documents(text, p.string(), p, *ctx.diags);
    if (docs.empty()) f.warning("the file holds no manifests: the action does nothing");
    return;
  }
  if (!f.is_map()) {
    f.error("must be a file name or a manifest mapping, got " + describe_node(f.node()));
    return;
  }
  if (count_nodes(f.node(), kMaxInlineApplyNodes) >= kMaxInlineApplyNodes) {
    f.error("inline manifest too large (over 100000 YAML nodes)");
    return;
  }
  a.apply_yaml = YAML::Dump(f.node());
  a.apply_source = "<inline>";
  docs = documents_from_node(f.node(), ctx, f.line(), f.path());
}

void read_delete(const Field& f, TimelineAction& a) {
  a.kind = TimelineAction::Kind::kDelete;
  MapReader m = f.map();
  if (!m.valid() && f.is_null()) f.error("missing required field");
  if (const auto k = m.required("kind").string()) a.delete_kind = *k;
  if (const auto n = m.required("name").string()) a.delete_name = *n;
  if (const auto ns = m.get("namespace").string()) a.delete_namespace = *ns;
  m.allow({"apiVersion"});
  m.finish();
}

void read_node_action(const Field& f, TimelineAction& a, const std::vector<std::string>& nodes) {
  a.kind = f.path().ends_with("failNode") ? TimelineAction::Kind::kFailNode : TimelineAction::Kind::kRecoverNode;
  const auto node = f.string();
  if (!node) {
    if (f.is_null()) f.error("missing required field");
    return;
  }
  a.node = *node;
  if (std::find(nodes.begin(), nodes.end(), *node) == nodes.end()) {
    std::string msg = "no node \"" + *node + "\" in spec.cluster.nodePools";
    const std::string hint = suggest_name(*node, nodes);
    if (!hint.empty()) msg += " (did you mean \"" + hint + "\"?)";
    else if (!nodes.empty()) msg += " (nodes are " + nodes.front() + " ... " + nodes.back() + ")";
    f.error(msg);
  }
}

// failActivator: activator-<i> with i < cluster.activators (the activator pods' names).
void read_fail_activator(const Field& f, TimelineAction& a, int activators) {
  a.kind = TimelineAction::Kind::kFailActivator;
  const auto name = f.string();
  if (!name) {
    if (f.is_null()) f.error("missing required field");
    return;
  }
  a.node = *name;
  for (int i = 0; i < activators; ++i)
    if (*name == "activator-" + std::to_string(i)) return;
  f.error("no activator pod \"" + *name + "\" (spec.cluster.activators: activator-0 ... activator-" +
          std::to_string(std::max(1, activators) - 1) + ")");
}

void read_set_arrivals(const Field& f, TimelineAction& a, const models::ScenarioSpec& s) {
  a.kind = TimelineAction::Kind::kSetArrivals;
  MapReader m = f.map();
  if (!m.valid() && f.is_null()) f.error("missing required field");
  const Field wf = m.required("workload");
  if (const auto w = wf.string()) {
    a.workload = *w;
    std::vector<std::string> names;
    for (const auto& wl : s.workloads) names.push_back(wl.name);
    if (std::find(names.begin(), names.end(), *w) == names.end()) {
      std::string msg = "no workload \"" + *w + "\" in spec.workloads";
      const std::string hint = suggest_name(*w, names);
      if (!hint.empty()) msg += " (did you mean \"" + hint + "\"?)";
      wf.error(msg);
    }
  }
  if (auto arr = read_arrivals(m.required("arrivals"))) a.arrivals = *arr;
  m.finish();
}

void read_action(const Field& item, ScenarioDocument& out, TimelineAction& a, std::vector<Document>& docs) {
  MapReader m = item.map();
  a.where = {item.context().file, item.line()};
  const Field atf = m.required("at");
  if (const auto at = atf.duration()) {
    if (*at < 0) atf.error("must not be negative");
    else if (out.spec.duration > 0 && *at > out.spec.duration) {
      atf.warning("after the end of the run (" + core::format_duration(out.spec.duration) + "): never happens");
    }
    a.at = std::max(0.0, *at);
  }
  std::vector<std::string> present;
  for (const std::string& k : kActions) {
    if (m.has(k)) present.push_back(k);
  }
  if (present.size() != 1) {
    std::string got;
    for (const auto& k : present) got += (got.empty() ? "" : ", ") + k;
    m.error("want exactly one action of apply, delete, failNode, recoverNode, setArrivals, failActivator, got " +
            (got.empty() ? std::string("none") : got));
  }
  for (const std::string& k : present) {
    const Field f = m.get(k);
    if (k == "apply") read_apply(f, a, docs);
    else if (k == "delete") read_delete(f, a);
    else if (k == "setArrivals") read_set_arrivals(f, a, out.spec);
    else if (k == "failActivator") read_fail_activator(f, a, out.spec.cluster.activators);
    else read_node_action(f, a, node_names(out.spec.cluster));
  }
  m.finish();
}

}  // namespace

void read_timeline(const Field& field, ScenarioDocument& out) {
  const auto items = field.list();
  if (!items) return;
  std::vector<TimelineAction> actions(items->size());
  std::vector<std::vector<Document>> docs(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) read_action((*items)[i], out, actions[i], docs[i]);
  std::vector<std::size_t> order(actions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return actions[x].at < actions[y].at; });
  for (std::size_t i : order) {
    out.spec.timeline.push_back(std::move(actions[i]));
    out.timeline_documents.push_back(std::move(docs[i]));
  }
}

}  // namespace knsim::manifests
