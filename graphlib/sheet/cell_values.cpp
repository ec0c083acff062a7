// Values in cells (cell_values.hpp).
#include "sheet/cell_values.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "text/escape.hpp"
#include "orgflow/message_text.hpp"
#include "sheet/cell_text.hpp"

namespace orgflow::sheet_detail {

namespace {

// A cell's text as a message shows it: quoted, cut after 40 characters.
std::string shown(std::string_view s) {
  if (character_count(s) <= 40) return sheet_detail::quoted(s);
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < 40) {
    const std::size_t k = text_detail::decode_utf8(s, i).length;
    i += k == 0 ? 1 : k;
    ++n;
  }
  return sheet_detail::quoted(s.substr(0, i)) + "...";
}

bool needs_json_list(const std::vector<std::string>& items) {
  if (items.empty()) return true;
  for (const std::string& s : items) {
    if (s.empty() || s.find(';') != std::string::npos || trim(s).size() != s.size()) return true;
  }
  return items.front()[0] == '[';
}

// The JSON text of an integer cell value, or empty with *why.
std::string integer_json(double x, std::string_view shown_value, const std::string& q, std::string* why) {
  if (x != std::trunc(x)) {
    *why = q + " must be a whole number, not " + std::string(shown_value);
    return {};
  }
  if (std::fabs(x) > 9.0e15) {
    *why = q + " is too large (" + std::string(shown_value) + ")";
    return {};
  }
  return std::to_string(static_cast<std::int64_t>(x));
}

}  // namespace

std::string list_text(const std::vector<std::string>& items) {
  std::string out;
  if (needs_json_list(items)) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ", ";
      text_detail::append_model_json_string(out, items[i]);
    }
    out += ']';
    return out;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += "; ";
    out += items[i];
  }
  return out;
}

std::string text_for_cell(const std::string& s) {
  if (s.find_first_not_of('"') == std::string::npos) return s + "\"\"";
  return s;
}

std::string text_from_cell(const std::string& cell) {
  if (cell.size() >= 2 && cell.find_first_not_of('"') == std::string::npos) return cell.substr(2);
  return cell;
}

namespace {

// A cell of an x- column: JSON text, or a number or truth value as JSON.
std::string x_member_json(const sheet_cell& cell, const std::string& q, std::string* why) {
  using k = sheet_cell::kind;
  if (cell.type == k::number) return number_text(cell.number);
  if (cell.type == k::boolean) return cell.boolean ? "true" : "false";
  if (!nlohmann::json::accept(cell.text)) {
    *why = q + " must be JSON text, not " + shown(cell.text) +
           " (a column whose name starts with x- holds JSON: text in double quotes such as \"abc\", a number, "
           "true, false, [...] or {...})";
    return {};
  }
  return std::string(trim(cell.text));
}

std::string integer_json_of(const sheet_cell& cell, const std::string& q, std::string* why) {
  using k = sheet_cell::kind;
  if (cell.type == k::number) return integer_json(cell.number, number_text(cell.number), q, why);
  if (cell.type == k::text) {
    const std::string_view s = trim(cell.text);
    std::int64_t v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (!s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size()) return std::to_string(v);
    if (const auto x = parse_number(s)) return integer_json(*x, shown(s), q, why);
    *why = q + " must be a whole number, not " + shown(cell.text);
    return {};
  }
  *why = q + " must be a whole number, not " + std::string(cell.boolean ? "TRUE" : "FALSE");
  return {};
}

std::string number_json_of(const sheet_cell& cell, const std::string& q, std::string* why) {
  using k = sheet_cell::kind;
  if (cell.type == k::number) return number_text(cell.number);
  if (cell.type == k::text) {
    const std::string_view s = trim(cell.text);
    if (const auto x = parse_number(s)) return number_text(*x);
    std::string hint;
    if (s.find(',') != std::string_view::npos) hint = " (write the decimal part after a dot: 0.9)";
    *why = q + " must be a number, not " + shown(cell.text) + hint;
    return {};
  }
  *why = q + " must be a number, not " + std::string(cell.boolean ? "TRUE" : "FALSE");
  return {};
}

std::string boolean_json_of(const sheet_cell& cell, const std::string& q, std::string* why) {
  using k = sheet_cell::kind;
  if (cell.type == k::boolean) return cell.boolean ? "true" : "false";
  if (cell.type == k::number && (cell.number == 0 || cell.number == 1)) return cell.number == 1 ? "true" : "false";
  if (cell.type == k::text) {
    const std::string s = lower_ascii(trim(cell.text));
    if (s == "true") return "true";
    if (s == "false") return "false";
  }
  *why = q + " must be true or false, not " +
         (cell.type == k::text ? shown(cell.text) : number_text(cell.number));
  return {};
}

// A list: items separated by ;, or a JSON array of texts.
std::string list_json_of(const sheet_cell& cell, const std::string& q, std::string* why) {
  using k = sheet_cell::kind;
  if (cell.type == k::boolean) {
    *why = q + " must be a list, not " + std::string(cell.boolean ? "TRUE" : "FALSE");
    return {};
  }
  std::vector<std::string> items;
  if (cell.type == k::number) {
    items.push_back(number_text(cell.number));
  } else {
    const std::string_view s = trim(cell.text);
    if (!s.empty() && s[0] == '[') {
      const nlohmann::json j = nlohmann::json::parse(s.begin(), s.end(), nullptr, /*allow_exceptions=*/false);
      bool ok = j.is_array();
      if (ok)
        for (const auto& item : j)
          if (!item.is_string()) ok = false;
      if (!ok) {
        *why = q + " starts with [ but is not a JSON array of texts such as [\"a;b\", \"c\"] (write the items "
                   "separated by ; without the brackets)";
        return {};
      }
      for (const auto& item : j) items.push_back(item.get<std::string>());
    } else {
      std::size_t start = 0;
      while (start <= s.size()) {
        const std::size_t end = std::min(s.find(';', start), s.size());
        const std::string_view item = trim(s.substr(start, end - start));
        if (!item.empty()) items.emplace_back(item);
        start = end + 1;
      }
      if (items.empty()) {
        *why = q + " lists no item (leave the cell empty, or write [] for an empty list)";
        return {};
      }
    }
  }
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    text_detail::append_model_json_string(out, items[i]);
  }
  return out + "]";
}

}  // namespace

std::string json_of_cell(const sheet_cell& cell, member_type t, bool is_x, std::string_view member, std::string* why) {
  const std::string q = sheet_detail::quoted(member);
  using k = sheet_cell::kind;
  if (cell.type == k::date) {
    *why = q + " holds a date (" + cell.text +
           "): orgflow reads no dates (write a duration such as 2d or P2D, and format the cell as text if the "
           "spreadsheet turns it into a date)";
    return {};
  }
  if (cell.type == k::error) {
    *why = q + " holds the spreadsheet error " + cell.text + " (replace the formula or type the value)";
    return {};
  }
  if (cell.type == k::text && !is_valid_utf8(cell.text)) {
    *why = q + " is not valid UTF-8 text (save the file as UTF-8)";
    return {};
  }
  if (is_x) return x_member_json(cell, q, why);
  switch (t) {
    case member_type::integer: return integer_json_of(cell, q, why);
    case member_type::number: return number_json_of(cell, q, why);
    case member_type::boolean: return boolean_json_of(cell, q, why);
    case member_type::text_list:
    case member_type::unit_list:
    case member_type::artifact_list: return list_json_of(cell, q, why);
    default: break;
  }
  // Texts: ids, references, quantities, kinds, codes, free text.
  std::string text;
  if (cell.type == k::number) text = number_text(cell.number);
  else if (cell.type == k::boolean) text = cell.boolean ? "TRUE" : "FALSE";
  else text = text_from_cell(cell.text);
  return sheet_detail::quoted(text);
}

}  // namespace orgflow::sheet_detail
