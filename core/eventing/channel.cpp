#include "core/eventing/channel.hpp"

namespace knsim::core::eventing {

int channel_receive_status(const std::string& method, bool channel_exists, bool event_valid) {
  if (method != "POST" && method != "OPTIONS") return 405;
  if (method == "OPTIONS") return 200;
  if (!channel_exists) return 404;
  if (!event_valid) return 400;
  return 0;
}

int channel_fanout_status(FanoutMode mode, bool receiver_error, const std::vector<SubscriptionResult>& results) {
  if (receiver_error) return 500;
  if (mode == FanoutMode::kAsync) return 202;
  for (const SubscriptionResult& r : results) {
    if (!r) return 500;   // "fanout timed out"
    if (!*r) return 500;  // a subscription failed
  }
  return 202;
}

std::optional<CloudEvent> subscriber_reply(const HttpResponse& r) {
  if (r.transport_error || r.status < 200 || r.status >= 300 || r.body_empty) return std::nullopt;
  if (detect_encoding(r.headers) == Encoding::kUnknown || !r.event) return std::nullopt;
  if (!validate_event(*r.event).empty()) return std::nullopt;
  return r.event;
}

StageTransition after_stage(DeliveryStage stage, bool ok, bool has_reply_event, bool has_reply_destination,
                            bool has_dls) {
  StageTransition t;
  switch (stage) {
    case DeliveryStage::kSubscriber:
      if (ok) {
        if (has_reply_event && has_reply_destination) return {DeliveryStage::kReply, false, "forwarding reply"};
        return {DeliveryStage::kDone, true, has_reply_event ? "delivered; reply dropped (no reply destination)" : "delivered"};
      }
      if (has_dls) return {DeliveryStage::kDeadLetter, false, "subscriber failed; to dead-letter sink"};
      return {DeliveryStage::kDone, false, "subscriber failed; no dead-letter sink"};
    case DeliveryStage::kReply:
      if (ok) return {DeliveryStage::kDone, true, "delivered and reply forwarded"};
      if (has_dls) return {DeliveryStage::kDeadLetter, false, "reply failed; original event to dead-letter sink"};
      return {DeliveryStage::kDone, false, "reply failed; no dead-letter sink"};
    case DeliveryStage::kDeadLetter:
      return {DeliveryStage::kDone, ok, ok ? "dead-lettered" : "dead-letter sink failed"};
    case DeliveryStage::kDone:
      break;
  }
  return t;
}

}  // namespace knsim::core::eventing
