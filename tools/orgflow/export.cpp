// `orgflow export MODEL --to json|dot [-o FILE]` (cli.md): the model
// normalised as JSON (save_model: quantities and member order as written,
// `x-` members kept, generated ids left out), or as a DOT graph that
// `orgflow import dot` reads back.
#include "commands.hpp"
#include "common.hpp"
#include "orgflow/render.hpp"

namespace orgflow::tool {

int run_export(const export_args& a) {
  refuse_overwrite(a.output, {a.model});
  const model m = load_model_file(a.model);
  const std::string text = a.to == "dot" ? export_dot(m) : save_model(m);
  write_output(a.output, text);
  return exit_ok;
}

}  // namespace orgflow::tool
