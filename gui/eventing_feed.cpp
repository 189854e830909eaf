#include "gui/eventing_feed.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "gui/run_data.hpp"

namespace knsim::gui {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::string text_field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// An integer count of the summary; nullopt when absent or not a number.
std::optional<std::int64_t> count_field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(it->get<double>()));
}

// latency_ms.p50 / .p99; nullopt when absent, null (no delivery: the quantile is NaN) or not a number.
std::optional<double> latency_field(const nlohmann::json& j, const char* quantile) {
  auto it = j.find("latency_ms");
  if (it == j.end() || !it->is_object()) return std::nullopt;
  auto q = it->find(quantile);
  if (q == it->end() || !q->is_number()) return std::nullopt;
  const double v = q->get<double>();
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

}  // namespace

std::string Destination::label() const {
  return (kind == Kind::kTrigger ? "trigger " : "subscription ") + name;
}

std::size_t EventingFeed::bin_index(double t_s, double dt) {
  if (!(dt > 0) || !(t_s > 0)) return 0;
  const double k = std::ceil(t_s / dt - 1e-9);
  return k < 1 ? 0 : static_cast<std::size_t>(k) - 1;
}

void EventingFeed::reset() { *this = EventingFeed(); }

bool EventingFeed::has_eventing() const { return totals_.attempts() > 0 || summary_eventing_; }

bool EventingFeed::update(const RunData& data) {
  bool changed = false;
  if (data.events().size() < consumed_) {  // a new RunData: the run restarted without reset()
    reset();
    changed = true;
  }
  if (data.has_hello() && data.info().sample_interval_s > 0 && consumed_ == 0)
    interval_ = data.info().sample_interval_s;
  if (data.last_t() != last_t_ || data.done() != done_) changed = true;
  last_t_ = data.last_t();
  done_ = data.done();
  const auto& events = data.events();
  for (; consumed_ < events.size(); ++consumed_) {
    const RunEvent& e = events[consumed_];
    if (e.kind != "delivery_attempt") continue;
    const std::string trigger = text_field(e.fields, "trigger");
    const std::string subscription = text_field(e.fields, "subscription");
    const std::string outcome_text = text_field(e.fields, "outcome");
    const std::optional<AttemptOutcome> outcome = parse_outcome(outcome_text);
    if (trigger.empty() == subscription.empty() || !outcome) {
      problems_.push_back("delivery_attempt at t=" + std::to_string(e.t_s) + ": " +
                          (outcome ? "needs exactly one of trigger and subscription"
                                   : "unknown outcome '" + outcome_text + "' (not counted)"));
      continue;
    }
    const Destination d{trigger.empty() ? Destination::Kind::kSubscription : Destination::Kind::kTrigger,
                        trigger.empty() ? subscription : trigger};
    add_attempt(e.t_s, d, *outcome);
    changed = true;
  }
  if (data.done() && !final_) {
    final_ = true;
    changed = true;
    if (data.summary() && data.summary()->is_object() && data.summary()->contains("eventing"))
      apply_summary((*data.summary())["eventing"]);
  }
  return changed;
}

void EventingFeed::add_attempt(double t_s, const Destination& destination, AttemptOutcome outcome) {
  const std::size_t bin = bin_index(t_s, interval_);
  auto count_into = [&](std::vector<OutcomeCounts>& bins) {
    if (bins.size() <= bin) bins.resize(bin + 1);
    ++bins[bin][outcome];
  };
  count_into(all_bins_);
  count_into(bins_[destination]);
  ++totals_[outcome];
  changed_from_ = std::min(changed_from_, bin);
  DestinationRow& row = rows_[destination];
  row.destination = destination;
  ++row.attempts[outcome];
  if (!row.final) {
    row.delivered = series_value(row.attempts, EventingSeries::kDelivered);
    row.retries = series_value(row.attempts, EventingSeries::kRetries);
    row.dead_lettered = series_value(row.attempts, EventingSeries::kDeadLettered);
    row.lost = series_value(row.attempts, EventingSeries::kLost);
  }
}

void EventingFeed::apply_summary(const nlohmann::json& eventing) {
  if (!eventing.is_object()) {
    problems_.push_back("summary.eventing is not an object");
    return;
  }
  auto rows = [&](const char* key, Destination::Kind kind) {
    auto it = eventing.find(key);
    if (it == eventing.end()) return;
    if (!it->is_array()) {
      problems_.push_back(std::string("summary.eventing.") + key + " is not a list");
      return;
    }
    for (const auto& j : *it) {
      const std::string name = j.is_object() ? text_field(j, "name") : std::string();
      if (name.empty()) {
        problems_.push_back(std::string("summary.eventing.") + key + ": an entry without a name");
        continue;
      }
      summary_eventing_ = true;
      const Destination d{kind, name};
      DestinationRow& row = rows_[d];
      row.destination = d;
      row.final = true;
      row.received = count_field(j, "received");
      row.filtered = count_field(j, "filtered");
      row.delivered = count_field(j, "delivered").value_or(0);
      row.retries = count_field(j, "retries").value_or(0);
      row.dead_lettered = count_field(j, "dead_lettered").value_or(0);
      row.lost = count_field(j, "lost").value_or(0);
      row.latency_p50_ms = latency_field(j, "p50");
      row.latency_p99_ms = latency_field(j, "p99");
      row.latency_max_ms = latency_field(j, "max");
    }
  };
  rows("triggers", Destination::Kind::kTrigger);
  rows("subscriptions", Destination::Kind::kSubscription);
  if (auto it = eventing.find("sources"); it != eventing.end() && it->is_array()) {
    for (const auto& j : *it) {
      if (!j.is_object() || text_field(j, "name").empty()) continue;
      summary_eventing_ = true;
      sources_.push_back(SourceRow{text_field(j, "name"), count_field(j, "sent").value_or(0),
                                   count_field(j, "accepted").value_or(0), count_field(j, "failed").value_or(0)});
    }
  }
}

std::size_t EventingFeed::bin_count() const {
  const std::size_t by_time = last_t_ > 0 ? bin_index(last_t_, interval_) + 1 : 0;
  return std::max(by_time, all_bins_.size());
}

std::size_t EventingFeed::final_bin_count() const {
  if (done_) return bin_count();
  return last_t_ > 0 ? bin_index(last_t_, interval_) : 0;
}

const std::vector<OutcomeCounts>& EventingFeed::bins(const std::optional<Destination>& destination) const {
  static const std::vector<OutcomeCounts> kEmpty;
  if (!destination) return all_bins_;
  auto it = bins_.find(*destination);
  return it == bins_.end() ? kEmpty : it->second;
}

std::size_t EventingFeed::take_changed_from() {
  const std::size_t from = changed_from_ == kNone ? bin_count() : changed_from_;
  changed_from_ = kNone;
  return from;
}

}  // namespace knsim::gui
