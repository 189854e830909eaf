#include "plan/run_pool.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

extern char** environ;

namespace knsim::plan {

namespace fs = std::filesystem;

std::size_t default_parallelism() { return std::max(1u, std::thread::hardware_concurrency()); }

std::string format_eta(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  else if (s >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%lds", s);
  return buf;
}

namespace {

fs::path partial_dir(const RunJob& j) { return fs::path(j.dir.string() + ".partial"); }

// Starts one child; returns its pid, or -1 (then *error says why).
pid_t spawn(const RunJob& j, const PoolOptions& opt, std::string* error) {
  const fs::path dir = partial_dir(j);
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) {
    *error = "cannot create " + dir.string() + ": " + ec.message();
    return -1;
  }
  std::vector<std::string> argv_s{opt.knsim.string(), "run"};
  argv_s.insert(argv_s.end(), j.args.begin(), j.args.end());
  argv_s.insert(argv_s.end(), {"--quiet", "--out", dir.string()});
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log = (dir / "knsim.log").string();
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    *error = "cannot start " + opt.knsim.string() + ": " + std::string(std::strerror(rc));
    return -1;
  }
  return pid;
}

std::string log_tail(const fs::path& log) {
  std::ifstream in(log);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    last.push_back(line);
    if (last.size() > 5) last.pop_front();
  }
  std::string s;
  for (const auto& l : last) s += (s.empty() ? "" : "\n") + l;
  return s;
}

class ProgressBar {
 public:
  ProgressBar(std::size_t total, std::size_t done, bool on) : total_(total), done_(done), start_done_(done), on_(on) {}
  // Time left = (wall time per finished run so far) x (runs left), counted down between two finishes.
  void update(std::size_t failed) {
    if (!on_) return;
    failed_ = failed;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(last_finish_ - start_).count();
    const double since = std::chrono::duration<double>(now - last_finish_).count();
    const std::size_t ran = done_ - start_done_;
    constexpr int kWidth = 30;
    const int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '-');
    std::string left = "estimating";
    if (ran > 0)
      left = "~" + format_eta(std::max(0.0, elapsed / static_cast<double>(ran) * static_cast<double>(total_ - done_) - since)) + " left";
    std::fprintf(stderr, "\r[%s] %zu/%zu runs%s, %s   ", bar.c_str(), done_, total_,
                 failed ? (", " + std::to_string(failed) + " failed").c_str() : "", left.c_str());
    std::fflush(stderr);
  }
  void step() {
    ++done_;
    last_finish_ = std::chrono::steady_clock::now();
  }
  void tick() { update(failed_); }  // a redraw while runs go on (the time left counts down)
  void finish() {
    if (on_) std::fprintf(stderr, "\n");
  }

 private:
  std::size_t total_, done_, start_done_, failed_ = 0;
  bool on_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_finish_ = start_;
};

}  // namespace

std::size_t run_jobs(const std::vector<RunJob>& jobs, const PoolOptions& opt,
                     const std::function<void(const JobOutcome&)>& done) {
  ProgressBar bar(jobs.size() + opt.already_done, opt.already_done, opt.progress);
  bar.update(0);
  std::map<pid_t, const RunJob*> running;
  std::size_t next = 0, failed = 0, polls = 0;
  const std::size_t parallel = std::max<std::size_t>(1, opt.parallel);
  auto finish = [&](const RunJob& j, int code, std::string error) {
    const fs::path dir = partial_dir(j);
    if (code == 0) {
      std::error_code ec;
      fs::remove_all(j.dir, ec);
      fs::rename(dir, j.dir, ec);
      if (ec) {
        code = 1;
        error = "cannot rename " + dir.string() + ": " + ec.message();
      }
    } else if (error.empty()) {
      error = log_tail(dir / "knsim.log");
    }
    if (code != 0) ++failed;
    bar.step();
    done(JobOutcome{&j, code, error});
    bar.update(failed);
  };
  while (next < jobs.size() || !running.empty()) {
    while (next < jobs.size() && running.size() < parallel) {
      const RunJob& j = jobs[next++];
      std::string error;
      const pid_t pid = spawn(j, opt, &error);
      if (pid < 0) finish(j, -1, error);
      else running[pid] = &j;
    }
    if (running.empty()) continue;
    int status = 0;
    // With a bar: poll, redrawing it every second; without: block until a child ends.
    pid_t pid = ::waitpid(-1, &status, opt.progress ? WNOHANG : 0);
    if (pid == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (++polls % 10 == 0) bar.tick();
      continue;
    }
    if (pid < 0) break;  // no children left (should not happen: every started one is in `running`)
    const auto it = running.find(pid);
    if (it == running.end()) continue;  // not ours
    const RunJob& j = *it->second;
    running.erase(it);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    finish(j, code, "");
  }
  bar.finish();
  return failed;
}

}  // namespace knsim::plan
