// knsim validate PATH: loads a scenario (file or folder) exactly as `knsim run` does and reports.
// Bad input: every problem on stderr as "file:line: field: message", exit 2.
// Good input: warnings on stderr, a short summary on stdout, exit 0.
#include <iostream>

#include "cli/commands.hpp"
#include "manifests/bundle_summary.hpp"
#include "manifests/scenario_bundle.hpp"

namespace knsim::cli {

void register_validate(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Check a scenario's manifests with Knative's rules");
  auto path = std::make_shared<std::string>();
  cmd->add_option("PATH", *path, "scenario file or folder")->required();
  cmd->callback([path, &exit_code] {
    manifests::Diagnostics diags;
    const manifests::ScenarioBundle bundle = manifests::load_scenario(*path, diags);
    std::cerr << diags.to_string();
    if (diags.has_errors()) {
      std::cerr << *path << ": " << diags.error_count() << (diags.error_count() == 1 ? " error" : " errors")
                << ", " << diags.warning_count() << (diags.warning_count() == 1 ? " warning" : " warnings")
                << "\n";
      exit_code.value = kExitInvalidInput;
      return;
    }
    std::cout << manifests::summarize(bundle);
    std::cout << *path << ": valid (" << diags.warning_count()
              << (diags.warning_count() == 1 ? " warning" : " warnings") << ")\n";
    exit_code.value = kExitOk;
  });
}

}  // namespace knsim::cli
