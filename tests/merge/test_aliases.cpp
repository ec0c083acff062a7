// read_aliases (orgflow/merge.hpp): the --alias table in CSV and JSON, and
// its mistakes, each at its line or pointer.
#include <catch2/catch.hpp>

#include "orgflow/merge.hpp"
#include "support/temp_file.hpp"

using namespace orgflow;
using orgflow_test::temp_file;

namespace {

std::vector<std::string> shown(const alias_result& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics) out.push_back(d.to_string());
  return out;
}

std::vector<std::pair<std::string, std::string>> pairs(const alias_result& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : r.value->entries) out.emplace_back(e.alias, e.id);
  return out;
}

}  // namespace

TEST_CASE("a CSV alias table, with chains resolved", "[merge]") {
  temp_file f("id,alias-of\nLane_1,sales\n17,Lane_1\n\"Sales Dept\",sales\nsales,sales\n", "aliases.csv");
  const alias_result r = read_aliases(f.path);
  REQUIRE(r.value);
  CHECK(pairs(r) == std::vector<std::pair<std::string, std::string>>{{"Lane_1", "sales"}, {"17", "sales"}, {"Sales Dept", "sales"}});
  CHECK(r.value->entries[1].place == f.path + ":3");
}

TEST_CASE("a semicolon CSV and both JSON forms", "[merge]") {
  temp_file semi("alias-of;id\nsales;17\n", "a.csv");
  CHECK(pairs(read_aliases(semi.path)) == std::vector<std::pair<std::string, std::string>>{{"17", "sales"}});
  temp_file object(R"({"17": "sales", "4": "stock"})", "a.json");
  CHECK(pairs(read_aliases(object.path)) == std::vector<std::pair<std::string, std::string>>{{"17", "sales"}, {"4", "stock"}});
  temp_file array(R"([{"id": "17", "alias-of": "sales"}])", "b.json");
  CHECK(pairs(read_aliases(array.path)) == std::vector<std::pair<std::string, std::string>>{{"17", "sales"}});
}

TEST_CASE("mistakes in an alias table are reported together, at their lines", "[merge]") {
  temp_file f("id,alias-of\n17,sales\n17,stock\n4,Stock Room\n5,\na,b\nb,a\n", "aliases.csv");
  const alias_result r = read_aliases(f.path);
  CHECK_FALSE(r.value);
  CHECK(shown(r) == std::vector<std::string>{
                        f.path + ":3:4: \"17\" is already an alias of \"sales\" (at " + f.path +
                            ":2): an id stands for one unit",
                        f.path + ":4:3: \"Stock Room\" is not a valid unit id (letters, digits and _ . : -, starting "
                                 "with a letter or digit)",
                        f.path + ":5:3: both columns need a value: the id, and the unit id it stands for",
                        f.path + ":6:3: the aliases form a cycle: a -> b -> a (one of them must be the unit's id)"});
  temp_file no_header("17,sales\n", "c.csv");
  CHECK(shown(read_aliases(no_header.path)) ==
        std::vector<std::string>{no_header.path + ":1:1: the first line must name the columns id and alias-of (id,alias-of: "
                                                  "each row maps the id in the first column onto the unit in the second)"});
  temp_file empty("", "e.csv");
  CHECK(shown(read_aliases(empty.path)) ==
        std::vector<std::string>{empty.path + ":1:1: the file is empty (its first line names the columns id and "
                                              "alias-of, then one row per alias)"});
  temp_file bad_json(R"({"17": 4})", "d.json");
  CHECK(shown(read_aliases(bad_json.path)) ==
        std::vector<std::string>{bad_json.path + ":/17: an alias and the id it stands for must both be texts"});
}
