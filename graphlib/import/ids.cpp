// Model ids from source names: the slug rule and the collision suffixes
// described in ids.hpp. Pure ASCII byte logic, independent of the locale.
#include "import/ids.hpp"

#include <cstring>

namespace orgflow::import_ids {
namespace {

bool ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  if (!ascii_alnum(static_cast<unsigned char>(id[0]))) return false;
  for (const char ch : id) {
    const auto c = static_cast<unsigned char>(ch);
    if (!ascii_alnum(c) && c != '_' && c != '.' && c != ':' && c != '-') return false;
  }
  return true;
}

std::string slug_id(std::string_view name, std::string_view fallback) {
  std::string out;
  out.reserve(name.size() < max_slug_length ? name.size() : max_slug_length);
  bool pending_dash = false;  // a separator run seen since the last kept character
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (ascii_alnum(c)) {
      if (pending_dash && !out.empty()) {
        if (out.size() + 1 >= max_slug_length) break;  // no room for "-x"
        out.push_back('-');
      }
      pending_dash = false;
      if (out.size() >= max_slug_length) break;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
    } else {
      pending_dash = true;
    }
  }
  if (out.empty()) return std::string(fallback);
  return out;
}

bool id_allocator::taken(std::string_view id) const { return used_.count(std::string(id)) != 0; }

bool id_allocator::reserve(std::string_view id) { return used_.insert(std::string(id)).second; }

std::string id_allocator::allocate(std::string_view name, std::string_view fallback) {
  const std::string base = slug_id(name, fallback);
  if (used_.insert(base).second) return base;
  for (unsigned long n = 2;; ++n) {
    std::string candidate = base + "-" + std::to_string(n);
    if (used_.insert(candidate).second) return candidate;
  }
}

std::string file_stem(const std::string& path, std::initializer_list<const char*> extensions) {
  std::string name = path;
  const auto slash = name.find_last_of('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  for (const char* ext : extensions) {
    const std::size_t n = std::strlen(ext);
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) name.resize(name.size() - n);
  }
  return name;
}

std::string fold_name(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}


}  // namespace orgflow::import_ids
