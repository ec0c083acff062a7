// Model ids from names found in imported data (shared by every importer).
//
// Source files name things freely ("Sales & Marketing", "Org line A2",
// "EMPTY", "4", names with newlines or accents), while model ids must match
// `[A-Za-z0-9][A-Za-z0-9_.:-]*`, be at most 128 characters and be unique in
// their array (model-format.md, Identifiers). The importers keep the source
// name as `name` and derive the id here, by one fixed rule so that the same
// input always gives the same ids:
//
//   slug_id("Sales & Marketing") == "sales-marketing"
//     ASCII letters are lower-cased, ASCII digits kept; every run of other
//     bytes (spaces, punctuation, `_ . :`, UTF-8 of non-ASCII letters) becomes
//     one `-`; leading and trailing `-` are dropped; the result is cut to 120
//     characters (room for a suffix). A name with no ASCII letter or digit
//     gives the fallback ("unit", "artifact", ...).
//
//   id_allocator a; a.allocate("Sales") == "sales"; a.allocate("sales") == "sales-2";
//     a later "Sales 2" gets "sales-2-2" because "sales-2" is taken: a suffix
//     `-N` (N = 2, 3, ...) is added to the slug until the id is free.
//
// Ids are handed out in call order: call allocate() in a deterministic order
// (file order, or sorted names) to get deterministic output.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>

namespace orgflow::import_ids {

/// Longest slug before a collision suffix; leaves room for `-N` under 128.
inline constexpr std::size_t max_slug_length = 120;

/// True when `id` is a valid model id (pattern and length of model-format.md).
bool is_valid_id(std::string_view id);

/// The slug of `name` by the rule above; `fallback` (itself a valid id) when
/// the name has no ASCII letter or digit.
std::string slug_id(std::string_view name, std::string_view fallback = "unit");

/// Hands out unique ids within one namespace (one model array).
class id_allocator {
 public:
  /// A unique id for `name`: its slug, or the slug with `-2`, `-3`, ...
  std::string allocate(std::string_view name, std::string_view fallback = "unit");
  /// Marks an id as used (for example a fixed id such as `small-units`), so
  /// that allocate() never returns it. Returns false when it was taken.
  bool reserve(std::string_view id);
  bool taken(std::string_view id) const;

 private:
  std::unordered_set<std::string> used_;
};

/// The name of a file without its folder and without each of `extensions`
/// it ends with, taken off in the order given ("data/log.xes.gz" with
/// {".gz", ".xes"} gives "log"); a name that is only an extension keeps it.
/// The importers name a model after it. O(length of the path).
std::string file_stem(const std::string& path, std::initializer_list<const char*> extensions);

/// A name as the importers keep it: runs of blanks (space, tab, CR, LF)
/// folded to one space, none at either end. O(length).
std::string fold_name(std::string_view s);

}  // namespace orgflow::import_ids
