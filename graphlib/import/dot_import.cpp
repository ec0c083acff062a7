// `orgflow import dot FILE`: a Graphviz DOT graph to an orgflow model, read
// with cgraph (issue 6, item 4; docs/import-dot.md).
//
// This file reads the text: cgraph parses it (its process-wide error
// callback and line counter set up and restored around each parse), and its
// syntax errors, a second graph or trailing text become diagnostics placed at
// a line and column. dot_model.cpp turns the parsed graph into the model
// (how nodes, clusters, edges and their attributes map to units, groups,
// flows and handoffs, and in which order).
#include <graphviz/cgraph.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/dot_model.hpp"
#include "orgflow/import.hpp"
#include "orgflow/io.hpp"
#include "orgflow/message_text.hpp"

namespace orgflow {
namespace {

// cgraph reports errors and warnings through one process-wide callback:
// collect them here while a parse runs (the mutex keeps two imports apart),
// so that none reaches standard error as cgraph writes it.
std::mutex cgraph_mutex;
std::string cgraph_errors;
int collect_cgraph_error(char* message) {
  cgraph_errors += message;
  return 0;
}

// One parse with cgraph's process-wide state set up and restored: our
// message collector, no errors counted, and the line counter back at 1
// (agsetfile resets it; agmemread alone would keep counting from the
// previous file).
class cgraph_session {
 public:
  cgraph_session() : previous_(agseterrf(collect_cgraph_error)) {
    cgraph_errors.clear();
    agreseterrors();
    agsetfile(const_cast<char*>(marker));
  }
  ~cgraph_session() { agseterrf(previous_); }
  cgraph_session(const cgraph_session&) = delete;
  cgraph_session& operator=(const cgraph_session&) = delete;
  // cgraph writes "file: " before its messages; this is the "file".
  static constexpr const char* marker = "<orgflow>";

 private:
  agusererrf previous_;
};

// The DOT text for cgraph's reader, one line per call (as agmemread does,
// so that cgraph counts lines).
struct memory_reader {
  const std::string& text;
  std::size_t offset;
  static int read(void* chan, char* buffer, int size) {
    auto& r = *static_cast<memory_reader*>(chan);
    int n = 0;
    while (n + 1 < size && r.offset < r.text.size()) {
      const char c = r.text[r.offset++];
      buffer[n++] = c;
      if (c == '\n') break;
    }
    return n;
  }
};

// cgraph's collected messages, one per line, without its "<orgflow>: ".
std::vector<std::string> cgraph_lines(const std::string& all) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < all.size()) {
    std::size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    std::string line = all.substr(start, end - start);
    start = end + 1;
    for (const std::string& marker : {std::string(cgraph_session::marker) + ": ", " of " + std::string(cgraph_session::marker)})
      if (const auto at = line.find(marker); at != std::string::npos) line.erase(at, marker.size());
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// The place of a cgraph error: "... in line N near 'TOKEN'" gives line N and
// the byte column of TOKEN in it (1 when it is not found there).
void locate(const std::string& text, const std::string& message, int& line, int& column) {
  const auto at = message.find("in line ");
  if (at == std::string::npos) return;
  line = std::atoi(message.c_str() + at + 8);
  if (line <= 0) {
    line = 0;
    return;
  }
  column = 1;
  std::size_t begin = 0;
  for (int k = 1; k < line && begin != std::string::npos; ++k) {
    begin = text.find('\n', begin);
    if (begin != std::string::npos) ++begin;
  }
  if (begin == std::string::npos) return;
  const std::size_t end = std::min(text.find('\n', begin), text.size());
  const auto near = message.find("near '");
  if (near == std::string::npos) return;
  const auto close = message.rfind('\'');
  if (close <= near + 6) return;
  const std::string token = message.substr(near + 6, close - near - 6);
  const auto found = std::string_view(text).substr(begin, end - begin).find(token);
  if (!token.empty() && found != std::string_view::npos) column = static_cast<int>(found) + 1;
}

// Where the second graph of a file starts: the first character after the
// last '}' that cgraph's reader had consumed when the first graph ended.
std::pair<int, int> next_graph_place(const std::string& text, std::size_t consumed) {
  std::size_t pos = text.rfind('}', consumed == 0 ? 0 : consumed - 1);
  pos = pos == std::string::npos ? 0 : pos + 1;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r' || text[pos] == '\n')) ++pos;
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, static_cast<int>(pos - line_start) + 1};
}

// cgraph says "syntax error in line 3 near 'x'": the message for the user,
// placed at that line and at the token's column, in cgraph's words.
std::string syntax_message(const std::string& text, const std::string& messages, int& line, int& column) {
  std::string message;
  for (const auto& m : cgraph_lines(messages)) {
    if (m.rfind("Warning: ", 0) == 0) continue;
    std::string text_of = m.rfind("Error: ", 0) == 0 ? m.substr(7) : m;
    if (message.empty()) {
      message = text_of;
      locate(text, text_of, line, column);
    } else if (text_of.rfind("String starting:", 0) == 0) {
      std::string start = text_of.substr(16);
      if (!start.empty() && start.front() == '"') start.erase(0, 1);
      message += " (the string starts with \"" + echoed(start) + "\")";
    }
  }
  if (message.empty()) message = "no graph found (a DOT file starts with graph or digraph)";
  // Graphviz's parser keeps a stack of at most 10,000 open constructs.
  if (message.rfind("memory exhausted", 0) == 0)
    message += " (Graphviz reads at most about 10,000 nested subgraphs or clusters: flatten the deepest groups)";
  return message;
}

}  // namespace

import_result import_dot(const std::string& path) {
  const std::string text = read_file(path);
  const std::string label = path == "-" ? "<stdin>" : path;
  import_result result;
  auto fail_at = [&](int line, int column, std::string message) {
    result.diagnostics.push_back(diagnostic{label, "", line, column, tidy_message(message)});
    return result;
  };
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return fail_at(0, 0, "the file is empty");
  const auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  if ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF) ||
      (byte(0) != 0 && byte(0) < 0x80 && byte(1) == 0) || (byte(0) == 0 && byte(1) != 0 && byte(1) < 0x80))
    return fail_at(1, 1, "the file is encoded as UTF-16, not UTF-8 (save it as UTF-8)");

  std::unique_ptr<Agraph_t, decltype(&agclose)> graph(nullptr, &agclose);
  std::vector<std::string> warnings;
  {
    std::lock_guard<std::mutex> lock(cgraph_mutex);
    const cgraph_session session;
    memory_reader in{text, 0};
    Agiodisc_t io = {&memory_reader::read, AgIoDisc.putstr, AgIoDisc.flush};
    Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
    graph.reset(agread(&in, &disc));
    const std::string first_messages = cgraph_errors;
    const bool failed = !graph || agerrors() > 0;
    // Whatever follows the first graph is read too (a file may hold several
    // graphs, as `dot` draws them all), so that no input is left behind in
    // cgraph's lexer for the next file.
    const std::size_t first_end = in.offset;
    std::size_t more_graphs = 0;
    std::string second_name, trailing;
    if (!failed) {
      for (;;) {
        cgraph_errors.clear();
        agreseterrors();
        std::unique_ptr<Agraph_t, decltype(&agclose)> next(agread(&in, &disc), &agclose);
        if (agerrors() > 0) {
          trailing = cgraph_errors;  // text after the graph that is no graph
          break;
        }
        if (!next) break;
        if (more_graphs++ == 0) second_name = agnameof(next.get());
      }
    }
    for (const auto& m : cgraph_lines(first_messages))
      if (m.rfind("Warning: ", 0) == 0) warnings.push_back(m.substr(9));
    if (failed) {
      int line = 0, column = 0;
      const std::string message = syntax_message(text, first_messages, line, column);
      return fail_at(line, column, "not a valid DOT graph: " + message);
    }
    if (!trailing.empty()) {
      for (const auto& m : cgraph_lines(trailing)) {
        if (m.rfind("Error: ", 0) != 0) continue;
        int line = 0, column = 0;
        locate(text, m.substr(7), line, column);
        return fail_at(line, column, "after the graph, the file holds text that is not a graph: " + m.substr(7));
      }
    }
    if (more_graphs > 0) {
      const auto [line, column] = next_graph_place(text, first_end);
      return fail_at(line, column,
                     "the file holds " + std::to_string(more_graphs + 1) + " graphs, and a model is made from one: the "
                     "second" + (second_name.empty() || second_name[0] == '%' ? std::string() : " (\"" + second_name + "\")") +
                     " starts here (put each graph in a file of its own and import them one by one)");
    }
  }
  import_result out = dot_detail::model_from_graph(label, graph.get());
  // cgraph's warnings are the input's problems too: shown in the summary,
  // tidied, never printed by cgraph itself.
  for (const auto& w : warnings) out.summary.push_back(tidy_message(label + ": Graphviz warns: " + w));
  return out;
}

}  // namespace orgflow
