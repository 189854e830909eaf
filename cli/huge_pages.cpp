// See huge_pages.hpp.
#include "cli/huge_pages.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

namespace knsim::cli {

bool wants_huge_pages_reexec(const char* glibc_tunables, const char* ld_preload, std::string_view exe_path) {
  if (glibc_tunables != nullptr || exe_path.empty()) return false;
  if (ld_preload != nullptr && std::string_view(ld_preload).find("vgpreload") != std::string_view::npos) return false;
  return !exe_path.substr(exe_path.rfind('/') + 1).starts_with("ld-linux");
}

void reexec_with_huge_pages(char** argv) {
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return;
  self[n] = '\0';
  if (!wants_huge_pages_reexec(std::getenv("GLIBC_TUNABLES"), std::getenv("LD_PRELOAD"),
                               std::string_view(self, static_cast<std::size_t>(n))))
    return;
  if (setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) != 0) return;
  execv(self, argv);
  unsetenv("GLIBC_TUNABLES");  // the execution failed: go on without
}

}  // namespace knsim::cli
