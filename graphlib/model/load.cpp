// load_model(): JSON text -> validated orgflow::model, or every problem found
// (model-format.md, "Exact rules" and "Errors").
//
// Two stages:
//  1. load_document.{hpp,cpp}: nlohmann/json's SAX parser feeds a flat tree of
//     our own (`document`): nodes in pre-order, strings in one arena. Going
//     through SAX rather than nlohmann's DOM is what lets us see a member
//     repeated within one object (the DOM silently keeps the last one), keep
//     the order of members, keep the text of numbers in `x-` members, and
//     report syntax errors at line:column. The flat tree costs no allocation
//     per node.
//  2. load_checker.hpp: a checker walks the tree once, fills the model and
//     collects diagnostics keyed by their position in the document
//     (load_values.cpp: reporting and typed values; load_elements.cpp: the
//     element readers); references, ids, generated ids and group cycles are
//     resolved afterwards with hash maps, no per-reference scan
//     (load_resolve.cpp).
// This file runs the two stages, stably sorts the diagnostics into document
// order and places a syntax error at its line and column.
//
// Messages are plain sentences that say how to fix the input. A problem at a
// missing member is placed at the end of its object in document order.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/load_checker.hpp"
#include "model/load_document.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

namespace {

using load_detail::pending;

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, static_cast<int>(offset - line_start + 1)};
}

}  // namespace

load_result load_model(std::string_view json_text, std::string_view file_name) {
  load_result result;
  const std::string file(file_name);
  if (json_text.size() >= std::numeric_limits<std::uint32_t>::max() / 2) {
    result.diagnostics.push_back({file, "", 1, 1, "the file is too large to be a model (more than 2 GB)"});
    return result;
  }
  // UTF-16 (Windows "Unicode" text) is not JSON as orgflow reads it: say
  // which encoding it is rather than report its first byte as a syntax error.
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(json_text[i]); };
  if (json_text.size() >= 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF) ||
                                (byte(0) != 0 && byte(0) < 0x80 && byte(1) == 0) || (byte(0) == 0 && byte(1) != 0 && byte(1) < 0x80))) {
    result.diagnostics.push_back({file, "", 1, 1,
                                  "the file is encoded as UTF-16, not UTF-8 (save it as UTF-8: in most editors, "
                                  "\"Save as\" with the encoding UTF-8)"});
    return result;
  }
  load_detail::parsed_document parsed = load_detail::parse_document(json_text);
  std::vector<pending>& found = parsed.diagnostics;

  std::optional<model> m;
  if (!parsed.syntax && !parsed.aborted) {
    load_detail::checker c(parsed.doc, found);
    m = c.run();
  }
  std::stable_sort(found.begin(), found.end(), [](const pending& a, const pending& b) { return a.pos < b.pos; });
  for (auto& p : found) result.diagnostics.push_back({file, std::move(p.pointer), 0, 0, std::move(p.message)});
  if (parsed.syntax) {
    const auto [line, column] = line_column(json_text, parsed.syntax->offset);
    result.diagnostics.push_back({file, "", line, column, std::move(parsed.syntax->message)});
  }
  // Every message is printable UTF-8, whatever the input held (pointers
  // carry member names as written).
  for (auto& d : result.diagnostics) {
    d.message = printable(d.message);
    d.pointer = echoed(d.pointer, 200);
  }
  if (result.diagnostics.empty()) result.value = std::move(m);
  return result;
}

}  // namespace orgflow
