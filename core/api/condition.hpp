#pragma once
// Knative condition (knative.dev/pkg/apis Condition): status True/False/Unknown, a reason, a
// message, and the instant of the last status change. Conditions drive time-based decisions
// (PA ActiveFor/InactiveFor, SKS ProxyFor), so the transition time matters.
#include <string>
#include <string_view>

#include "core/time/time.hpp"

namespace knsim::core::api {

enum class ConditionStatus { kUnknown, kTrue, kFalse };

struct Condition {
  ConditionStatus status = ConditionStatus::kUnknown;
  std::string reason;
  std::string message;
  Seconds last_transition_time = 0;  // instant of the last change of `status`

  bool is_true() const { return status == ConditionStatus::kTrue; }
  bool is_false() const { return status == ConditionStatus::kFalse; }
  bool is_unknown() const { return status == ConditionStatus::kUnknown; }
  // How long the condition has had its current status (now - last_transition_time).
  Seconds in_state_for(Seconds now) const { return now - last_transition_time; }

  // Sets status/reason/message; the transition time changes only when one of them changes
  // (knative.dev/pkg apis/condition_set.go SetCondition keeps the old time for an identical condition).
  // Views, not strings: reconcilers set the same condition every tick, and a copy of a long message
  // per call was an allocation per revision per tick.
  void set(ConditionStatus new_status, std::string_view new_reason, std::string_view new_message, Seconds now) {
    if (new_status == status && new_reason == reason && new_message == message) return;
    last_transition_time = now;
    status = new_status;
    reason.assign(new_reason);
    message.assign(new_message);
  }
};

const char* to_string(ConditionStatus s);

}  // namespace knsim::core::api
