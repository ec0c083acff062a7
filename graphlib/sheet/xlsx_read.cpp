// read_xlsx (orgflow/sheet.hpp): an .xlsx file is a zip of XML parts. The zip
// is read from memory through libminizip (Debian libminizip-dev, zlib's own
// contrib code) and each part through the project's expat reader
// (import/xml_reader.hpp), which rejects entity declarations and repairs
// mislabelled encodings.
//
// Parts are found the way the format says, through relationships:
// _rels/.rels names the workbook part, its .rels file names the sheets, the
// shared strings and the styles. Cells: `s` shared string, `inlineStr`,
// `str` (a formula's text), `b` boolean, `e` error, `d` ISO date, else a
// number; a number whose style is a date or time format is a date (styles:
// the built-in date formats and any custom format with d, m, y, h or s
// outside quotes and brackets).
//
// Limits against hostile files: at most 256 MiB unpacked per part and 1 GiB
// in all, whatever the zip's headers claim.
//
// Over 500 lines on purpose: the zip access, the relationship lookup and
// the handlers of the three XML parts read one file in one pass, and share
// the limits and the messages that name a sheet and a cell.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <unzip.h>

#include "import/xml_reader.hpp"
#include "orgflow/sheet.hpp"
#include "orgflow/text.hpp"
#include "sheet/cell_text.hpp"

namespace orgflow {

namespace {

constexpr std::uint64_t max_part_bytes = 256ull << 20;
constexpr std::uint64_t max_total_bytes = 1ull << 30;

// --- zip from memory --------------------------------------------------------
struct memory_stream {
  std::string_view bytes;
  std::uint64_t pos = 0;
};

voidpf ZCALLBACK mem_open(voidpf opaque, const void*, int) { return opaque; }
uLong ZCALLBACK mem_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto& m = *static_cast<memory_stream*>(stream);
  const std::uint64_t left = m.pos < m.bytes.size() ? m.bytes.size() - m.pos : 0;
  const auto n = static_cast<uLong>(std::min<std::uint64_t>(left, size));
  std::memcpy(buf, m.bytes.data() + m.pos, n);
  m.pos += n;
  return n;
}
uLong ZCALLBACK mem_write(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK mem_tell(voidpf, voidpf stream) { return static_cast<memory_stream*>(stream)->pos; }
long ZCALLBACK mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto& m = *static_cast<memory_stream*>(stream);
  std::uint64_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = m.pos;
  else if (origin == ZLIB_FILEFUNC_SEEK_END) base = m.bytes.size();
  else if (origin != ZLIB_FILEFUNC_SEEK_SET) return -1;
  if (offset > m.bytes.size() || base + offset > m.bytes.size()) return -1;
  m.pos = base + offset;
  return 0;
}
int ZCALLBACK mem_close(voidpf, voidpf) { return 0; }
int ZCALLBACK mem_error(voidpf, voidpf) { return 0; }

class zip_reader {
 public:
  explicit zip_reader(std::string_view bytes) : stream_{bytes, 0} {
    zlib_filefunc64_def f{};
    f.zopen64_file = mem_open;
    f.zread_file = mem_read;
    f.zwrite_file = mem_write;
    f.ztell64_file = mem_tell;
    f.zseek64_file = mem_seek;
    f.zclose_file = mem_close;
    f.zerror_file = mem_error;
    f.opaque = &stream_;
    zip_ = unzOpen2_64("", &f);
  }
  ~zip_reader() {
    if (zip_) unzClose(zip_);
  }
  zip_reader(const zip_reader&) = delete;
  zip_reader& operator=(const zip_reader&) = delete;
  bool ok() const { return zip_ != nullptr; }

  // The part's bytes; nullopt when it is absent; *why set when it is there
  // but cannot be read.
  std::optional<std::string> part(const std::string& name, std::string* why) {
    if (unzLocateFile(zip_, name.c_str(), 2) != UNZ_OK) return std::nullopt;  // 2: ignore case
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      *why = "the zip entry " + name + " is damaged";
      return std::nullopt;
    }
    if (info.flag & 1u) {
      *why = "the workbook is encrypted (save it without a password)";
      return std::nullopt;
    }
    if (unzOpenCurrentFile(zip_) != UNZ_OK) {
      *why = "the zip entry " + name + " cannot be opened (unknown compression?)";
      return std::nullopt;
    }
    std::string out;
    char buf[1 << 16];
    int n = 0;
    while ((n = unzReadCurrentFile(zip_, buf, sizeof buf)) > 0) {
      out.append(buf, static_cast<std::size_t>(n));
      total_ += static_cast<std::uint64_t>(n);
      if (out.size() > max_part_bytes || total_ > max_total_bytes) {
        unzCloseCurrentFile(zip_);
        *why = "the part " + name + " unpacks to more than 256 MiB (or the workbook to more than 1 GiB)";
        return std::nullopt;
      }
    }
    const int closed = unzCloseCurrentFile(zip_);
    if (n < 0 || closed == UNZ_CRCERROR) {
      *why = "the zip entry " + name + " is damaged (" + (closed == UNZ_CRCERROR ? "checksum" : "data") + " error)";
      return std::nullopt;
    }
    return out;
  }

 private:
  memory_stream stream_;
  unzFile zip_ = nullptr;
  std::uint64_t total_ = 0;
};

// --- helpers -------------------------------------------------------------------
const xml::element* child(const xml::document& d, const xml::element& e, std::string_view local) {
  for (std::size_t c : e.children)
    if (d.elements[c].local == local) return &d.elements[c];
  return nullptr;
}

template <class F>
void each_child(const xml::document& d, const xml::element& e, std::string_view local, F&& f) {
  for (std::size_t c : e.children)
    if (d.elements[c].local == local) f(d.elements[c]);
}

// The relationship id attribute (`r:id`), in whichever namespace.
const std::string* relationship_id(const xml::element& e) {
  for (const auto& a : e.attributes)
    if (a.local == "id" && !a.ns.empty()) return &a.value;
  return nullptr;
}

std::string folder_of(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// A relationship target resolved against the folder of its source part.
std::string resolve(const std::string& folder, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : folder + target;
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= path.size()) {
    const std::size_t end = std::min(path.find('/', i), path.size());
    const std::string seg = path.substr(i, end - i);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    i = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string rels_of(const std::string& part) {
  return folder_of(part) + "_rels/" + part.substr(folder_of(part).size()) + ".rels";
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Decodes `_xHHHH_` escapes (OOXML's way of writing characters XML cannot
// hold, and `_x005F_` for an underscore). A surrogate pair arrives as two
// escapes.
std::string unescape(const std::string& s) {
  if (s.find("_x") == std::string::npos && s.find("_X") == std::string::npos) return s;
  std::string out;
  std::uint32_t high = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (i + 7 <= s.size() && s[i] == '_' && (s[i + 1] == 'x' || s[i + 1] == 'X') && is_hex(s[i + 2]) &&
        is_hex(s[i + 3]) && is_hex(s[i + 4]) && is_hex(s[i + 5]) && s[i + 6] == '_') {
      const auto cp = static_cast<std::uint32_t>(std::stoul(s.substr(i + 2, 4), nullptr, 16));
      i += 7;
      if (cp >= 0xD800 && cp < 0xDC00) {
        high = cp;
        continue;
      }
      if (cp >= 0xDC00 && cp < 0xE000 && high != 0) {
        append_utf8(out, 0x10000 + ((high - 0xD800) << 10) + (cp - 0xDC00));
        high = 0;
        continue;
      }
      high = 0;
      append_utf8(out, cp);
      continue;
    }
    high = 0;
    out += s[i++];
  }
  return out;
}

// The text of a string item (<si> or <is>): its <t>, or the <t> of each run
// <r>; phonetic runs (<rPh>) are not part of the text.
std::string string_item(const xml::document& d, const xml::element& e) {
  std::string out;
  for (std::size_t c : e.children) {
    const xml::element& k = d.elements[c];
    if (k.local == "t") out += k.text;
    else if (k.local == "r")
      if (const xml::element* t = child(d, k, "t")) out += t->text;
  }
  return unescape(out);
}

// True when a number format shows a date or time.
bool is_date_format(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58) ||
      (id >= 71 && id <= 81))
    return true;
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      if (c == '"') quoted = false;
      continue;
    }
    if (c == '"') quoted = true;
    else if (c == '\\' || c == '_' || c == '*') ++i;  // the next character is literal
    else if (c == '[') {
      const std::size_t close = code.find(']', i);
      if (close == std::string::npos) break;
      const std::string inside = sheet_detail::lower_ascii(code.substr(i + 1, close - i - 1));
      if (inside == "h" || inside == "hh" || inside == "m" || inside == "mm" || inside == "s" || inside == "ss")
        return true;  // elapsed time
      i = close;
    } else if (std::strchr("dDmMyYhHsS", c) != nullptr && c != '\0') {
      return true;
    }
  }
  return false;
}

// A spreadsheet date number (days since 1899-12-30) as YYYY-MM-DD, for messages.
std::string serial_date(double serial) {
  long long days = static_cast<long long>(serial) - 25569;  // to days since 1970-01-01
  // Civil from days (H. Hinnant's algorithm).
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const long long doe = days - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  const auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return std::to_string(y) + "-" + two(m) + "-" + two(d);
}

// `C7` -> (6, 2); false when the reference is malformed.
bool parse_reference(const std::string& ref, std::size_t& row, std::size_t& column) {
  std::size_t i = 0, col = 0, r = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    const char c = static_cast<char>(ref[i] >= 'a' ? ref[i] - 'a' + 'A' : ref[i]);
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (col > 16384) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (r > 1048576) return false;
  }
  if (r == 0) return false;
  row = r - 1;
  column = col - 1;
  return true;
}

class xlsx_reader {
 public:
  xlsx_reader(std::string_view bytes, std::string_view file) : zip_(bytes), file_(file) {}

  workbook_result run() {
    workbook_result result;
    if (!zip_.ok()) return fail("is not an .xlsx workbook (it is not a readable zip file)");
    std::string why;
    // The workbook part, through the package relationships.
    std::string workbook_part = "xl/workbook.xml";
    if (auto rels = xml_part("_rels/.rels", &why)) {
      const xml::element& root = rels->elements[0];
      each_child(*rels, root, "Relationship", [&](const xml::element& r) {
        const std::string* type = r.attr("Type");
        const std::string* target = r.attr("Target");
        if (type && target && ends_with(*type, "/officeDocument")) workbook_part = resolve("", *target);
      });
    }
    if (!why.empty()) return fail(why);
    auto book = xml_part(workbook_part, &why);
    if (!book) {
      if (!why.empty()) return fail(why);
      return fail("is a zip file but not an .xlsx workbook (it has no " + workbook_part +
                  "; an OpenDocument .ods file? save it as .xlsx)");
    }
    std::map<std::string, std::string> targets;  // relationship id -> part
    std::string shared_part, styles_part;
    if (auto rels = xml_part(rels_of(workbook_part), &why)) {
      each_child(*rels, rels->elements[0], "Relationship", [&](const xml::element& r) {
        const std::string* id = r.attr("Id");
        const std::string* type = r.attr("Type");
        const std::string* target = r.attr("Target");
        if (!id || !type || !target) return;
        const std::string part = resolve(folder_of(workbook_part), *target);
        targets[*id] = part;
        if (ends_with(*type, "/sharedStrings")) shared_part = part;
        if (ends_with(*type, "/styles")) styles_part = part;
      });
    }
    if (!why.empty()) return fail(why);
    if (!shared_part.empty()) read_shared_strings(shared_part, &why);
    if (!why.empty()) return fail(why);
    if (!styles_part.empty()) read_styles(styles_part, &why);
    if (!why.empty()) return fail(why);

    workbook wb;
    const xml::element* sheets = child(*book, book->elements[0], "sheets");
    if (sheets) {
      for (std::size_t c : sheets->children) {
        const xml::element& s = book->elements[c];
        if (s.local != "sheet") continue;
        const std::string* name = s.attr("name");
        const std::string* rid = relationship_id(s);
        if (!name || !rid || !targets.count(*rid)) continue;  // a chart sheet or a dangling entry
        sheet out;
        out.name = unescape(*name);
        read_sheet(targets[*rid], out, &why);
        if (!why.empty()) return fail(why);
        wb.sheets.push_back(std::move(out));
      }
    }
    result.value = std::move(wb);
    result.notes = notes_;
    return result;
  }

 private:
  workbook_result fail(const std::string& message) {
    workbook_result r;
    r.diagnostics.push_back({file_, "", 0, 0, message});
    return r;
  }

  std::optional<xml::document> xml_part(const std::string& name, std::string* why) {
    std::string zip_why;
    auto bytes = zip_.part(name, &zip_why);
    if (!bytes) {
      if (!zip_why.empty()) *why = zip_why;
      return std::nullopt;
    }
    xml::parse_result parsed = xml::parse(*bytes);
    if (!parsed.doc) {
      const auto& e = *parsed.error;
      *why = "the part " + name + " is not well-formed XML" +
             (e.line > 0 ? " (line " + std::to_string(e.line) + ", column " + std::to_string(e.column) + ")" : "") +
             ": " + e.message;
      return std::nullopt;
    }
    for (const std::string& n : parsed.notes) notes_.push_back(file_ + ": " + name + ": " + n);
    return std::move(parsed.doc);
  }

  void read_shared_strings(const std::string& part, std::string* why) {
    auto doc = xml_part(part, why);
    if (!doc) return;
    each_child(*doc, doc->elements[0], "si", [&](const xml::element& si) { shared_.push_back(string_item(*doc, si)); });
  }

  void read_styles(const std::string& part, std::string* why) {
    auto doc = xml_part(part, why);
    if (!doc) return;
    const xml::element& root = doc->elements[0];
    std::map<int, std::string> codes;
    if (const xml::element* fmts = child(*doc, root, "numFmts"))
      each_child(*doc, *fmts, "numFmt", [&](const xml::element& f) {
        const std::string* id = f.attr("numFmtId");
        const std::string* code = f.attr("formatCode");
        if (id && code) codes[std::atoi(id->c_str())] = *code;
      });
    if (const xml::element* xfs = child(*doc, root, "cellXfs"))
      each_child(*doc, *xfs, "xf", [&](const xml::element& xf) {
        const std::string* id = xf.attr("numFmtId");
        const int n = id ? std::atoi(id->c_str()) : 0;
        const auto code = codes.find(n);
        date_styles_.push_back(is_date_format(n, code == codes.end() ? std::string() : code->second));
      });
  }

  void read_sheet(const std::string& part, sheet& out, std::string* why) {
    auto doc = xml_part(part, why);
    if (!doc) {
      if (why->empty()) *why = "the sheet " + out.name + " is missing from the workbook (" + part + ")";
      return;
    }
    const xml::element* data = child(*doc, doc->elements[0], "sheetData");
    if (!data) return;
    std::size_t next_row = 0;
    each_child(*doc, *data, "row", [&](const xml::element& row) {
      std::size_t r = next_row;
      if (const std::string* rr = row.attr("r")) {
        const long v = std::atol(rr->c_str());
        if (v >= 1 && v <= 1048576) r = static_cast<std::size_t>(v - 1);
      }
      next_row = r + 1;
      std::size_t next_col = 0;
      each_child(*doc, row, "c", [&](const xml::element& c) {
        std::size_t rr = r, cc = next_col;
        if (const std::string* ref = c.attr("r")) {
          std::size_t pr = 0, pc = 0;
          if (parse_reference(*ref, pr, pc)) {
            rr = pr;
            cc = pc;
          }
        }
        next_col = cc + 1;
        sheet_cell cell = read_cell(*doc, c);
        if (cell.empty()) return;
        if (out.rows.size() <= rr) out.rows.resize(rr + 1);
        if (out.rows[rr].size() <= cc) out.rows[rr].resize(cc + 1);
        out.rows[rr][cc] = std::move(cell);
      });
    });
  }

  sheet_cell read_cell(const xml::document& d, const xml::element& c) {
    const std::string* t = c.attr("t");
    const std::string type = t ? *t : "n";
    const xml::element* v = child(d, c, "v");
    if (type == "inlineStr") {
      const xml::element* is = child(d, c, "is");
      return is ? sheet_cell::of_text(string_item(d, *is)) : sheet_cell{};
    }
    if (!v) return {};
    const std::string& value = v->text;
    if (type == "s") {
      const long i = std::atol(value.c_str());
      if (i < 0 || static_cast<std::size_t>(i) >= shared_.size()) return {};
      return sheet_cell::of_text(shared_[static_cast<std::size_t>(i)]);
    }
    if (type == "str") return sheet_cell::of_text(unescape(value));
    if (type == "b") return sheet_cell::of_boolean(sheet_detail::trim(value) == "1");
    if (type == "e" || type == "d") {
      sheet_cell cell;
      cell.type = type == "e" ? sheet_cell::kind::error : sheet_cell::kind::date;
      cell.text = std::string(sheet_detail::trim(value));
      return cell;
    }
    const auto x = sheet_detail::parse_number(sheet_detail::trim(value));
    if (!x) return sheet_cell::of_text(value);  // not a number after all: keep what the file says
    if (const std::string* s = c.attr("s")) {
      const long style = std::atol(s->c_str());
      if (style >= 0 && static_cast<std::size_t>(style) < date_styles_.size() && date_styles_[static_cast<std::size_t>(style)]) {
        sheet_cell cell;
        cell.type = sheet_cell::kind::date;
        cell.text = serial_date(*x);
        return cell;
      }
    }
    return sheet_cell::of_number(*x);
  }

  zip_reader zip_;
  std::string file_;
  std::vector<std::string> shared_;
  std::vector<bool> date_styles_;
  std::vector<std::string> notes_;
};

}  // namespace

workbook_result read_xlsx(std::string_view bytes, std::string_view file_name) {
  return xlsx_reader(bytes, file_name).run();
}

}  // namespace orgflow
