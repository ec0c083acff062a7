// starter_model() (orgflow/model_schema.hpp): the model `orgflow init`
// writes when no example is named. Three units and one element in every
// other array, chosen so that each shows how its sheet is filled in and so
// that analysing the model at once shows findings worth reading (a need
// with no route, a manual hop, an accepted finding).
#include "orgflow/model_schema.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow {

namespace {

duration_value duration_of(std::string_view text) { return *parse_duration(text, nullptr); }
rate_value rate_of(std::string_view text) { return *parse_rate(text, nullptr); }

}  // namespace

model starter_model() {
  model m;
  m.name = "My organization";

  unit sales;
  sales.id = "sales";
  sales.name = "Sales";
  sales.capacity = rate_of("60/w");
  sales.staff = 4;
  sales.accepts = std::vector<std::string>{"crm", "pdf"};
  unit marketing;
  marketing.id = "marketing";
  marketing.name = "Marketing";
  marketing.members = 6;
  unit finance;
  finance.id = "finance";
  finance.name = "Finance";
  finance.kind = unit_kind::department;
  m.units = {sales, marketing, finance};

  artifact prices;
  prices.id = "prices";
  prices.name = "Price list";
  prices.owner = "finance";
  prices.changes = duration_of("30d");
  prices.max_age = duration_of("7d");
  prices.format = "xlsx";
  m.artifacts = {prices};

  flow f;
  f.from = "finance";
  f.to = "sales";
  f.carries = std::vector<std::string>{"prices"};
  f.channel = "email";
  f.cadence = cadence_value{0, "on-change"};
  f.format = "xlsx";
  f.manual = true;
  m.flows = {f};

  handoff h;
  h.from = "marketing";
  h.to = "sales";
  h.process = "lead-to-cash";
  h.item = "lead";
  h.volume = rate_of("40/w");
  h.wait = duration_of("2d");
  h.context = std::vector<std::string>{"prices"};
  m.handoffs = {h};

  need n;
  n.unit = "marketing";
  n.artifact = "prices";
  n.purpose = "offers in campaigns";
  m.needs = {n};

  symptom s;
  s.id = "old-offers";
  s.unit = "sales";
  s.performer = "marketing";
  s.description = "Campaign leads arrive with offers at last month's prices";
  s.artifacts = std::vector<std::string>{"prices"};
  s.process = "lead-to-cash";
  m.symptoms = {s};

  accepted_finding a;
  a.code = "FRICTION.MANUAL";
  a.units = {"finance", "sales"};
  a.reason = "Finance re-keys the price list until the new ERP arrives (decided by the COO, until the end of Q3)";
  m.accepted = {a};
  m.has_accepted = true;

  assign_generated_ids(m);
  return m;
}

}  // namespace orgflow
