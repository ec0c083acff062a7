// `orgflow diagnose MODEL (--symptom ID | --all | --unit UNIT [--performer P]
// [--process X] [--artifact A]...) [--plan [--plan-model FILE]]` (cli.md;
// analyses.md, Diagnosis): will training fix it? The verdict with its causes
// and, with --plan, the changes that would remove them, applied and checked
// by the library; written by the report layer.
#include "common.hpp"
#include "compare_commands.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/diagnosis.hpp"
#include "orgflow/plan.hpp"
#include "orgflow/report.hpp"

namespace orgflow::tool {

int run_diagnose(const diagnose_args& a) {
  const int ways = (a.symptom ? 1 : 0) + (a.all ? 1 : 0) + (a.unit ? 1 : 0);
  if (ways != 1) throw usage_error("diagnose: give exactly one of --symptom ID, --all or --unit UNIT");
  if ((a.process || a.performer || !a.artifacts.empty()) && !a.unit)
    throw usage_error("diagnose: --performer, --process and --artifact go with --unit (a symptom names its own)");
  if (a.plan && a.all) throw usage_error("diagnose: --plan goes with --symptom or --unit, not with --all");
  if (a.plan_model && !a.plan) throw usage_error("diagnose: --plan-model goes with --plan");
  if (a.plan_model && *a.plan_model == "-")
    throw usage_error("diagnose: the diagnosis goes to standard output; give --plan-model a file name");
  refuse_overwrite(a.output, {a.model});
  if (a.plan_model) refuse_overwrite(*a.plan_model, {a.model});
  const model& m = keep_until_exit(load_model_file(a.model));
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
    if (a.performer && !m.find_unit(*a.performer))
      throw usage_error("diagnose: " + shown_name(a.model) + " has no unit '" + *a.performer + "' (--performer)");
    for (const std::string& art : a.artifacts)
      if (!m.find_artifact(art))
        throw usage_error("diagnose: " + shown_name(a.model) + " has no artifact '" + art + "' (--artifact)");
    symptom_query q;
    q.unit = *a.unit;
    q.performer = a.performer;
    q.process = a.process;
    q.artifacts = a.artifacts;
    queries.push_back(q);
  }
  const analysis_result& r = keep_until_exit(analyze(m, lean_analysis()));
  std::vector<diagnosis> ds;
  for (const symptom_query& q : queries) ds.push_back(diagnose(m, r, q));
  std::unique_ptr<plan> p;
  if (a.plan) p = make_plan(m, ds.front());
  std::string text;
  if (a.format == "json") {
    text = write_diagnoses_json(m, r, ds, /*as_array=*/a.all, p.get());
  } else if (a.format == "md") {
    text = write_diagnoses_markdown(m, r, ds, p.get());
  } else {
    text_options o;
    o.color = a.output == "-" && stdout_wants_color();
    text = ds.empty() ? shown_name(a.model) + " declares no symptom to diagnose.\n"
                      : write_diagnoses_text(m, r, ds, o, p.get());
  }
  if (a.plan_model) write_output(*a.plan_model, save_model(p->changed));
  write_output(a.output, text);
  return exit_ok;
}

}  // namespace orgflow::tool
