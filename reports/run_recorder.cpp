#include "reports/run_recorder.hpp"

#include <algorithm>
#include <cmath>
#include <new>
#include <system_error>

namespace knsim::reports {
namespace {

constexpr std::size_t kFlushBytes = std::size_t{1} << 16;
constexpr std::size_t kIoBuffer = std::size_t{1} << 20;  // per file
constexpr const char* kFiles[] = {"timeseries.csv", "nodes.csv", "events.jsonl", "report.html", "summary.json"};

}  // namespace

RunRecorder::RunRecorder(std::filesystem::path dir, double duration_s, double sample_interval_s,
                         std::size_t max_plot_points)
    : dir_(std::move(dir)),
      interval_(sample_interval_s > 0 ? sample_interval_s : 1.0),
      max_plot_points_(std::max<std::size_t>(2, max_plot_points)),
      aggregates_(interval_),
      report_events_(TimeAxis::for_range(0, duration_s)) {}

RunRecorder::~RunRecorder() {
  if (open_) discard();
}

std::filesystem::path RunRecorder::partial(const char* name) const {
  return dir_ / (std::string(".") + name + ".partial");
}

std::string RunRecorder::open() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return "cannot create " + dir_.string() + ": " + ec.message();
  // summary.json marks a complete run: gone before anything is written, back only at the very end.
  fs::remove(dir_ / "summary.json", ec);
  if (ec) return "cannot remove the earlier " + (dir_ / "summary.json").string() + ": " + ec.message();
  io_buffers_.reset(new char[3 * kIoBuffer]);
  std::ofstream* files[] = {&timeseries_, &nodes_, &events_};
  for (int i = 0; i < 3; ++i) {
    files[i]->rdbuf()->pubsetbuf(io_buffers_.get() + static_cast<std::size_t>(i) * kIoBuffer, kIoBuffer);
    files[i]->open(partial(kFiles[i]), std::ios::binary | std::ios::trunc);
    if (!*files[i]) {
      discard();
      return "cannot write " + (dir_ / kFiles[i]).string();
    }
  }
  open_ = true;
  ts_buf_ = timeseries_csv_header() + "\n";
  nodes_buf_ = std::string(kNodesCsvHeader) + "\n";
  return "";
}

void RunRecorder::flush_buffers(bool force) {
  const std::pair<std::ofstream*, std::string*> pairs[] = {{&timeseries_, &ts_buf_}, {&nodes_, &nodes_buf_},
                                                           {&events_, &events_buf_}};
  for (auto [file, buf] : pairs) {
    if (!force && buf->size() < kFlushBytes) continue;
    *file << *buf;
    buf->clear();
  }
}

void RunRecorder::on_event(const Event& e) {
  aggregates_.on_event(e);
  report_events_.on_event(e);
  if (!open_) return;
  append_event_json(e, events_buf_);
  events_buf_ += '\n';
  if (events_buf_.size() >= kFlushBytes) flush_buffers(false);
}

void RunRecorder::add_samples(std::vector<RevisionSample>& revs, std::vector<NodeSample>& nodes) {
  std::sort(revs.begin(), revs.end(), [](const auto& a, const auto& b) { return a.revision < b.revision; });
  std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.node < b.node; });
  for (const RevisionSample& s : revs) {
    aggregates_.add(s);
    if (open_) append_timeseries_row(ts_buf_, s.revision, revision_values(s));
    keep_for_plot(s, std::llround(s.t_s / interval_));
  }
  if (!nodes.empty()) {
    NodeSample cluster;  // the report's node plot: totals per sample time
    cluster.t_s = nodes.front().t_s;
    cluster.node = "cluster";
    for (const NodeSample& s : nodes) {
      aggregates_.add(s);
      if (open_) append_nodes_row(nodes_buf_, s);
      cluster.cpu_used += s.cpu_used;
      if (s.up) cluster.cpu_cores += s.cpu_cores;
    }
    keep_for_plot(cluster, std::llround(cluster.t_s / interval_));
  }
  if (open_) flush_buffers(false);
  std::size_t longest = 0;
  for (const auto& [name, s] : plot_.revisions()) longest = std::max(longest, s.size());
  for (const auto& [name, s] : plot_.nodes()) longest = std::max(longest, s.size());
  if (longest >= 2 * max_plot_points_) thin();
}

void RunRecorder::keep_for_plot(const RevisionSample& s, std::int64_t index) {
  auto it = pending_.find(s.revision);
  if (it == pending_.end()) it = pending_.emplace(s.revision, Pending{}).first;
  Pending& p = it->second;
  if (index % static_cast<std::int64_t>(stride_) != 0) {
    p.requests += s.requests;
    p.failures += s.failures;
    p.cold_starts += s.cold_starts;
    return;
  }
  RevisionSample kept = s;
  kept.requests += p.requests;
  kept.failures += p.failures;
  kept.cold_starts += p.cold_starts;
  p = Pending{};
  plot_.add(kept);
}

void RunRecorder::keep_for_plot(const NodeSample& s, std::int64_t index) {
  if (index % static_cast<std::int64_t>(stride_) == 0) plot_.add(s);
}

// Doubles the stride: keeps the samples at multiples of it, folding the dropped samples' counts into
// the next kept one (or into pending_ when no kept sample follows yet).
void RunRecorder::thin() {
  stride_ *= 2;
  const auto stride = static_cast<std::int64_t>(stride_);
  TimeSeriesStore thinned;
  for (const auto& [name, s] : plot_.revisions()) {
    Pending carry;
    for (std::size_t i = 0; i < s.size(); ++i) {
      RevisionSample r = s.row(i);
      if (std::llround(r.t_s / interval_) % stride != 0) {
        carry.requests += r.requests;
        carry.failures += r.failures;
        carry.cold_starts += r.cold_starts;
        continue;
      }
      r.requests += carry.requests;
      r.failures += carry.failures;
      r.cold_starts += carry.cold_starts;
      carry = Pending{};
      thinned.add(r);
    }
    Pending& p = pending_[name];
    p.requests += carry.requests;
    p.failures += carry.failures;
    p.cold_starts += carry.cold_starts;
  }
  for (const auto& [name, s] : plot_.nodes()) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (std::llround(s.t()[i] / interval_) % stride == 0) thinned.add(s.row(i));
    }
  }
  plot_ = std::move(thinned);
}

std::string RunRecorder::finish(const RunSummary& summary, const WriteOptions& opt) {
  namespace fs = std::filesystem;
  if (!open_) return "outputs were not opened";
  try {
    flush_buffers(true);
    timeseries_.close();
    nodes_.close();
    events_.close();
    for (const std::ofstream* f : {&timeseries_, &nodes_, &events_}) {
      if (!*f) {
        discard();
        return "cannot write the outputs in " + dir_.string() + " (disk full?)";
      }
    }
    WriteOptions summary_opt = opt;
    summary_opt.include_wall = opt.include_wall || opt.wall_in_summary;
    for (int i = 3; i < 5; ++i) {
      std::ofstream out(partial(kFiles[i]), std::ios::binary | std::ios::trunc);
      if (!out) {
        discard();
        return "cannot write " + (dir_ / kFiles[i]).string();
      }
      if (i == 3) write_report_html(out, summary, plot_, report_events_, opt);
      else write_summary_json(out, summary, summary_opt);
      out.close();
      if (!out) {
        discard();
        return "cannot write " + (dir_ / kFiles[i]).string() + " (disk full?)";
      }
    }
  } catch (const std::bad_alloc&) {
    discard();
    return "out of memory while writing the outputs in " + dir_.string();
  }
  std::error_code ec;
  for (const char* name : kFiles) {
    fs::rename(partial(name), dir_ / name, ec);
    if (ec) {
      const std::string message = "cannot rename " + partial(name).string() + ": " + ec.message();
      discard();
      return message;
    }
  }
  open_ = false;
  return "";
}

void RunRecorder::discard() {
  std::error_code ec;
  for (std::ofstream* f : {&timeseries_, &nodes_, &events_}) {
    if (f->is_open()) f->close();
  }
  for (const char* name : kFiles) std::filesystem::remove(partial(name), ec);
  open_ = false;
}

}  // namespace knsim::reports
