// The last step of the importers that make every value themselves: an
// invalid model is the importer's bug (a logic_error, exit 3), never a
// diagnostic blamed on the input.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "import/built_model.hpp"

using namespace orgflow;

namespace {
unit named(const char* id) {
  unit u;
  u.id = id;
  return u;
}
}  // namespace

TEST_CASE("finish_built_model assigns generated ids and passes a valid model", "[import][errors]") {
  model m;
  m.units.push_back(named("a"));
  m.units.push_back(named("b"));
  CHECK_NOTHROW(import_detail::finish_built_model(m, "import test"));
  model empty;
  CHECK_NOTHROW(import_detail::finish_built_model(empty, "import test"));
}

TEST_CASE("finish_built_model reports an invalid model as a bug of the named importer", "[import][errors]") {
  model m;
  m.units.push_back(named("a"));
  m.units.push_back(named("a"));  // a repeated id: no input may lead here
  try {
    import_detail::finish_built_model(m, "import test");
    FAIL("no exception");
  } catch (const std::logic_error& e) {
    const std::string what = e.what();
    CHECK(what.find("internal invariant broken: import test built an invalid model (a bug)") == 0);
    CHECK(what.find("/units/1") != std::string::npos);
  }
}
