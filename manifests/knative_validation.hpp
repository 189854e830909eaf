#pragma once
// Knative's webhook on a typed Service / Configuration / Route read from a document: defaulting
// (config-defaults), then every validation rule (core/serving), then the problems printed at the
// document's lines through a PathIndex ("hello.yaml:14: spec.traffic: ...").
#include "core/api/configuration.hpp"
#include "core/api/route.hpp"
#include "core/api/service.hpp"
#include "manifests/documents.hpp"
#include "manifests/scenario_bundle.hpp"

namespace knsim::manifests {

void validate_and_default(core::api::Service& s, const Document& doc, const KnativeConfigs& configs,
                          Diagnostics& diags);
void validate_and_default(core::api::Configuration& c, const Document& doc, const KnativeConfigs& configs,
                          Diagnostics& diags);
void validate_and_default(core::api::Route& r, const Document& doc, const KnativeConfigs& configs,
                          Diagnostics& diags);

}  // namespace knsim::manifests
