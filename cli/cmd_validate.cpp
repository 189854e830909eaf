// knsim validate: placeholder until manifests land (issue 4).
#include <iostream>

#include "cli/commands.hpp"

namespace knsim::cli {

void register_validate(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Check a scenario's manifests with Knative's rules");
  auto path = std::make_shared<std::string>();
  cmd->add_option("PATH", *path, "scenario file or folder")->required();
  cmd->callback([path, &exit_code] {
    std::cerr << "knsim validate: not built yet\n";
    exit_code.value = kExitFailure;
  });
}

}  // namespace knsim::cli
