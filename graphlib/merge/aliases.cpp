// read_aliases (orgflow/merge.hpp): the `--alias` table of `orgflow merge`,
// from CSV (the import layer's table reader, which takes `,` and `;`) or
// JSON, with every problem reported at its line or JSON pointer. Chains
// (a -> b, b -> c) are resolved here, so that merging sees one step.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/csv_table.hpp"
#include "import/gzip.hpp"
#include "orgflow/merge.hpp"

namespace orgflow {

namespace {

std::string json_quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '_' && c != '.' && c != ':' && c != '-'))) return false;
  }
  return true;
}

struct raw_entry {
  std::string alias, id;
  diagnostic where;  // file plus line/column or pointer; message filled on error
};

std::string place_of(const diagnostic& d) {
  if (!d.pointer.empty()) return d.file + ":" + d.pointer;
  return d.file + ":" + std::to_string(d.line);
}

void from_csv(const std::string& path, std::vector<raw_entry>& out, std::vector<diagnostic>& errors) {
  const std::string content = import_io::read_all(path, nullptr);
  import_io::table_format format;
  format.delimiter = import_io::sniff_delimiter(std::string_view(content).substr(0, content.find('\n')));
  import_io::byte_source in(path);
  import_io::table_reader reader(in, format);
  import_io::table_row row;
  std::optional<std::size_t> id_col, alias_col;
  bool header = true;
  while (reader.next(row)) {
    if (header) {
      header = false;
      for (std::size_t c = 0; c < row.fields.size(); ++c) {
        std::string name(import_io::trim_blanks(row.fields[c]));
        for (char& ch : name)
          if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (name == "id") id_col = c;
        if (name == "alias-of") alias_col = c;
      }
      if (!id_col || !alias_col) {
        errors.push_back({path, "", static_cast<int>(row.line), 1,
                          "the first line must name the columns id and alias-of (id,alias-of: each row maps the id "
                          "in the first column onto the unit in the second)"});
        return;
      }
      continue;
    }
    raw_entry e;
    e.where = {path, "", static_cast<int>(row.line), 1, ""};
    if (*id_col < row.fields.size()) e.alias = std::string(row.fields[*id_col]);
    if (*alias_col < row.fields.size()) {
      e.id = std::string(row.fields[*alias_col]);
      e.where.column = row.columns[*alias_col];
    }
    out.push_back(std::move(e));
  }
  if (!reader.error().empty())
    errors.push_back({path, "", static_cast<int>(reader.error_line()), reader.error_column(), reader.error()});
  else if (header)  // not even a header line: the file is empty
    errors.push_back({path, "", 1, 1,
                      "the file is empty (its first line names the columns id and alias-of, then one row per alias)"});
}

void from_json(const std::string& path, std::vector<raw_entry>& out, std::vector<diagnostic>& errors) {
  const std::string content = import_io::read_all(path, nullptr);
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(content);
  } catch (const nlohmann::json::parse_error& e) {
    const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, content.size());
    const int line = 1 + static_cast<int>(std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    const std::size_t start = content.rfind('\n', at == 0 ? 0 : at - 1);
    const int column = static_cast<int>(start == std::string::npos || at == 0 ? at + 1 : at - start);
    errors.push_back({path, "", line, column, "not valid JSON"});
    return;
  }
  const auto entry = [&](const std::string& ptr, const nlohmann::ordered_json& alias, const nlohmann::ordered_json& id) {
    raw_entry e;
    e.where = {path, ptr, 0, 0, ""};
    if (!alias.is_string() || !id.is_string()) {
      errors.push_back({path, ptr, 0, 0, "an alias and the id it stands for must both be texts"});
      return;
    }
    e.alias = alias.get<std::string>();
    e.id = id.get<std::string>();
    out.push_back(std::move(e));
  };
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) entry("/" + k, k, v);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      const auto& o = j[i];
      const std::string ptr = "/" + std::to_string(i);
      if (!o.is_object() || !o.contains("id") || !o.contains("alias-of")) {
        errors.push_back({path, ptr, 0, 0, "each entry must be an object with \"id\" and \"alias-of\""});
        continue;
      }
      entry(ptr, o["id"], o["alias-of"]);
    }
  } else {
    errors.push_back({path, "", 1, 1,
                      "an alias file in JSON is an object {\"17\": \"sales\"} or an array of {\"id\": \"17\", "
                      "\"alias-of\": \"sales\"}"});
  }
}

}  // namespace

alias_result read_aliases(const std::string& path) {
  alias_result result;
  std::vector<raw_entry> raw;
  const bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  if (json) from_json(path, raw, result.diagnostics);
  else from_csv(path, raw, result.diagnostics);

  std::map<std::string, std::size_t> first;  // alias -> entry
  std::vector<raw_entry> kept;
  for (raw_entry& e : raw) {
    diagnostic d = e.where;
    if (e.alias.empty() || e.id.empty()) {
      d.message = "both columns need a value: the id, and the unit id it stands for";
    } else if (!valid_id(e.id)) {
      d.message = json_quoted(e.id) + " is not a valid unit id (letters, digits and _ . : -, starting with a letter or "
                                 "digit)";
    } else if (const auto it = first.find(e.alias); it != first.end()) {
      if (kept[it->second].id == e.id) continue;  // the same entry again
      d.message = json_quoted(e.alias) + " is already an alias of " + json_quoted(kept[it->second].id) + " (at " +
                  place_of(kept[it->second].where) + "): an id stands for one unit";
    } else if (e.alias == e.id) {
      continue;  // an id that stands for itself changes nothing
    } else {
      first[e.alias] = kept.size();
      kept.push_back(std::move(e));
      continue;
    }
    result.diagnostics.push_back(std::move(d));
  }
  // Resolve chains; a chain that returns to its start is an error, reported
  // once at its first entry in file order.
  unit_aliases out;
  std::set<std::string> reported;
  for (const raw_entry& e : kept) {
    std::string id = e.id;
    std::vector<std::string> walk{e.alias};
    bool cycle = false;
    while (true) {
      const auto it = first.find(id);
      if (it == first.end()) break;
      if (std::find(walk.begin(), walk.end(), id) != walk.end()) {
        cycle = true;
        break;
      }
      walk.push_back(id);
      id = kept[it->second].id;
    }
    if (cycle) {
      std::vector<std::string> members = walk;
      std::sort(members.begin(), members.end());
      std::string key;
      for (const auto& m : members) key += m + '\0';
      if (!reported.insert(key).second) continue;
      std::string text;
      for (const auto& w : walk) text += w + " -> ";
      diagnostic d = e.where;
      d.message = "the aliases form a cycle: " + text + id + " (one of them must be the unit's id)";
      result.diagnostics.push_back(std::move(d));
      continue;
    }
    out.entries.push_back({e.alias, id, place_of(e.where)});
  }
  if (result.diagnostics.empty()) result.value = std::move(out);
  return result;
}

}  // namespace orgflow
