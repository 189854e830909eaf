#pragma once
// YAML::LoadAll with a guard against yaml-cpp 0.7's endless loop on a stray flow indicator.
//
// yaml-cpp 0.7 (Debian's) loops forever, allocating a null document per turn, when a document
// begins with a ',' outside a flow collection (a file that is just ",", or "- a\n,", or a line
// starting with ", wait: 40ms}" after a `---`): SingleDocParser::HandleNode does not consume the
// token and LoadAll asks for the next document again (jbeder/yaml-cpp issue 1040, fixed upstream by
// pull requests 1318 and 1319, not in the Debian release). Found by fuzz_scenario
// (tests/manifests/yaml_load_all_test.cpp keeps the input).
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace knsim::manifests {

// The documents of `text`, exactly as YAML::LoadAll returns them. Throws YAML::ParserException
// (with the line of the stray token) where LoadAll would not return. Costs one event-only pass over
// the text before LoadAll's (about a third of LoadAll's time: no nodes are built).
std::vector<YAML::Node> load_all_yaml(const std::string& text);

}  // namespace knsim::manifests
