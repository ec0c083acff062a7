// model_from_workbook (orgflow/sheet.hpp): the sheets of a workbook back
// into a model.
//
// The cells become the JSON text of a model, which load_model() then checks
// with every rule of the format, so that a workbook and a JSON file obey the
// same rules and get the same sentences. What only a workbook can get wrong
// (an unknown column, a date, a cell that is not a whole number, a required
// cell left empty) is reported here; the loader's diagnostics come back with
// JSON pointers, which are mapped to the cells the values came from
// (`/units/5/staff` -> `units!F7`), also where a message names another place
// ("the first is at /units/2/id").
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "text/escape.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/model_schema.hpp"
#include "orgflow/sheet.hpp"
#include "sheet/cell_text.hpp"
#include "sheet/cell_values.hpp"

namespace orgflow {

namespace {

using sheet_detail::equal_ignoring_case;
using sheet_detail::json_of_cell;
using sheet_detail::trim;

// A problem at a cell; `rank` orders sheets (model first, then the arrays in
// the format's order).
struct problem {
  std::size_t rank = 0;
  std::size_t row = 0;
  std::size_t column = 0;
  std::string sheet;
  std::string message;
};

struct element_record {
  std::size_t row = 0;
};

struct array_record {
  const array_info* info = nullptr;
  const sheet* data = nullptr;
  std::size_t rank = 0;
  std::vector<std::pair<std::string, std::size_t>> columns;  // member -> column, valid columns only
  std::size_t next_free_column = 0;                          // where a missing column would go
  std::vector<element_record> elements;
  std::string json;  // the elements as JSON objects, comma-separated

  std::optional<std::size_t> column_of(std::string_view member) const {
    for (const auto& [name, c] : columns)
      if (name == member) return c;
    return std::nullopt;
  }
};

class workbook_reader {
 public:
  workbook_reader(const workbook& wb, std::string_view file) : wb_(wb), file_(file) {}

  import_result run() {
    import_result result;
    for (const sheet& s : wb_.sheets) note_unknown_sheet(s);
    std::string json = "{";
    read_settings(json);
    for (const array_info& a : model_arrays()) read_array(a);
    for (const array_record& r : arrays_) {
      if (r.elements.empty() && r.info->name != "units" && !empty_arrays_.count(std::string(r.info->name))) continue;
      json += ",";
      text_detail::append_model_json_string(json, r.info->name);
      json += ":[" + r.json + "]";
    }
    json += "}";
    load_result loaded = load_model(json, file_);
    for (const diagnostic& d : loaded.diagnostics) map_diagnostic(d);
    std::stable_sort(problems_.begin(), problems_.end(), [](const problem& a, const problem& b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      if (a.row != b.row) return a.row < b.row;
      return a.column < b.column;
    });
    for (const problem& p : problems_)
      result.diagnostics.push_back({file_, p.sheet + "!" + cell_name(p.row, p.column), 0, 0, p.message});
    result.summary = notes_;
    if (result.diagnostics.empty()) result.value = std::move(loaded.value);
    return result;
  }

 private:
  void report(std::size_t rank, const std::string& sheet_name, std::size_t row, std::size_t column, std::string message) {
    problems_.push_back({rank, row, column, sheet_name, std::move(message)});
  }

  void note_unknown_sheet(const sheet& s) {
    if (equal_ignoring_case(s.name, "model") || equal_ignoring_case(s.name, "readme")) return;
    if (find_model_array(sheet_detail::lower_ascii(s.name))) return;
    notes_.push_back("sheet " + sheet_detail::quoted(s.name) + " ignored (orgflow reads the sheets model, units, artifacts, flows, "
                     "handoffs, needs, symptoms and accepted)");
  }

  // -- the model sheet: key/value rows ----------------------------------------
  void read_settings(std::string& json) {
    const sheet* s = wb_.find("model");
    settings_name_ = s ? s->name : "model";
    if (!s) {
      report(0, settings_name_, 0, 0,
             "the workbook has no sheet named model (add one with a row orgflow | 2 and a row name | the model's "
             "title)");
      json += "\"orgflow\":2";
      return;
    }
    std::size_t first = 0;
    if (s->at(0, 0).type == sheet_cell::kind::text && equal_ignoring_case(trim(s->at(0, 0).text), "key")) first = 1;
    bool has_version = false;
    bool first_member = true;
    const auto add = [&](const std::string& key, const std::string& value) {
      if (!first_member) json += ",";
      first_member = false;
      text_detail::append_model_json_string(json, key);
      json += ":" + value;
    };
    for (std::size_t r = first; r < s->rows.size(); ++r) {
      const auto& row = s->rows[r];
      for (std::size_t c = 2; c < row.size(); ++c)
        if (!row[c].empty())
          report(0, s->name, r, c, "the model sheet has two columns, key and value (move or clear this cell)");
      const sheet_cell& key_cell = s->at(r, 0);
      const sheet_cell& value = s->at(r, 1);
      if (key_cell.empty()) {
        if (!value.empty()) report(0, s->name, r, 0, "this row has a value but no key (write orgflow, name or an x- key)");
        continue;
      }
      std::string key = key_cell.type == sheet_cell::kind::text ? std::string(trim(key_cell.text)) : std::string();
      const member_info* known = nullptr;
      for (const member_info& m : model_settings())
        if (equal_ignoring_case(key, m.name)) {
          known = &m;
          key = std::string(m.name);
        }
      if (const array_info* a = known ? nullptr : find_model_array(sheet_detail::lower_ascii(key));
          a && a->name != "units") {
        read_empty_array(*s, r, std::string(a->name));
        continue;
      }
      if (!known && !is_x_member(key)) {
        report(0, s->name, r, 0,
               (key.empty() || !is_valid_utf8(key) ? std::string("this key") : sheet_detail::quoted(key)) +
                   " is not a key of the model sheet (the keys: orgflow, name, and keys of your own that start "
                   "with x-)");
        continue;
      }
      if (!first_settings_row(*s, r, key)) continue;
      if (value.empty()) {
        if (key == "orgflow") {
          report(0, s->name, r, 1, "\"orgflow\" needs a value: the format version, 2");
          has_version = true;
          add(key, "2");
        }
        continue;
      }
      std::string why;
      const std::string v = json_of_cell(value, known ? known->type : member_type::text, !known, key, &why);
      if (v.empty()) {
        report(0, s->name, r, 1, why);
        if (key == "orgflow") {
          has_version = true;
          add(key, "2");
        }
        continue;
      }
      if (key == "orgflow") has_version = true;
      add(key, v);
    }
    if (!has_version) {
      report(0, s->name, std::max(s->rows.size(), first), 0,
             "the model sheet has no row orgflow (add one: orgflow in column A, the format version 2 in column B)");
      if (!first_member) json += ",";
      json += "\"orgflow\":2";
    }
  }

  // Records the row of a key of the model sheet; false (reported) when the
  // key was given before.
  bool first_settings_row(const sheet& s, std::size_t r, const std::string& key) {
    if (const auto seen = settings_rows_.find(key); seen != settings_rows_.end()) {
      report(0, s.name, r, 0,
             sheet_detail::quoted(key) + " is given twice (the first is at " + s.name + "!" + cell_name(seen->second, 0) +
                 "): remove one");
      return false;
    }
    settings_rows_[key] = r;
    return true;
  }

  // A row `accepted | []`: the part is present even without rows (export
  // writes it for an empty array, which the format keeps apart from an
  // absent one for accepted findings).
  void read_empty_array(const sheet& s, std::size_t r, const std::string& name) {
    const sheet_cell& value = s.at(r, 1);
    if (!first_settings_row(s, r, name)) return;
    if (value.type == sheet_cell::kind::text && trim(value.text) == "[]") {
      empty_arrays_.insert(name);
      return;
    }
    report(0, s.name, r, 1,
           sheet_detail::quoted(name) + " on the model sheet can only be [] (the part is there, with nothing in it); what it "
           "holds goes on the " + name + " sheet");
  }

  // -- one array sheet ---------------------------------------------------------
  // Long on purpose: one sheet's rows, each cell checked against its
  // member's type in the order the messages are reported.
  void read_array(const array_info& a) {
    array_record rec;
    rec.info = &a;
    rec.rank = arrays_.size() + 1;
    rec.data = wb_.find(a.name);
    if (!rec.data) {
      arrays_.push_back(std::move(rec));
      return;
    }
    const sheet& s = *rec.data;
    const std::string& sn = s.name;
    std::vector<bool> usable;  // per column: has a valid header
    std::vector<bool> unnamed;  // per column: no header text
    if (!s.rows.empty()) {
      const auto& header = s.rows[0];
      rec.next_free_column = header.size();
      while (rec.next_free_column > 0 && header[rec.next_free_column - 1].empty()) --rec.next_free_column;
      usable.assign(header.size(), false);
      unnamed.assign(header.size(), false);
      for (std::size_t c = 0; c < header.size(); ++c) {
        const sheet_cell& h = header[c];
        if (h.empty()) {
          unnamed[c] = true;
          continue;
        }
        std::string name = h.type == sheet_cell::kind::text ? std::string(trim(h.text))
                                                            : (h.type == sheet_cell::kind::number
                                                                   ? sheet_detail::number_text(h.number)
                                                                   : std::string());
        if (name.empty()) {
          unnamed[c] = true;
          continue;
        }
        const member_info* m = nullptr;
        for (const member_info& mi : a.members)
          if (equal_ignoring_case(name, mi.name)) m = &mi;
        if (m) name = std::string(m->name);
        if (!m && !is_x_member(name)) {
          std::string names;
          for (const member_info& mi : a.members) names += (names.empty() ? "" : ", ") + std::string(mi.name);
          report(rec.rank, sn, 0, c,
                 (is_valid_utf8(name) ? sheet_detail::quoted(name) : std::string("this column")) + " is not a column of the " +
                     std::string(a.name) + " sheet (the columns: " + names +
                     "; a column of your own starts with x-)");
          continue;
        }
        if (const auto first = rec.column_of(name)) {
          report(rec.rank, sn, 0, c,
                 "the column " + sheet_detail::quoted(name) + " appears twice (the first is " + sn + "!" + cell_name(0, *first) +
                     "): remove one");
          continue;
        }
        rec.columns.emplace_back(name, c);
        usable[c] = true;
      }
    }
    std::set<std::size_t> unnamed_reported;
    for (std::size_t r = 1; r < s.rows.size(); ++r) {
      const auto& row = s.rows[r];
      bool has_data = false;
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (row[c].empty()) continue;
        if (c < usable.size() && usable[c]) has_data = true;
        else if ((c >= unnamed.size() || unnamed[c]) && unnamed_reported.insert(c).second)
          report(rec.rank, sn, r, c, "this cell's column has no name in row 1 (name the column, or clear the cell)");
      }
      if (has_data) read_element(rec, r);
    }
    if (!rec.elements.empty()) {
      std::size_t next = rec.next_free_column;
      for (const member_info& m : a.members) {
        if (!m.required || rec.column_of(m.name)) continue;
        report(rec.rank, sn, 0, next++,
               "the sheet has no column " + sheet_detail::quoted(m.name) + " (add it: every " + std::string(a.element) +
                   " needs one; " + lower_first(m.meaning) + ")");
        for (std::size_t i = 0; i < rec.elements.size(); ++i)
          silenced_.insert("/" + std::string(a.name) + "/" + std::to_string(i) + "/" + std::string(m.name));
      }
    }
    arrays_.push_back(std::move(rec));
  }

  static std::string lower_first(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
    if (!out.empty() && out.back() == '.') out.pop_back();
    return out;
  }

  void read_element(array_record& rec, std::size_t r) {
    const sheet& s = *rec.data;
    const std::size_t index = rec.elements.size();
    const std::string base = "/" + std::string(rec.info->name) + "/" + std::to_string(index) + "/";
    std::string obj = "{";
    bool first = true;
    for (const auto& [name, c] : rec.columns) {
      const sheet_cell& cell = s.at(r, c);
      const member_info* m = find_member(*rec.info, name);
      if (cell.empty() || (cell.type == sheet_cell::kind::text && trim(cell.text).empty() && m &&
                           !is_string(m->type))) {
        if (m && m->required) {
          report(rec.rank, s.name, r, c,
                 sheet_detail::quoted(name) + " is empty (every " + std::string(rec.info->element) + " needs one: " +
                     lower_first(m->meaning) + ")");
          silenced_.insert(base + name);
        }
        continue;
      }
      std::string why;
      const std::string v = json_of_cell(cell, m ? m->type : member_type::text, m == nullptr, name, &why);
      if (v.empty()) {
        report(rec.rank, s.name, r, c, why);
        silenced_.insert(base + name);
        continue;
      }
      if (!first) obj += ",";
      first = false;
      text_detail::append_model_json_string(obj, name);
      obj += ":" + v;
    }
    obj += "}";
    if (!rec.json.empty()) rec.json += ",";
    rec.json += obj;
    rec.elements.push_back({r});
  }

  // -- the loader's diagnostics, placed at cells ------------------------------
  struct cell_place {
    std::size_t rank = 0, row = 0, column = 0;
    std::string sheet;
  };

  static std::vector<std::string> segments(std::string_view pointer) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < pointer.size() && pointer[i] == '/') {
      const std::size_t end = std::min(pointer.find('/', i + 1), pointer.size());
      std::string seg;
      for (std::size_t k = i + 1; k < end; ++k) {
        if (pointer[k] == '~' && k + 1 < end) {
          seg += pointer[k + 1] == '1' ? '/' : '~';
          ++k;
        } else {
          seg += pointer[k];
        }
      }
      out.push_back(std::move(seg));
      i = end;
    }
    return out;
  }

  std::optional<cell_place> place_of(std::string_view pointer) const {
    const std::vector<std::string> segs = segments(pointer);
    if (segs.empty()) return std::nullopt;
    for (const array_record& rec : arrays_) {
      if (rec.info->name != segs[0] || !rec.data) continue;
      if (segs.size() < 2) return cell_place{rec.rank, 0, 0, rec.data->name};
      std::size_t index = 0;
      for (char ch : segs[1]) {
        if (ch < '0' || ch > '9') return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(ch - '0');
      }
      if (index >= rec.elements.size()) return std::nullopt;
      cell_place p{rec.rank, rec.elements[index].row, 0, rec.data->name};
      if (segs.size() >= 3) {
        if (const auto c = rec.column_of(segs[2])) p.column = *c;
        else p.column = rec.next_free_column;
      }
      return p;
    }
    if (const auto it = settings_rows_.find(segs[0]); it != settings_rows_.end())
      return cell_place{0, it->second, 1, settings_name_};
    return cell_place{0, 0, 0, settings_name_};
  }

  // Replaces each JSON pointer into an array (`/units/2/id`) in a message by
  // the cell it came from.
  std::string rewrite_pointers(const std::string& message) const {
    std::string out;
    std::size_t i = 0;
    while (i < message.size()) {
      bool replaced = false;
      if (message[i] == '/' && (i == 0 || message[i - 1] == ' ' || message[i - 1] == '(')) {
        std::size_t end = i;
        int depth = 0;
        while (end < message.size() && message[end] == '/' && depth < 3) {
          std::size_t k = end + 1;
          while (k < message.size() && (std::isalnum(static_cast<unsigned char>(message[k])) || message[k] == '_' ||
                                        message[k] == '-'))
            ++k;
          if (k == end + 1) break;
          end = k;
          ++depth;
        }
        const std::string_view candidate(message.data() + i, end - i);
        const auto segs = segments(candidate);
        if (segs.size() >= 2 && find_model_array(segs[0])) {
          if (const auto p = place_of(candidate)) {
            out += p->sheet + "!" + cell_name(p->row, p->column);
            i = end;
            replaced = true;
          }
        }
      }
      if (!replaced) out += message[i++];
    }
    return out;
  }

  void map_diagnostic(const diagnostic& d) {
    if (silenced_.count(d.pointer)) return;
    const auto p = d.pointer.empty() ? std::nullopt : place_of(d.pointer);
    if (!p) {
      report(0, settings_name_, 0, 0, rewrite_pointers(d.message));
      return;
    }
    report(p->rank, p->sheet, p->row, p->column, rewrite_pointers(d.message));
  }

  const workbook& wb_;
  std::string file_;
  std::vector<problem> problems_;
  std::vector<std::string> notes_;
  std::string settings_name_ = "model";
  std::set<std::string> empty_arrays_;  // parts given as `NAME | []` on the model sheet
  std::map<std::string, std::size_t> settings_rows_;
  std::vector<array_record> arrays_;
  std::set<std::string> silenced_;  // pointers already reported at their cell
};

}  // namespace

import_result model_from_workbook(const workbook& wb, std::string_view file_name) {
  return workbook_reader(wb, file_name).run();
}

}  // namespace orgflow
