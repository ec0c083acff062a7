// The table of model members (orgflow/model_schema.hpp), transcribed from the
// tables of docs/model-format.md: names and order exactly as there, meanings
// and allowed values in the words a workbook's README sheet shows.
#include "orgflow/model_schema.hpp"

#include "orgflow/text.hpp"

namespace orgflow {

bool is_list(member_type t) {
  return t == member_type::text_list || t == member_type::unit_list || t == member_type::artifact_list;
}

bool is_string(member_type t) {
  return !is_list(t) && t != member_type::integer && t != member_type::number && t != member_type::boolean;
}

namespace {

constexpr std::string_view duration_words = "a duration: a number and min, h, d, w or mo (30min, 4h, 2d, 1.5w, 1mo), or ISO 8601 (PT4H, P2D)";
constexpr std::string_view rate_words = "a rate: items per h, d, w or mo (200/w, 40/d, 5/h, 900/mo; also /hour, /day, /week, /month)";
constexpr std::string_view unit_id_words = "the id of a unit of the units sheet";
constexpr std::string_view artifact_id_words = "the id of an artifact of the artifacts sheet";
constexpr std::string_view id_words = "letters, digits and _ . : - (starting with a letter or digit), at most 128 characters, unique in the sheet";

// Long on purpose: the table of every member of the model, one entry per
// member, read and reviewed as one table.
std::vector<array_info> make_arrays() {
  using t = member_type;
  std::vector<array_info> a;
  a.push_back({"units", "unit", "Departments, teams, roles, IT systems or external parties: the nodes of the map.",
               {
                   {"id", t::id, true, "The unit's id, used by every other sheet.", id_words},
                   {"name", t::text, false, "Display name (default: the id).", "any text"},
                   {"kind", t::kind, false, "What the unit is (default: department).",
                    "department, team, role, system or external"},
                   {"group", t::unit_ref, false, "The enclosing division; groups nest and are drawn as clusters.",
                    "the id of another unit (groups must not form a cycle)"},
                   {"capacity", t::rate, false, "Work items the unit can finish per period.", "a rate more than 0 (120/w)"},
                   {"staff", t::integer, false, "Parallel workers sharing the capacity (default 1).",
                    "a whole number, at least 1"},
                   {"demand", t::rate, false, "Work that arrives from outside the model (customers, the market).",
                    rate_words},
                   {"accepts", t::text_list, false, "Formats the unit can use without conversion.",
                    "a list of formats (csv; crm)"},
                   {"members", t::integer, false, "Head count (used for privacy thresholds on imported data).",
                    "a whole number, at least 0"},
               }});
  a.push_back({"artifacts", "artifact", "Pieces of information that change and that other units rely on.",
               {
                   {"id", t::id, true, "The artifact's id, used by flows, handoffs, needs and symptoms.", id_words},
                   {"name", t::text, false, "Display name (default: the id).", "any text"},
                   {"owner", t::unit_ref, true, "The unit where the truth is kept and changes first.", unit_id_words},
                   {"changes", t::duration, false, "Mean time between changes.", "a duration more than 0 (14d)"},
                   {"max_age", t::duration, false, "How old it may be when used (default for every consumer).",
                    duration_words},
                   {"format", t::text, false, "The format the owner keeps it in.", "any text (xlsx, wiki, crm)"},
               }});
  a.push_back(
      {"flows", "flow", "Information that travels from one unit to another: the edges of the communication graph.",
       {
           {"id", t::id, false, "The flow's id (default: generated as from->to#n and not written).", id_words},
           {"from", t::unit_ref, true, "The unit that sends.", unit_id_words},
           {"to", t::unit_ref, true, "The unit that receives.", "the id of a unit other than from"},
           {"carries", t::artifact_list, false,
            "What it transmits; * is everything the sender knows; empty is general communication.",
            "a list of artifact ids (prices; features), or * alone"},
           {"channel", t::text, false, "How it travels.", "any text (email, meeting, crm, wiki, chat, report)"},
           {"latency", t::duration, false, "From sending to usable at the receiver (default 0).", duration_words},
           {"cadence", t::cadence, false, "How often it transmits (default on-change).",
            "on-change, hourly, daily, weekly, biweekly, monthly, quarterly, yearly, or a duration (7d)"},
           {"format", t::text, false, "The format it arrives in.", "any text (xlsx, pdf, crm)"},
           {"manual", t::boolean, false, "Someone re-keys or copies it by hand (default false).", "true or false"},
           {"reliability", t::number, false, "Share of changes that actually get passed on (default 1).",
            "a number more than 0 and at most 1 (0.9)"},
           {"volume", t::rate, false, "Messages per period (from imported communication data).", rate_words},
       }});
  a.push_back({"handoffs", "handoff", "Work that moves from one unit to the next inside a process: the edges of the work graph.",
               {
                   {"id", t::id, false, "The handoff's id (default: generated as from->to#n and not written).", id_words},
                   {"from", t::unit_ref, true, "The unit that hands the work on.", unit_id_words},
                   {"to", t::unit_ref, true, "The unit that receives it.", "the id of a unit other than from"},
                   {"process", t::text, false, "The process the handoff belongs to.", "any text (lead-to-cash)"},
                   {"item", t::text, false, "What is handed over.", "any text (lead, order, ticket)"},
                   {"volume", t::rate, false, "Items per period.", rate_words},
                   {"wait", t::duration, false, "Typical time the item waits before the receiver picks it up.",
                    duration_words},
                   {"context", t::artifact_list, false, "Information the receiver needs together with the item.",
                    "a list of artifact ids"},
                   {"returns", t::boolean, false,
                    "It returns the finished work or its result (a report, an answer) rather than sending it back "
                    "for rework (default false).",
                    "true or false"},
               }});
  a.push_back({"needs", "need", "Which unit relies on which artifact, and how fresh it must be.",
               {
                   {"unit", t::unit_ref, true, "The unit that relies on the artifact.", unit_id_words},
                   {"artifact", t::artifact_ref, true, "The artifact it relies on.", artifact_id_words},
                   {"max_age", t::duration, false, "How old it may be for this unit (overrides the artifact's).",
                    duration_words},
                   {"purpose", t::text, false, "Why the unit needs it (shown to readers).", "any text"},
               }});
  a.push_back({"symptoms", "symptom", "Problems that someone observed, to be diagnosed.",
               {
                   {"id", t::id, true, "The symptom's id (orgflow diagnose --symptom ID).", id_words},
                   {"unit", t::unit_ref, true, "Where the problem shows.", unit_id_words},
                   {"performer", t::unit_ref, false,
                    "Whose people someone proposes to train (default: the unit).", unit_id_words},
                   {"description", t::text, true, "The problem in the words of whoever reported it.", "any text"},
                   {"artifacts", t::artifact_list, false, "Information suspected to be involved.",
                    "a list of artifact ids"},
                   {"process", t::text, false, "The process it belongs to.", "any text"},
               }});
  a.push_back({"accepted", "accepted finding",
               "Findings the organization has decided to live with, for now: still shown, apart, never failing "
               "--fail-on.",
               {
                   {"code", t::code, true, "The finding's code.", "a finding code (RISK.CUT_UNIT; see docs/findings.md)"},
                   {"units", t::unit_list, true, "The finding's units, in any order.", "a list of unit ids"},
                   {"artifact", t::text, false, "The finding's artifact, when it has one.", "an artifact id"},
                   {"process", t::text, false, "The finding's process, when it has one.", "a process name"},
                   {"ref", t::text, false, "The flow or handoff the finding is about, when it has one.",
                    "a flow or handoff id"},
                   {"from", t::unit_ref, false, "For GAP.NO_FEEDBACK: the unit the work comes from.", "a unit id"},
                   {"to", t::unit_ref, false, "For GAP.NO_FEEDBACK: the unit the work goes to.", "a unit id"},
                   {"reason", t::text, true, "Why it is accepted, in the words of whoever decided (and until when).",
                    "any text"},
               }});
  return a;
}

}  // namespace

const std::vector<array_info>& model_arrays() {
  static const std::vector<array_info> arrays = make_arrays();
  return arrays;
}

std::string count_elements(const array_info& a, std::size_t n) {
  // Every element word takes an s, and every array is named by its plural.
  return count_of(static_cast<std::int64_t>(n), a.element, std::string(a.element) + "s");
}

const array_info* find_model_array(std::string_view name) {
  for (const array_info& a : model_arrays())
    if (a.name == name) return &a;
  return nullptr;
}

const member_info* find_member(const array_info& a, std::string_view name) {
  for (const member_info& m : a.members)
    if (m.name == name) return &m;
  return nullptr;
}

const std::vector<member_info>& model_settings() {
  static const std::vector<member_info> settings = {
      {"orgflow", member_type::integer, true, "The format version of the model.", "1 or 2 (export writes 2)"},
      {"name", member_type::text, false, "The model's title.", "any text"},
  };
  return settings;
}

}  // namespace orgflow
