#pragma once
// Sequence and Parallel as routing graphs of channels and subscriptions (knative/eventing
// pkg/reconciler/sequence/resources, pkg/reconciler/parallel/resources; spec §7).
//  Sequence "s" with N steps: channels s-kn-sequence-0..N-1; subscription i: channel i -> step i
//  (delivery = step's), reply -> channel i+1, last step's reply -> spec.reply or dropped. The
//  Sequence's address is channel 0. Step i+1 receives step i's REPLY; an empty reply stops the chain.
//  Parallel "p": ingress channel p-kn-parallel; per branch i a channel p-kn-parallel-i, a filter
//  subscription p-kn-parallel-filter-i on the ingress channel (subscriber = filter with reply =
//  branch channel, or directly the branch channel when no filter; no delivery spec) and a
//  subscription p-kn-parallel-i on the branch channel (subscriber, branch delivery, reply = branch
//  reply, else spec.reply, else none). Branch results are not aggregated.
#include <optional>
#include <string>
#include <vector>

#include "core/eventing/delivery.hpp"

namespace knsim::core::eventing {

// Where a subscription sends: a channel of the flow, or an external destination.
struct FlowTarget {
  std::optional<std::string> channel;
  std::optional<Destination> destination;
};

struct FlowSubscription {
  std::string name;
  std::string channel;               // the channel it subscribes to
  FlowTarget subscriber;
  std::optional<FlowTarget> reply;   // nullopt: replies are dropped
  std::optional<DeliverySpec> delivery;
};

struct FlowPlan {
  std::vector<std::string> channels;  // in creation order
  std::vector<FlowSubscription> subscriptions;
  std::string address_channel;        // where producers send
};

struct SequenceStep {
  Destination destination;
  std::optional<DeliverySpec> delivery;
};
FlowPlan plan_sequence(const std::string& name, const std::vector<SequenceStep>& steps,
                       const std::optional<Destination>& reply);

struct ParallelBranch {
  std::optional<Destination> filter;
  Destination subscriber;
  std::optional<Destination> reply;
  std::optional<DeliverySpec> delivery;
};
FlowPlan plan_parallel(const std::string& name, const std::vector<ParallelBranch>& branches,
                       const std::optional<Destination>& reply);

}  // namespace knsim::core::eventing
