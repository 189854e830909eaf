// Sequence and Parallel (flows.knative.dev/v1): read, validated, and expanded into the
// InMemoryChannels and Subscriptions Knative's flow reconcilers create (core/eventing/flows.hpp,
// knative/eventing pkg/reconciler/sequence and parallel).
#include <string>
#include <utility>
#include <vector>

#include "core/eventing/flows.hpp"
#include "manifests/eventing_reader.hpp"
#include "manifests/knative_reader.hpp"

namespace knsim::manifests {
namespace {

namespace ev = core::eventing;

ev::Destination to_destination(const ev::FlowTarget& t, const std::string& ns) {
  if (t.channel) {
    ev::Destination d;
    d.ref = ev::KReference{"messaging.knative.dev/v1", "InMemoryChannel", *t.channel, ns};
    return d;
  }
  return t.destination.value_or(ev::Destination{});
}

// Where subscription i of a flow's plan comes from in the flow document (see SubscriptionObject).
struct FlowPaths {
  std::string subscriber, reply, delivery;
};

// Sequence step i -> subscription i: subscriber spec.steps[i], reply the next step's channel or, for
// the last step, spec.reply.
std::vector<FlowPaths> sequence_paths(std::size_t steps, bool has_reply) {
  std::vector<FlowPaths> out;
  for (std::size_t i = 0; i < steps; ++i) {
    const std::string step = "spec.steps[" + std::to_string(i) + "]";
    out.push_back({step, i + 1 == steps && has_reply ? "spec.reply" : "", step + ".delivery"});
  }
  return out;
}

// Parallel branch i -> subscriptions 2i (filter: subscriber spec.branches[i].filter or the branch
// channel) and 2i+1 (subscriber spec.branches[i].subscriber, reply the branch's or spec.reply).
std::vector<FlowPaths> parallel_paths(const std::vector<ev::ParallelBranch>& branches, bool has_reply) {
  std::vector<FlowPaths> out;
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const std::string br = "spec.branches[" + std::to_string(i) + "]";
    out.push_back({branches[i].filter ? br + ".filter" : "", "", ""});
    const std::string reply = branches[i].reply ? br + ".reply" : has_reply ? "spec.reply" : "";
    out.push_back({br + ".subscriber", reply, br + ".delivery"});
  }
  return out;
}

void expand(const ev::FlowPlan& plan, const std::vector<FlowPaths>& paths, const Document& d, const std::string& name,
            const std::string& ns, EventingManifests& out) {
  const models::SourceRef where{d.ctx.file, d.line};
  for (const std::string& ch : plan.channels) out.channels.push_back({ch, ns, std::nullopt, where});
  for (std::size_t i = 0; i < plan.subscriptions.size(); ++i) {
    const ev::FlowSubscription& fs = plan.subscriptions[i];
    SubscriptionObject s;
    s.flow_kind = d.kind;
    s.flow_name = name;
    if (i < paths.size()) {
      s.subscriber_path = paths[i].subscriber;
      s.reply_path = paths[i].reply;
      s.delivery_path = paths[i].delivery;
    }
    s.name = fs.name;
    s.namespace_name = ns;
    s.channel = ev::KReference{"messaging.knative.dev/v1", "InMemoryChannel", fs.channel, ns};
    s.subscriber = to_destination(fs.subscriber, ns);
    if (fs.reply) s.reply = to_destination(*fs.reply, ns);
    s.delivery = fs.delivery;
    s.where = where;
    out.subscriptions.push_back(std::move(s));
  }
}

}  // namespace

void read_flow(const Document& d, const Field& root, EventingManifests& out, Diagnostics& diags) {
  MapReader top = root.map();
  top.allow({"apiVersion", "kind", "status"});
  core::api::ObjectMeta meta;
  read_object_meta(top.required("metadata"), meta);
  const std::string ns = meta.namespace_name.empty() ? "default" : meta.namespace_name;
  MapReader spec = top.required("spec").map();
  const std::optional<ev::Destination> reply = read_destination(spec.get("reply"), ns);
  spec.allow({"channelTemplate"});
  core::api::FieldErrors errs;
  ev::FlowPlan plan;
  std::vector<FlowPaths> paths;
  if (d.kind == "Sequence") {
    std::vector<ev::SequenceStep> steps;
    const Field sf = spec.required("steps");
    if (const auto items = sf.list()) {
      for (std::size_t i = 0; i < items->size(); ++i) {
        MapReader sm = (*items)[i].map();
        ev::SequenceStep st;
        ev::Destination dst;
        const Field ref = sm.get("ref");
        if (ref.present()) dst.ref = read_kref(ref, ns);
        if (const auto u = sm.get("uri").string()) dst.uri = *u;
        st.destination = dst;
        st.delivery = read_delivery(sm.get("delivery"), ns);
        sm.finish();
        core::api::also(errs, core::api::via_field_index(ev::validate_destination(dst), "spec.steps", i));
        if (st.delivery)
          core::api::also(errs, core::api::via_field_index(core::api::via_field(ev::validate_delivery_spec(*st.delivery, out.features), "delivery"), "spec.steps", i));
        steps.push_back(std::move(st));
      }
    }
    if (sf.present() && steps.empty()) errs.push_back(core::api::err_missing_field("spec.steps"));
    if (!steps.empty()) plan = ev::plan_sequence(meta.name, steps, reply);
    paths = sequence_paths(steps.size(), reply.has_value());
  } else {
    std::vector<ev::ParallelBranch> branches;
    const Field bf = spec.required("branches");
    if (const auto items = bf.list()) {
      for (std::size_t i = 0; i < items->size(); ++i) {
        MapReader bm = (*items)[i].map();
        ev::ParallelBranch b;
        b.filter = read_destination(bm.get("filter"), ns);
        if (auto s = read_destination(bm.required("subscriber"), ns)) b.subscriber = *s;
        b.reply = read_destination(bm.get("reply"), ns);
        b.delivery = read_delivery(bm.get("delivery"), ns);
        bm.finish();
        core::api::also(errs, core::api::via_field_index(ev::validate_destination(b.subscriber), "spec.branches", i));
        if (b.filter) core::api::also(errs, core::api::via_field_index(core::api::via_field(ev::validate_destination(*b.filter), "filter"), "spec.branches", i));
        if (b.reply) core::api::also(errs, core::api::via_field_index(core::api::via_field(ev::validate_destination(*b.reply), "reply"), "spec.branches", i));
        if (b.delivery)
          core::api::also(errs, core::api::via_field_index(core::api::via_field(ev::validate_delivery_spec(*b.delivery, out.features), "delivery"), "spec.branches", i));
        branches.push_back(std::move(b));
      }
    }
    if (bf.present() && branches.empty()) errs.push_back(core::api::err_missing_field("spec.branches"));
    if (!branches.empty()) plan = ev::plan_parallel(meta.name, branches, reply);
    paths = parallel_paths(branches, reply.has_value());
  }
  spec.finish();
  top.finish();
  if (reply) core::api::also(errs, core::api::via_field(ev::validate_destination(*reply), "spec.reply"));
  report_eventing_errors(errs, d, diags);
  if (plan.address_channel.empty()) return;
  expand(plan, paths, d, meta.name, ns, out);
  out.flow_address[d.kind + "/" + ns + "/" + meta.name] = plan.address_channel;
}

}  // namespace knsim::manifests
