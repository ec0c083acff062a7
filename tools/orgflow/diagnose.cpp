// `orgflow diagnose MODEL (--symptom ID | --all | --unit UNIT [--process P])`
// (cli.md; analyses.md, Diagnosis): will training fix it? The verdict with
// ranked causes, written by the report layer.
#include "common.hpp"
#include "compare_commands.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/report.hpp"

namespace orgflow::tool {

int run_diagnose(const diagnose_args& a) {
  const int ways = (a.symptom ? 1 : 0) + (a.all ? 1 : 0) + (a.unit ? 1 : 0);
  if (ways != 1) throw usage_error("diagnose: give exactly one of --symptom ID, --all or --unit UNIT");
  if (a.process && !a.unit) throw usage_error("diagnose: --process goes with --unit (a symptom names its own process)");
  refuse_overwrite(a.output, {a.model});
  const model m = load_model_file(a.model);
  std::vector<symptom_query> queries;
  if (a.symptom) {
    const auto i = m.find_symptom(*a.symptom);
    if (!i) {
      std::string known;
      for (const symptom& s : m.symptoms) known += (known.empty() ? "" : ", ") + s.id;
      throw usage_error("diagnose: " + shown_name(a.model) + " has no symptom '" + *a.symptom + "'" +
                        (known.empty() ? " (it declares none: use --unit UNIT)" : " (its symptoms: " + known + ")"));
    }
    queries.push_back(query_for_symptom(m, *i));
  } else if (a.all) {
    for (std::size_t i = 0; i < m.symptoms.size(); ++i) queries.push_back(query_for_symptom(m, i));
  } else {
    if (!m.find_unit(*a.unit)) throw usage_error("diagnose: " + shown_name(a.model) + " has no unit '" + *a.unit + "'");
    symptom_query q;
    q.unit = *a.unit;
    q.process = a.process;
    queries.push_back(q);
  }
  const analysis_result r = analyze(m, lean_analysis());
  std::vector<diagnosis> ds;
  for (const symptom_query& q : queries) ds.push_back(diagnose(m, r, q));
  std::string text;
  if (a.format == "json") {
    text = write_diagnoses_json(m, r, ds, /*as_array=*/a.all);
  } else if (a.format == "md") {
    text = write_diagnoses_markdown(m, r, ds);
  } else {
    text_options o;
    o.color = a.output == "-" && stdout_wants_color();
    text = ds.empty() ? shown_name(a.model) + " declares no symptom to diagnose.\n" : write_diagnoses_text(m, r, ds, o);
  }
  write_output(a.output, text);
  return exit_ok;
}

}  // namespace orgflow::tool
