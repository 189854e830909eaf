// Sequence and Parallel (flows.knative.dev/v1): read, validated, and expanded into the
// InMemoryChannels and Subscriptions Knative's flow reconcilers create (core/eventing/flows.hpp,
// knative/eventing pkg/reconciler/sequence and parallel).
#include <utility>

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

void expand(const ev::FlowPlan& plan, const std::string& ns, const models::SourceRef& where, EventingManifests& out) {
  for (const std::string& ch : plan.channels) out.channels.push_back({ch, ns, std::nullopt, where});
  for (const ev::FlowSubscription& fs : plan.subscriptions) {
    SubscriptionObject s;
    s.name = fs.name;
    s.namespace_ = ns;
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
  ev::FieldErrors errs;
  ev::FlowPlan plan;
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
        ev::also(errs, ev::via_field_index(ev::validate_destination(dst), "spec.steps", i));
        steps.push_back(std::move(st));
      }
    }
    if (sf.present() && steps.empty()) errs.push_back(ev::err_missing_field("spec.steps"));
    if (!steps.empty()) plan = ev::plan_sequence(meta.name, steps, reply);
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
        ev::also(errs, ev::via_field_index(ev::validate_destination(b.subscriber), "spec.branches", i));
        branches.push_back(std::move(b));
      }
    }
    if (bf.present() && branches.empty()) errs.push_back(ev::err_missing_field("spec.branches"));
    if (!branches.empty()) plan = ev::plan_parallel(meta.name, branches, reply);
  }
  spec.finish();
  top.finish();
  report_eventing_errors(errs, d, diags);
  if (plan.address_channel.empty()) return;
  expand(plan, ns, {d.ctx.file, d.line}, out);
  out.flow_address[d.kind + "/" + ns + "/" + meta.name] = plan.address_channel;
}

}  // namespace knsim::manifests
