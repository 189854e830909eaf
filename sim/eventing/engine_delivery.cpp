// The delivery machinery of the eventing engine: calls to destinations, broker ingress and channel
// fan-out, and one delivery chain per trigger/subscription and event (subscriber with retries,
// reply forwarding with the same retries, dead-letter sink). Ported behaviour: Knative's
// pkg/kncloudevents/event_dispatcher.go (send: subscriber, then reply, then DLS with the original
// event), pkg/channel/fanout/fanout_event_handler.go (sync fan-out) and pkg/broker/filter and
// ingress handlers, as specified in docs/spec/eventing.md §2.2, §2.3, §3.4, §3.5, §4 and §5.
#include <memory>
#include <string>

#include "sim/eventing/engine_impl.hpp"

namespace knsim::sim::eventing {


ev::HttpResponse EventingEngine::Impl::answer(const Behaviour* b, const ev::CloudEvent& in, core::Rng& r) {
  int status = 200;
  if (b && !b->spec->status.empty()) {
    double u = r.uniform01();
    status = b->spec->status.back().first;
    for (const auto& [code, p] : b->spec->status) {
      if (u < p) {
        status = code;
        break;
      }
      u -= p;
    }
  }
  if (b && status >= 200 && status < 300 && b->spec->reply_probability > 0 &&
      r.uniform01() < b->spec->reply_probability) {
    ev::CloudEvent reply;
    reply.id = "reply-" + std::to_string(++next_id);
    reply.source = b->spec->uri.empty() ? "knsim/service/" + b->spec->service : b->spec->uri;
    reply.type = b->spec->reply_type;
    reply.data_size = in.data_size;
    return ev::reply_with_event(reply, status);
  }
  ev::HttpResponse resp = ev::empty_response(status);
  // retryAfter: a 429 or 503 answer carries `Retry-After: <seconds>` (the only statuses whose
  // Retry-After Knative's dispatcher reads: retries.go generateBackoffFn).
  if (b && b->spec->retry_after && (status == 429 || status == 503))
    resp.headers["Retry-After"] = std::to_string(static_cast<long long>(*b->spec->retry_after));
  return resp;
}

void EventingEngine::Impl::call(const ev::Destination& dst_in, const ev::CloudEvent& event, std::optional<Seconds> timeout,
                std::function<void(ev::HttpResponse)> done) {
  ev::Destination dst = dst_in;
  if (dst.ref && (dst.ref->kind == "Sequence" || dst.ref->kind == "Parallel")) {
    const auto it = objects.flow_address.find(dst.ref->kind + "/" + dst.ref->namespace_name + "/" + dst.ref->name);
    if (it == objects.flow_address.end()) {  // deleted by the timeline: nothing answers at its address
      after(hop, [done] { done(ev::empty_response(404)); });
      return;
    }
    dst.ref = ev::KReference{"messaging.knative.dev/v1", "InMemoryChannel", it->second, dst.ref->namespace_name};
  }
  const Behaviour* b = behaviour_for(dst);
  if (dst.ref && (dst.ref->kind == "Broker" || dst.ref->kind == "InMemoryChannel" || dst.ref->kind == "Channel")) {
    const ev::KReference r = *dst.ref;
    after(hop, [this, r, event, done] {
      auto back = [this, done](int status) { after(hop, [done, status] { done(ev::empty_response(status)); }); };
      if (r.kind == "Broker") broker_ingress(r.name, r.namespace_name, event, back);
      else channel_receive(r.name, r.namespace_name, event, back);
    });
    return;
  }
  if (dst.ref) {  // a Knative Service, through its Route
    core::Rng& dr = rng_for(dst);
    const double cpu = b ? b->cpu.sample(dr) : 0.020;
    const double wait = b ? b->wait.sample(dr) : 0.030;
    // delivery.timeout is the dispatcher's HTTP client timeout: the attempt ends at
    // t_send + timeout as a transport error (status 0), while the request goes on in the cluster
    // (its Route, activator, pod) and its late answer is ignored. `settled`: the attempt's end
    // was already told to `done`. Example: timeout 0.1 s, a subscriber busy 3 s, sent at 5.0005:
    // the attempt fails at 5.1005; the request still finishes near 8 s and is counted there.
    auto settled = std::make_shared<bool>(false);
    if (timeout) {
      after(*timeout, [done, settled] {
        if (*settled) return;
        *settled = true;
        ev::HttpResponse r;
        r.transport_error = true;
        done(r);
      });
    }
    // The request's own limit: 300 s (the revision's default timeoutSeconds), not delivery.timeout.
    service_call(dst.ref->namespace_name, dst.ref->name, cpu, wait, 300.0,
                 [this, b, event, done, &dr, settled](int status) {
                   if (*settled) return;  // the dispatcher gave up at its timeout
                   *settled = true;
                   if (status == 504) {
                     ev::HttpResponse r;
                     r.transport_error = true;
                     done(r);
                   } else if (status >= 200 && status < 300) {
                     done(answer(b, event, dr));
                   } else {
                     done(ev::empty_response(status));
                   }
                 });
    return;
  }
  core::Rng& dr = rng_for(dst);
  const Seconds latency = hop + (b ? b->latency.sample(dr) : 0.001);
  if (timeout && latency > *timeout) {
    after(*timeout, [done] {
      ev::HttpResponse r;
      r.transport_error = true;
      done(r);
    });
    return;
  }
  after(latency, [this, b, event, done, &dr] { done(answer(b, event, dr)); });
}

void EventingEngine::Impl::broker_ingress(const std::string& name, const std::string& ns, const ev::CloudEvent& event,
                          std::function<void(int)> answer_to) {
  const int bi = find_broker(name, ns);
  ev::IngressRequest req;
  req.uri = "/" + ns + "/" + name;
  req.event = event;
  ev::IngressContext ctx;
  ctx.broker_exists = bi >= 0 && !broker_deleted(static_cast<std::size_t>(bi));
  ctx.channel_address = ev::broker_channel_name(name);
  ctx.now_unix = now_unix();
  const ev::IngressDecision dec = ev::broker_ingress_receive(req, ctx);
  if (!dec.forward) {
    if (answer_to) answer_to(dec.status);
    return;
  }
  const auto& broker = objects.brokers[static_cast<std::size_t>(bi)];
  auto fanout = std::make_shared<Fanout>();
  fanout->answer = std::move(answer_to);
  fanout->pending = 1;  // released after the loop, so that an empty fan-out answers too
  fanout->results.push_back(true);
  for (std::size_t ti = 0; ti < objects.triggers.size(); ++ti) {
    const auto& t = objects.triggers[ti];
    if (t.spec.broker != name || t.namespace_name != ns || trigger_deleted(ti)) continue;
    DeliveryCounters& c = self.triggers_[ti];
    ++c.received;
    ev::FilterRequest fr;
    fr.path = ev::trigger_filter_path(ns, t.name, runtimes[ti].uid);
    fr.event = dec.event;
    const ev::FilterDecision fd = ev::broker_filter_receive(fr, &runtimes[ti]);
    if (!fd.dispatch) {
      if (fd.filter_result == ev::FilterResult::kFail) ++c.filtered;
      else ++c.ended_lost;  // anything else (TTL exhausted, ...) ends here and counts as lost
      fanout->results.push_back(fd.status >= 200 && fd.status < 300);
      continue;
    }
    fanout->results.emplace_back();
    ++fanout->pending;
    ++c.in_flight;  // a delivery chain starts; it ends once: delivered, dead-lettered or lost
    const ev::SubscriptionDelivery sd = ev::trigger_subscription_delivery(t.spec, broker.spec);
    auto d = std::make_shared<Delivery>();
    d->trigger = true;
    d->index = static_cast<int>(ti);
    d->event = fd.event;
    d->target = t.spec.subscriber;
    d->retry = sd.retry;
    d->dls = sd.dead_letter_sink;
    // Subscription.reply of a trigger = its Broker (trigger.go::subscribeToBrokerChannel, OIDC off).
    d->reply_to = ev::Destination{};
    d->reply_to->ref = ev::KReference{"eventing.knative.dev/v1", "Broker", t.spec.broker, t.namespace_name};
    d->ttl = fd.ttl;
    d->t0 = now();
    d->fanout = fanout;
    d->slot = fanout->results.size() - 1;
    attempt(d);
  }
  fanout_done(fanout, 0, true);
}

void EventingEngine::Impl::channel_receive(const std::string& name, const std::string& ns, const ev::CloudEvent& event,
                           std::function<void(int)> answer_to) {
  const int ci = find_channel(name, ns);
  if (ci < 0 || channel_deleted(static_cast<std::size_t>(ci))) {
    if (answer_to) answer_to(ev::channel_receive_status("POST", false, true));
    return;
  }
  const auto& ch = objects.channels[static_cast<std::size_t>(ci)];
  auto fanout = std::make_shared<Fanout>();
  fanout->broker = false;
  fanout->answer = std::move(answer_to);
  fanout->pending = 1;
  fanout->results.push_back(true);
  for (std::size_t si = 0; si < objects.subscriptions.size(); ++si) {
    const auto& s = objects.subscriptions[si];
    if (s.channel.name != name || s.channel.namespace_name != ns || subscription_deleted(si)) continue;
    ++self.subscriptions_[si].received;
    ++self.subscriptions_[si].in_flight;  // a delivery chain starts (every received event of a channel)
    const ev::SubscriptionDelivery sd = ev::subscription_delivery(s.delivery, ch.delivery);
    auto d = std::make_shared<Delivery>();
    d->trigger = false;
    d->index = static_cast<int>(si);
    d->event = event;
    d->retry = sd.retry;
    d->dls = sd.dead_letter_sink;
    d->reply_to = s.reply;
    d->t0 = now();
    fanout->results.emplace_back();
    ++fanout->pending;
    d->fanout = fanout;
    d->slot = fanout->results.size() - 1;
    if (s.subscriber) {
      d->target = *s.subscriber;
    } else {  // reply only: the event itself is forwarded to spec.reply (with the same retries)
      d->phase = Phase::kReply;
      d->reply = event;
    }
    attempt(d);
  }
  fanout_done(fanout, 0, true);
}

void EventingEngine::Impl::attempt(std::shared_ptr<Delivery> d) {
  ++d->attempts;
  const bool reply = d->phase == Phase::kReply;
  const ev::Destination& target = d->phase == Phase::kDeadLetter ? *d->dls : reply ? *d->reply_to : d->target;
  const ev::CloudEvent& event = reply ? *d->reply : d->event;
  call(target, event, d->retry.request_timeout, [this, d](ev::HttpResponse resp) {
    if (d->phase == Phase::kReply) on_reply_answer(d, resp);
    else on_answer(d, resp);
  });
}

void EventingEngine::Impl::emit_attempt(const Delivery& d, int status, const std::string& outcome) {
  const std::string& name = d.trigger ? self.triggers_[static_cast<std::size_t>(d.index)].name
                                      : self.subscriptions_[static_cast<std::size_t>(d.index)].name;
  emit(reports::DeliveryAttempt{d.trigger ? name : "", d.trigger ? "" : name, d.event.id, d.attempts, status, outcome});
}

void EventingEngine::Impl::finish_delivered(const std::shared_ptr<Delivery>& d) {
  DeliveryCounters& c = counters(*d);
  ++c.delivered;
  --c.in_flight;
  c.latency.record(d->subscriber_latency);
  fanout_done(d->fanout, d->slot, true);
}

void EventingEngine::Impl::start_dead_letter(const std::shared_ptr<Delivery>& d, const std::string& failed_dest,
                             const ev::AttemptOutcome& last) {
  d->event = ev::make_dead_letter_event(d->event, failed_dest, last);
  d->phase = Phase::kDeadLetter;
  d->attempts = 0;
  d->reply.reset();
  attempt(d);
}

void EventingEngine::Impl::on_answer(const std::shared_ptr<Delivery>& d, const ev::HttpResponse& resp) {
  DeliveryCounters& c = counters(*d);
  const bool dls_phase = d->phase == Phase::kDeadLetter;
  int status = resp.transport_error ? 0 : resp.status;
  std::optional<ev::CloudEvent> reply;
  // The Retry-After the dispatcher sees: the subscriber's, proxied by the broker filter for a
  // Trigger (PassThroughHeaders, PR #5946). Core honours it only with retryAfterMax set (which
  // validation allows only when delivery-retryafter is enabled), for 429 and 503.
  std::optional<std::string> retry_after = ev::header(resp.headers, "Retry-After");
  if (!resp.transport_error && d->trigger && !dls_phase) {
    const ev::FilterResponse fr = ev::broker_filter_respond(resp, d->ttl, destination_text(d->target));
    status = fr.status;
    reply = fr.reply;
    retry_after = ev::header(fr.headers, "Retry-After");
  } else if (!resp.transport_error && !dls_phase) {
    reply = ev::subscriber_reply(resp);  // a DLS's reply is ignored (§4.5)
  }
  const ev::AttemptOutcome outcome = resp.transport_error ? ev::AttemptOutcome::transport_failure()
                                                          : ev::AttemptOutcome::http(status, retry_after);
  const ev::DispatchDecision step =
      ev::next_dispatch_step(d->retry, d->attempts, outcome, d->dls.has_value() && !dls_phase, now_unix());
  switch (step.action) {
    case ev::DispatchAction::kDelivered:
      if (dls_phase) {
        emit_attempt(*d, status, "dead_lettered");
        ++c.dead_lettered;
        --c.in_flight;
        fanout_done(d->fanout, d->slot, true);
      } else if (reply && d->reply_to) {  // the chain goes on with the reply (event_dispatcher.go::send)
        emit_attempt(*d, status, "replied");
        d->subscriber_latency = now() - d->t0;
        d->phase = Phase::kReply;
        d->reply = reply;
        d->attempts = 0;
        attempt(d);
      } else {  // no reply, or a subscription without spec.reply: the reply is dropped
        emit_attempt(*d, status, "delivered");
        d->subscriber_latency = now() - d->t0;
        finish_delivered(d);
      }
      break;
    case ev::DispatchAction::kRetry:
      emit_attempt(*d, status, "retry");
      ++c.retries;
      after(step.wait, [this, d] { attempt(d); });
      break;
    case ev::DispatchAction::kDeadLetter:
      emit_attempt(*d, status, "dead_letter");
      start_dead_letter(d, destination_text(d->target), outcome);
      break;
    case ev::DispatchAction::kLost:
      emit_attempt(*d, status, dls_phase ? "dead_letter_failed" : "lost");
      ++c.ended_lost;
      --c.in_flight;
      fanout_done(d->fanout, d->slot, false);
      break;
  }
}

void EventingEngine::Impl::on_reply_answer(const std::shared_ptr<Delivery>& d, const ev::HttpResponse& resp) {
  DeliveryCounters& c = counters(*d);
  const int status = resp.transport_error ? 0 : resp.status;
  const ev::AttemptOutcome outcome =
      resp.transport_error ? ev::AttemptOutcome::transport_failure()
                           : ev::AttemptOutcome::http(status, ev::header(resp.headers, "Retry-After"));
  const ev::DispatchDecision step =
      ev::next_dispatch_step(d->retry, d->attempts, outcome, d->dls.has_value(), now_unix());
  switch (step.action) {
    case ev::DispatchAction::kDelivered:  // the reply destination accepted: the whole chain succeeded
      emit_attempt(*d, status, "delivered");
      finish_delivered(d);
      break;
    case ev::DispatchAction::kRetry:
      emit_attempt(*d, status, "reply_retry");
      ++c.retries;
      after(step.wait, [this, d] { attempt(d); });
      break;
    case ev::DispatchAction::kDeadLetter:  // the ORIGINAL event, knativeerrordest = the reply URL
      emit_attempt(*d, status, "reply_dead_letter");
      start_dead_letter(d, destination_text(*d->reply_to), outcome);
      break;
    case ev::DispatchAction::kLost:
      emit_attempt(*d, status, "lost");
      ++c.ended_lost;
      --c.in_flight;
      fanout_done(d->fanout, d->slot, false);
      break;
  }
}

}  // namespace knsim::sim::eventing
