// The in-memory workbook of orgflow/sheet.hpp: cells, sheets, names of cells.
#include "orgflow/sheet.hpp"

#include "sheet/cell_text.hpp"

namespace orgflow {

sheet_cell sheet_cell::of_text(std::string s) {
  sheet_cell c;
  c.type = kind::text;
  c.text = std::move(s);
  return c;
}

sheet_cell sheet_cell::of_number(double x) {
  sheet_cell c;
  c.type = kind::number;
  c.number = x;
  return c;
}

sheet_cell sheet_cell::of_boolean(bool b) {
  sheet_cell c;
  c.type = kind::boolean;
  c.boolean = b;
  return c;
}

const sheet_cell& sheet::at(std::size_t row, std::size_t column) const {
  static const sheet_cell empty_cell;
  if (row >= rows.size() || column >= rows[row].size()) return empty_cell;
  return rows[row][column];
}

const sheet* workbook::find(std::string_view name) const {
  for (const sheet& s : sheets)
    if (sheet_detail::equal_ignoring_case(s.name, name)) return &s;
  return nullptr;
}

std::string cell_name(std::size_t row, std::size_t column) {
  std::string letters;
  std::size_t c = column + 1;  // bijective base 26: A..Z, AA..
  while (c > 0) {
    const std::size_t r = (c - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + r));
    c = (c - 1) / 26;
  }
  return letters + std::to_string(row + 1);
}

}  // namespace orgflow
