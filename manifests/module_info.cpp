// Keeps the manifests library non-empty while its first sources land.
namespace knsim::manifests { const char* module_name() { return "manifests"; } }
