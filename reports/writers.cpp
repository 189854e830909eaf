#include "reports/writers.hpp"

#include <fstream>
#include <functional>
#include <new>
#include <queue>
#include <system_error>

namespace knsim::reports {
namespace {

// Rows of several time-ordered series merged by (t, series index): calls emit(series, row).
template <class Series, class Emit>
void merge_by_time(const std::vector<const Series*>& series, Emit&& emit) {
  using Item = std::pair<double, std::size_t>;  // (t, series index)
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  std::vector<std::size_t> cursor(series.size(), 0);
  for (std::size_t s = 0; s < series.size(); ++s) {
    if (series[s]->size() > 0) heap.emplace(series[s]->t()[0], s);
  }
  while (!heap.empty()) {
    const auto [t, s] = heap.top();
    heap.pop();
    emit(*series[s], cursor[s]);
    if (++cursor[s] < series[s]->size()) heap.emplace(series[s]->t()[cursor[s]], s);
  }
}

// Writes `buf` out when it is large, keeping memory bounded for long runs.
void flush_if_big(std::ostream& out, std::string& buf) {
  if (buf.size() > (1u << 16)) {
    out << buf;
    buf.clear();
  }
}

}  // namespace

void write_summary_json(std::ostream& out, const RunSummary& summary, const WriteOptions& opt) {
  out << to_json(summary, opt.include_wall).dump(2) << '\n';
}

void append_timeseries_row(std::string& buf, const std::string& revision, const std::array<double, kRevColCount>& v) {
  for (std::size_t c = 0; c < kRevColCount; ++c) {
    const auto col = static_cast<RevCol>(c);
    if (c > 0) buf += ',';
    if (col == RevCol::kMode) {
      buf += mode_name(v[c] != 0 ? Mode::kProxy : Mode::kServe);
    } else {
      append_number(buf, v[c]);
    }
    if (col == RevCol::kT) {
      buf += ',';
      buf += revision;
    }
  }
  buf += '\n';
}

void append_nodes_row(std::string& buf, const NodeSample& s) {
  buf += format_number(s.t_s) + ',' + s.node;
  for (double v : {s.up ? 1.0 : 0.0, s.pods, s.cpu_used, s.cpu_cores}) buf += ',' + format_number(v);
  buf += '\n';
}

void write_timeseries_csv(std::ostream& out, const TimeSeriesStore& store) {
  std::string buf = timeseries_csv_header() + "\n";
  std::vector<const RevisionSeries*> series;
  for (const auto& [name, s] : store.revisions()) series.push_back(&s);
  merge_by_time(series, [&](const RevisionSeries& s, std::size_t i) {
    std::array<double, kRevColCount> v;
    for (std::size_t c = 0; c < kRevColCount; ++c) v[c] = s.column(static_cast<RevCol>(c))[i];
    append_timeseries_row(buf, s.name(), v);
    flush_if_big(out, buf);
  });
  out << buf;
}

void write_nodes_csv(std::ostream& out, const TimeSeriesStore& store) {
  std::string buf = std::string(kNodesCsvHeader) + "\n";
  std::vector<const NodeSeries*> series;
  for (const auto& [name, s] : store.nodes()) series.push_back(&s);
  merge_by_time(series, [&](const NodeSeries& s, std::size_t i) {
    append_nodes_row(buf, s.row(i));
    flush_if_big(out, buf);
  });
  out << buf;
}

void write_events_jsonl(std::ostream& out, const std::vector<Event>& events) {
  std::string buf;
  for (const Event& e : events) {
    append_event_json(e, buf);
    buf += '\n';
    flush_if_big(out, buf);
  }
  out << buf;
}

void JsonlEventSink::on_event(const Event& e) { out_ << event_to_json(e).dump() << '\n'; }

std::string write_run_outputs(const std::filesystem::path& dir, const RunSummary& summary,
                              const TimeSeriesStore& store, const std::vector<Event>& events,
                              const WriteOptions& opt) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return "cannot create " + dir.string() + ": " + ec.message();
  // summary.json marks a complete run: gone before anything is written, back only at the very end.
  fs::remove(dir / "summary.json", ec);
  if (ec) return "cannot remove the earlier " + (dir / "summary.json").string() + ": " + ec.message();
  WriteOptions summary_opt = opt;
  summary_opt.include_wall = opt.include_wall || opt.wall_in_summary;
  // Renamed in this order once all are written: summary.json last.
  const std::pair<const char*, std::function<void(std::ostream&)>> files[] = {
      {"timeseries.csv", [&](std::ostream& o) { write_timeseries_csv(o, store); }},
      {"nodes.csv", [&](std::ostream& o) { write_nodes_csv(o, store); }},
      {"events.jsonl", [&](std::ostream& o) { write_events_jsonl(o, events); }},
      {"report.html", [&](std::ostream& o) { write_report_html(o, summary, store, events, opt); }},
      {"summary.json", [&](std::ostream& o) { write_summary_json(o, summary, summary_opt); }},
  };
  std::vector<fs::path> partials;
  const auto discard = [&](std::string message) {
    for (const auto& p : partials) fs::remove(p, ec);
    return message;
  };
  for (const auto& [name, write] : files) {
    const auto partial = dir / (std::string(".") + name + ".partial");
    partials.push_back(partial);
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) return discard("cannot write " + (dir / name).string());
    try {
      write(out);
    } catch (const std::bad_alloc&) {
      out.close();
      return discard("out of memory while writing " + (dir / name).string());
    }
    out.close();
    if (!out) return discard("cannot write " + (dir / name).string() + " (disk full?)");
  }
  for (std::size_t i = 0; i < partials.size(); ++i) {
    fs::rename(partials[i], dir / files[i].first, ec);
    if (ec) return discard("cannot rename " + partials[i].string() + ": " + ec.message());
  }
  return "";
}

}  // namespace knsim::reports
