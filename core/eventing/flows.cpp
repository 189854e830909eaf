#include "core/eventing/flows.hpp"

namespace knsim::core::eventing {
namespace {

FlowTarget to_channel(const std::string& c) { return FlowTarget{c, std::nullopt}; }
FlowTarget to_destination(const Destination& d) { return FlowTarget{std::nullopt, d}; }

}  // namespace

FlowPlan plan_sequence(const std::string& name, const std::vector<SequenceStep>& steps,
                       const std::optional<Destination>& reply) {
  FlowPlan p;
  for (std::size_t i = 0; i < steps.size(); ++i) p.channels.push_back(name + "-kn-sequence-" + std::to_string(i));
  for (std::size_t i = 0; i < steps.size(); ++i) {
    FlowSubscription s;
    s.name = p.channels[i];
    s.channel = p.channels[i];
    s.subscriber = to_destination(steps[i].destination);
    if (i + 1 < steps.size()) s.reply = to_channel(p.channels[i + 1]);
    else if (reply) s.reply = to_destination(*reply);
    s.delivery = steps[i].delivery;
    p.subscriptions.push_back(std::move(s));
  }
  if (!p.channels.empty()) p.address_channel = p.channels.front();
  return p;
}

FlowPlan plan_parallel(const std::string& name, const std::vector<ParallelBranch>& branches,
                       const std::optional<Destination>& reply) {
  FlowPlan p;
  std::string ingress = name + "-kn-parallel";
  p.channels.push_back(ingress);
  p.address_channel = ingress;
  for (std::size_t i = 0; i < branches.size(); ++i) p.channels.push_back(ingress + "-" + std::to_string(i));
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const ParallelBranch& b = branches[i];
    const std::string& branch_channel = p.channels[i + 1];
    FlowSubscription filter;
    filter.name = ingress + "-filter-" + std::to_string(i);
    filter.channel = ingress;
    if (b.filter) {
      filter.subscriber = to_destination(*b.filter);
      filter.reply = to_channel(branch_channel);
    } else {
      filter.subscriber = to_channel(branch_channel);
    }
    p.subscriptions.push_back(std::move(filter));
    FlowSubscription sub;
    sub.name = branch_channel;
    sub.channel = branch_channel;
    sub.subscriber = to_destination(b.subscriber);
    if (b.reply) sub.reply = to_destination(*b.reply);
    else if (reply) sub.reply = to_destination(*reply);
    sub.delivery = b.delivery;
    p.subscriptions.push_back(std::move(sub));
  }
  return p;
}

}  // namespace knsim::core::eventing
