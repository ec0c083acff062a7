// model_to_workbook (orgflow/sheet.hpp): a model as the sheets of
// docs/spreadsheets.md. The known members come from the model's own JSON
// (save_model, parsed), so that every value is written as the model writes
// it (quantities as the author wrote them, generated ids left out); `x-`
// members come from the model's extras, as compact JSON text, so that their
// numbers keep the text they were written with.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orgflow/model_schema.hpp"
#include "orgflow/sheet.hpp"
#include "sheet/cell_text.hpp"
#include "sheet/cell_values.hpp"

namespace orgflow {

namespace {

using sheet_detail::list_text;
using sheet_detail::text_for_cell;

const json_extras& extras_of(const model& m, std::string_view array, std::size_t i) {
  if (array == "units") return m.units[i].extras;
  if (array == "artifacts") return m.artifacts[i].extras;
  if (array == "flows") return m.flows[i].extras;
  if (array == "handoffs") return m.handoffs[i].extras;
  if (array == "needs") return m.needs[i].extras;
  if (array == "symptoms") return m.symptoms[i].extras;
  return m.accepted[i].extras;
}

// A number cell when the spreadsheet holds it exactly, else its text (which
// reads back the same in a number column).
sheet_cell number_cell(double x) {
  if (sheet_detail::fits_spreadsheet_digits(x)) return sheet_cell::of_number(x);
  return sheet_cell::of_text(sheet_detail::number_text(x));
}

sheet_cell cell_of(const nlohmann::ordered_json& v) {
  if (v.is_string()) return sheet_cell::of_text(text_for_cell(v.get<std::string>()));
  if (v.is_boolean()) return sheet_cell::of_boolean(v.get<bool>());
  // Integers as numbers while a spreadsheet's double holds them exactly.
  constexpr std::uint64_t exact = std::uint64_t{1} << 53;
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    return u <= exact ? sheet_cell::of_number(static_cast<double>(u)) : sheet_cell::of_text(std::to_string(u));
  }
  if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (i >= -static_cast<std::int64_t>(exact)) return sheet_cell::of_number(static_cast<double>(i));
    return sheet_cell::of_text(std::to_string(i));
  }
  if (v.is_number_float()) return number_cell(v.get<double>());
  if (v.is_array()) {
    std::vector<std::string> items;
    for (const auto& item : v) items.push_back(item.is_string() ? item.get<std::string>() : item.dump());
    return sheet_cell::of_text(list_text(items));
  }
  return sheet_cell::of_text(v.dump());
}

sheet readme_sheet(const workbook& wb) {
  sheet s;
  s.name = "README";
  const auto row = [&](std::vector<std::string> texts) {
    std::vector<sheet_cell> cells;
    for (auto& t : texts) cells.push_back(t.empty() ? sheet_cell{} : sheet_cell::of_text(std::move(t)));
    s.rows.push_back(std::move(cells));
  };
  row({"An orgflow model as a workbook (docs/spreadsheets.md). Read back with: orgflow import sheet FILE -o MODEL.json"});
  row({"Each sheet after this one is one part of the model. Row 1 names the columns; every further row is one "
       "element; empty rows are skipped. An empty cell leaves the member out (its default applies)."});
  row({"Lists: items separated by ; (csv; crm), or a JSON array where needed: [] for an empty list, [\"a;b\"] for "
       "items that contain ;."});
  row({"Text: a cell of only double quotes stands for two fewer of them: \"\" is the empty text."});
  row({"Columns whose name starts with x- are your own: orgflow keeps them as they are. Their cells hold JSON "
       "text: \"text in double quotes\", 12, true, [...] or {...}."});
  row({"The sheet model holds key and value rows: orgflow (the format version) and name (the model's title), "
       "x- members of the whole model, and a row such as accepted | [] for a part of the model that is present but "
       "empty."});
  row({});
  s.header_row = s.rows.size();
  row({"sheet", "column", "required", "meaning", "allowed values"});
  for (const member_info& m : model_settings())
    row({"model", std::string(m.name), m.required ? "yes" : "no", std::string(m.meaning), std::string(m.allowed)});
  for (const array_info& a : model_arrays()) {
    row({std::string(a.name), "", "", std::string(a.meaning), ""});
    for (const member_info& m : a.members)
      row({std::string(a.name), std::string(m.name), m.required ? "yes" : "no", std::string(m.meaning),
           std::string(m.allowed)});
    if (const sheet* data = wb.find(a.name); data && !data->rows.empty())
      for (const sheet_cell& h : data->rows[0])
        if (is_x_member(h.text))
          row({std::string(a.name), h.text, "no", "A member of your own, kept as it is.", "JSON text"});
  }
  return s;
}

}  // namespace

workbook model_to_workbook(const model& m) {
  const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(save_model(m));
  workbook wb;

  sheet settings;
  settings.name = "model";
  settings.rows.push_back({sheet_cell::of_text("key"), sheet_cell::of_text("value")});
  settings.rows.push_back({sheet_cell::of_text("orgflow"), sheet_cell::of_number(model::format_version)});
  if (m.name) settings.rows.push_back({sheet_cell::of_text("name"), sheet_cell::of_text(text_for_cell(*m.name))});
  for (const auto& [key, text] : m.extras.x_members)
    settings.rows.push_back({sheet_cell::of_text(key), sheet_cell::of_text(text)});
  // A part written as an empty array (`"accepted": []`, which reports count
  // as "0 accepted") is a row `accepted | []`: an empty sheet means absent.
  for (const array_info& a : model_arrays())
    if (const auto it = doc.find(std::string(a.name)); a.name != "units" && it != doc.end() && it->empty())
      settings.rows.push_back({sheet_cell::of_text(std::string(a.name)), sheet_cell::of_text("[]")});
  wb.sheets.push_back(std::move(settings));

  for (const array_info& a : model_arrays()) {
    sheet s;
    s.name = std::string(a.name);
    std::vector<std::string> columns;
    for (const member_info& mi : a.members) columns.emplace_back(mi.name);
    const std::size_t known = columns.size();
    const auto it = doc.find(std::string(a.name));
    const std::size_t count = it == doc.end() ? 0 : it->size();
    for (std::size_t i = 0; i < count; ++i)
      for (const auto& [key, text] : extras_of(m, a.name, i).x_members)
        if (std::find(columns.begin() + static_cast<std::ptrdiff_t>(known), columns.end(), key) == columns.end())
          columns.push_back(key);
    std::vector<sheet_cell> header;
    for (const std::string& c : columns) header.push_back(sheet_cell::of_text(c));
    s.rows.push_back(std::move(header));
    for (std::size_t i = 0; i < count; ++i) {
      const auto& element = (*it)[i];
      std::vector<sheet_cell> cells(columns.size());
      for (std::size_t c = 0; c < known; ++c)
        if (const auto v = element.find(columns[c]); v != element.end()) cells[c] = cell_of(*v);
      for (const auto& [key, text] : extras_of(m, a.name, i).x_members) {
        const auto pos = std::find(columns.begin() + static_cast<std::ptrdiff_t>(known), columns.end(), key);
        cells[static_cast<std::size_t>(pos - columns.begin())] = sheet_cell::of_text(text);
      }
      while (!cells.empty() && cells.back().empty()) cells.pop_back();
      s.rows.push_back(std::move(cells));
    }
    wb.sheets.push_back(std::move(s));
  }
  wb.sheets.insert(wb.sheets.begin(), readme_sheet(wb));
  return wb;
}

}  // namespace orgflow
