// Loads a model and prints its findings: the program of docs/library.md.
#include <iostream>

#include "orgflow/analysis.hpp"
#include "orgflow/io.hpp"
#include "orgflow/model.hpp"
#include "orgflow/version.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: findings MODEL.json\n";
    return 2;
  }
  const orgflow::load_result loaded = orgflow::load_model(orgflow::read_file(argv[1]), argv[1]);
  if (!loaded.ok()) {
    for (const orgflow::diagnostic& d : loaded.diagnostics) std::cerr << d.to_string() << '\n';
    return 2;
  }
  const orgflow::analysis_result r = orgflow::analyze(*loaded.value);
  std::cout << r.model_name << " (orgflow " << orgflow::version << "): " << r.findings.size() << " findings\n";
  for (const orgflow::finding& f : r.findings)
    std::cout << orgflow::to_string(f.level) << ' ' << f.code << ": " << f.title << '\n';
}
