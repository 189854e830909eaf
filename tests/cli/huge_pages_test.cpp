// Transparent huge pages (cli/huge_pages.hpp): when knsim executes itself again with the glibc
// tunable, and that a `knsim run` started without it runs with it.
#include "cli/huge_pages.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "tests/support/cli.hpp"

namespace knsim::cli {
namespace {

TEST(HugePages, ExecutesAgainOnlyWithoutTunablesValgrindOrTheDynamicLinker) {
  struct Case {
    const char* tunables;
    const char* preload;
    const char* exe;
    bool want;
  } cases[] = {
      {nullptr, nullptr, "/opt/knsim/build/cli/knsim", true},
      {"glibc.malloc.hugetlb=1", nullptr, "/opt/knsim/build/cli/knsim", false},  // the second image
      {"", nullptr, "/opt/knsim/build/cli/knsim", false},                      // a user's opt-out
      {"glibc.malloc.arena_max=1", nullptr, "/usr/bin/knsim", false},           // a user's own tunables
      {nullptr, "/usr/libexec/valgrind/vgpreload_core-amd64-linux.so", "/usr/bin/knsim", false},
      {nullptr, "/usr/lib/libeatmydata.so", "/usr/bin/knsim", true},
      {nullptr, nullptr, "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", false},
      {nullptr, nullptr, "", false},
  };
  for (const Case& c : cases)
    EXPECT_EQ(wants_huge_pages_reexec(c.tunables, c.preload, c.exe), c.want)
        << (c.tunables ? c.tunables : "-") << " " << (c.preload ? c.preload : "-") << " " << c.exe;
}

// A run of a simulated hour (over a second of wall time), started without GLIBC_TUNABLES: its
// environment, read from /proc while it runs, carries the tunable, and it still exits 0.
TEST(HugePages, ARunStartedWithoutTheTunableRunsWithIt) {
  const std::string exe = knsim::test::knsim_exe();
  const std::string scenario = std::string(KNSIM_SOURCE_DIR) + "/bench/scenarios/one-service-1000rps.yaml";
  const std::string out = testing::TempDir() + "knsim-huge-pages-" + std::to_string(::getpid());
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    unsetenv("GLIBC_TUNABLES");
    execl(exe.c_str(), exe.c_str(), "run", scenario.c_str(), "--quiet", "--out", out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string environ_text;
  for (int i = 0; i < 200 && environ_text.find("GLIBC_TUNABLES=") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::ifstream in("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
    environ_text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_NE(environ_text.find(std::string("GLIBC_TUNABLES=glibc.malloc.hugetlb=1") + '\0'), std::string::npos);
  std::filesystem::remove_all(out);
}

}  // namespace
}  // namespace knsim::cli
