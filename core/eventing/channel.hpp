#pragma once
// InMemoryChannel + Subscription semantics (knative/eventing pkg/channel/event_receiver.go,
// pkg/channel/fanout/fanout_event_handler.go, pkg/kncloudevents/event_dispatcher.go; spec §2.3, §5).
//
// Per event and per subscription, in parallel: subscriber (with the subscription's retries) ->
// on success with a reply event and a reply destination: reply (same retries) -> on a failure of
// either: the dead-letter sink with the ORIGINAL event (same retries). A subscription succeeds when
// its chain ends in a success (a DLS that accepts counts as success).
// Sync mode (the default): the channel answers 202 only after every subscription finished, 500 if
// any failed or exceeded the 15 min fan-out guard. Async mode (annotation
// messaging.knative.dev/async-handler: "true"): 202 at once.
#include <optional>
#include <string>
#include <vector>

#include "core/eventing/cloud_event.hpp"
#include "core/eventing/http_message.hpp"
#include "core/time/time.hpp"

namespace knsim::core::eventing {

inline constexpr Seconds kFanoutTimeout = 15 * 60;  // fanout_event_handler.go defaultTimeout

enum class FanoutMode { kSync, kAsync };

// What the channel's receiver answers before fan-out: 405 for a method other than POST/OPTIONS,
// 404 for an unknown channel, 400 for a malformed/invalid event, 0 to proceed.
int channel_receive_status(const std::string& method, bool channel_exists, bool event_valid);

// One subscription's result: nullopt when it has not finished within the fan-out guard.
using SubscriptionResult = std::optional<bool>;

// The channel's answer: receiver error -> 500 in both modes; async -> 202; sync -> 202 iff every
// subscription succeeded in time, else 500. Zero subscriptions -> 202.
int channel_fanout_status(FanoutMode mode, bool receiver_error, const std::vector<SubscriptionResult>& results);

// The reply a channel subscriber's response carries (event_dispatcher.go executeRequest): a 2xx
// whose body decodes as a valid CloudEvent (binary or structured; a 202 too, although the data-plane
// spec says otherwise); any other 2xx body is dropped without error (no 502: that rule exists only
// in the broker filter). nullopt for non-2xx and transport errors.
std::optional<CloudEvent> subscriber_reply(const HttpResponse& response);

enum class DeliveryStage { kSubscriber, kReply, kDeadLetter, kDone };

struct StageTransition {
  DeliveryStage next = DeliveryStage::kDone;
  bool succeeded = false;  // meaningful when next == kDone
  std::string reason;
};

// After a stage finished (its retries included) with `stage_ok`, what the subscription does next.
// Example: subscriber ok + reply event + reply destination -> kReply; reply fails + DLS -> kDeadLetter
// (original event, knativeerrordest = reply URL); DLS fails -> kDone, failed.
StageTransition after_stage(DeliveryStage stage, bool stage_ok, bool has_reply_event, bool has_reply_destination,
                            bool has_dead_letter_sink);

}  // namespace knsim::core::eventing
