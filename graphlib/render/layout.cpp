// Layout and rendering through Graphviz (cgraph + gvc) in process, without
// the `dot` program, and the small parsers of render.hpp.
//
// Over 500 lines on purpose: the child-process protocol (fork, pipe, poll,
// time limit, exit status), the Graphviz calls made inside the child and the
// choice among a view's drawings depend on each other's details; split
// apart, each half would have to restate the other's rules.
//
// Every layout runs in a forked child process that reads the view's DOT text,
// lays it out, renders it and sends the bytes back through a pipe. Three
// Graphviz 2.42 facts make this the safe design (toolchain.md):
//  - after a failed layout ("trouble in init_rank") gvFreeLayout can abort the
//    whole process with a double free: in a child that is an error message,
//    never a crash of orgflow;
//  - repeated in-process layouts of a clustered graph give different bytes;
//    only the first layout of a process is reproducible, and every child is a
//    fresh first layout, so the same command gives byte-identical SVG;
//  - Graphviz keeps global state (error level, fonts, allocations it leaks):
//    the child takes all of it with it when it exits.
// The plugins are linked into the executable and registered with
// gvContextPlugins(), so no plugin configuration file (config6a) is needed.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <csignal>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <exception>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include "analysis/parallel.hpp"
#include "orgflow/io.hpp"
#include "orgflow/number.hpp"
#include "orgflow/render.hpp"
#include "render/dot_build.hpp"
#include "render/view_build.hpp"
#include "text/dot_text.hpp"

extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
extern gvplugin_library_t gvplugin_pango_LTX_library;
}

namespace orgflow {

namespace {

// Graphviz 2.42 takes `char*` where it means `const char*`.
char* cs(const char* s) { return const_cast<char*>(s); }

lt_symlist_t builtin_plugins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {"gvplugin_pango_LTX_library", &gvplugin_pango_LTX_library},
    {nullptr, nullptr}};

// Object ids in creation order. cgraph's default id discipline uses the
// address of the interned name as a named object's id, and it orders
// subgraphs by id: so the order of clusters, and with it the layout, follows
// where malloc happened to put the names. In a fresh `dot` process that is
// always the same place; in a child forked from a long-running process (a
// test run, a report with many diagrams) it is not, and two renders of the
// same view differed. Counting instead makes the order the file's order.
struct sequential_ids {
  Agraph_t* root = nullptr;
  std::map<std::string, IDTYPE, std::less<>> by_name;
  std::vector<char*> names;  // interned (agstrdup) name of id 2(k+1) at k
  IDTYPE next_anonymous = 1;  // anonymous ids are odd, as in cgraph's own
};

void* ids_open(Agraph_t* g, Agdisc_t*) {
  auto* s = new sequential_ids;
  s->root = g;
  return s;
}

long ids_map(void* state, int, char* str, IDTYPE* id, int create) {
  auto* s = static_cast<sequential_ids*>(state);
  if (!str) {
    *id = s->next_anonymous;
    s->next_anonymous += 2;
    return 1;
  }
  if (auto it = s->by_name.find(std::string_view(str)); it != s->by_name.end()) {
    *id = it->second;
    return 1;
  }
  if (!create) return 0;
  // Interned like cgraph's own names, so that code which inspects a name's
  // string header (aghtmlstr) finds one.
  s->names.push_back(agstrdup(s->root, str));
  *id = 2 * static_cast<IDTYPE>(s->names.size());
  s->by_name.emplace(str, *id);
  return 1;
}

long ids_alloc(void*, int, IDTYPE) { return 0; }
void ids_free(void*, int, IDTYPE) {}

char* ids_print(void* state, int, IDTYPE id) {
  auto* s = static_cast<sequential_ids*>(state);
  if (id % 2 == 0 && id / 2 >= 1 && id / 2 <= s->names.size()) return s->names[id / 2 - 1];
  return nullptr;
}

void ids_close(void* state) { delete static_cast<sequential_ids*>(state); }
void ids_register(void*, int, void*) {}

Agiddisc_t sequential_id_disc = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};

// Reads DOT text from memory line by line, as agmemread() does.
struct text_reader {
  const char* data;
  std::size_t size;
  std::size_t pos;
};

int read_text(void* chan, char* buf, int bufsize) {
  auto* r = static_cast<text_reader*>(chan);
  if (bufsize <= 0 || r->pos >= r->size) return 0;
  int n = 0;
  char c = 0;
  do {
    c = r->data[r->pos++];
    buf[n++] = c;
  } while (c != '\n' && n < bufsize && r->pos < r->size);
  return n;
}

Agiodisc_t text_io = {read_text, nullptr, nullptr};

/// agmemread() with sequential ids.
Agraph_t* read_dot(const std::string& dot) {
  text_io.putstr = AgIoDisc.putstr;
  text_io.flush = AgIoDisc.flush;
  static Agdisc_t disc = {&AgMemDisc, &sequential_id_disc, &text_io};
  text_reader r{dot.data(), dot.size(), 0};
  return agread(&r, &disc);
}

// Messages Graphviz reports while the child works (errors and warnings).
std::string graphviz_messages;
int collect_message(char* text) {
  graphviz_messages += text;
  return 0;
}

const char* format_name(output_format f) {
  switch (f) {
    case output_format::svg: return "svg";
    case output_format::png: return "png";
    case output_format::pdf: return "pdf";
    case output_format::dot: return "dot";
  }
  return "svg";
}

// Writes everything or gives up (the parent then sees a short message).
bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// True when a node is drawn inside the box of a cluster it does not belong
// to: a reader would take it for a member. dot with `newrank=true` (used for
// inline edge labels) can do that in 2.42; the plain layout does not.
bool cluster_overlap(Agraph_t* root, Agraph_t* g) {
  for (int i = 1; i <= GD_n_cluster(g); ++i) {
    Agraph_t* c = GD_clust(g)[i];
    const boxf bb = GD_bb(c);
    for (Agnode_t* n = agfstnode(root); n; n = agnxtnode(root, n)) {
      if (agsubnode(c, n, 0)) continue;
      const pointf p = ND_coord(n);
      const double hw = ND_width(n) * 36.0, hh = ND_height(n) * 36.0;  // inches to points, halved
      if (p.x + hw > bb.LL.x && p.x - hw < bb.UR.x && p.y + hh > bb.LL.y && p.y - hh < bb.UR.y) return true;
    }
    if (cluster_overlap(root, c)) return true;
  }
  return false;
}

// Messages Graphviz and the libraries under it (cairo, pango, fontconfig)
// print straight to standard error in the child: kept in memory, shown only
// when the child fails, so that nothing but orgflow's own lines ever reaches
// the user's terminal.
void capture_stderr() {
  const int fd = ::memfd_create("orgflow-graphviz-messages", 0);
  if (fd < 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, 2);
    return;
  }
  ::dup2(fd, 2);
  ::close(fd);
}

std::string captured_stderr() {
  std::string out;
  if (::lseek(2, 0, SEEK_SET) != 0) return out;
  char chunk[4096];
  ssize_t n = 0;
  while (out.size() < 4096 && (n = ::read(2, chunk, sizeof chunk)) > 0) out.append(chunk, static_cast<std::size_t>(n));
  return out;
}

// Graphviz's words for a failure: its messages, then what reached standard
// error, as clean UTF-8 (a DOT error may quote bytes), at most 1,000 characters.
std::string graphviz_words() {
  std::string all = graphviz_messages;
  const std::string more = captured_stderr();
  if (!more.empty() && all.find(more) == std::string::npos) all += (all.empty() ? "" : "\n") + more;
  all = render_detail::clean_text(all);
  if (render_detail::text_width(all) > 1000) all = render_detail::shorten(all, 1000);
  return all;
}

// How many edge texts a layout draws over another edge text or over a box:
// what makes a drawing hard to read, whatever its size. O(L (L + N)) for L
// edge texts and N nodes (a few hundred at most, by the size limits).
std::size_t text_collisions(Agraph_t* g) {
  struct rect { double x0, y0, x1, y1; };
  auto of = [](const textlabel_t* l) {
    return rect{l->pos.x - l->dimen.x / 2, l->pos.y - l->dimen.y / 2, l->pos.x + l->dimen.x / 2,
                l->pos.y + l->dimen.y / 2};
  };
  auto meet = [](const rect& a, const rect& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; };
  std::vector<rect> texts, boxes;
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    const pointf p = ND_coord(n);
    const double hw = ND_width(n) * 36.0, hh = ND_height(n) * 36.0;
    boxes.push_back({p.x - hw, p.y - hh, p.x + hw, p.y + hh});
    for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e))
      for (const textlabel_t* l : {ED_label(e), ED_xlabel(e)})
        if (l && l->set) texts.push_back(of(l));
  }
  std::size_t count = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    for (std::size_t j = i + 1; j < texts.size(); ++j) count += meet(texts[i], texts[j]);
    for (const rect& b : boxes) count += meet(texts[i], b);
  }
  return count;
}

// The child's whole work: returns the exit status; writes to `fd` a status
// byte ('+' rendered, '-' failed) and then the bytes or the message.
int child_render(int fd, const std::string& dot, layout_engine engine, output_format format, bool check_clusters) {
  capture_stderr();
  agseterr(AGWARN);
  agseterrf(collect_message);
  agreseterrors();
  auto fail = [&](const std::string& why) {
    std::string msg = "-" + why;
    write_all(fd, msg.data(), msg.size());
    return 1;
  };
  GVC_t* gvc = gvContextPlugins(builtin_plugins, 0);
  if (!gvc) return fail("Graphviz could not start");
  Agraph_t* g = read_dot(dot);
  if (!g || agerrors() > 0) return fail("Graphviz could not read the view's DOT text: " + graphviz_words());
  if (format == output_format::png) {
    // Bitmaps at 110 dpi: sharper than Graphviz's 96 on a projector, still
    // small files; and never more than png_max_pixels on a side: a larger
    // drawing is scaled down to fit (`size` in inches, the margin `pad` of
    // 0.3 in on each side and a pixel of rounding outside it).
    const double inches =
        (render_detail::png_max_pixels - 2.0 * 0.3 * render_detail::png_dpi - 2.0) / render_detail::png_dpi;
    const std::string size = format_number(inches, 2) + "," + format_number(inches, 2);
    agsafeset(g, cs("dpi"), cs(std::to_string(render_detail::png_dpi).c_str()), cs(""));
    agsafeset(g, cs("size"), cs(size.c_str()), cs(""));
  }
  const std::string engine_text(render_detail::engine_name(engine));
  if (gvLayout(gvc, g, engine_text.c_str()) != 0 || agerrors() > 0)
    return fail("Graphviz could not lay out the view with " + engine_text + ": " + graphviz_words());
  if (check_clusters && cluster_overlap(g, g)) return fail("the layout put a unit inside a group it is not in");
  char* buffer = nullptr;
  unsigned int length = 0;
  if (gvRenderData(gvc, g, format_name(format), &buffer, &length) != 0 || agerrors() > 0 || !buffer)
    return fail(std::string("Graphviz could not write ") + format_name(format) + ": " + graphviz_words());
  // The size of the layout in points (before any scaling to a PNG's
  // limit), for choosing between alternative drawings,
  // and how many of its texts collide: "+W H C\n", then the bytes.
  const boxf bb = GD_bb(g);
  const std::string head = "+" + format_number(bb.UR.x - bb.LL.x, 0) + " " + format_number(bb.UR.y - bb.LL.y, 0) +
                           " " + std::to_string(text_collisions(g)) + "\n";
  const bool ok = write_all(fd, head.data(), head.size()) && write_all(fd, buffer, length);
  // No gvFreeLayout/agclose: the process ends here, and freeing after a
  // layout that went wrong is exactly where 2.42 aborts.
  return ok ? 0 : 1;
}

std::string trim_message(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::optional<output_format> format_from_path(std::string_view path) {
  const auto slash = path.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = base.find_last_of('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string ext(base.substr(dot + 1));
  for (auto& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (ext == "svg") return output_format::svg;
  if (ext == "png") return output_format::png;
  if (ext == "pdf") return output_format::pdf;
  if (ext == "dot" || ext == "gv") return output_format::dot;
  return std::nullopt;
}

std::optional<layout_engine> parse_layout(std::string_view name) {
  if (name == "dot") return layout_engine::dot;
  if (name == "neato") return layout_engine::neato;
  if (name == "fdp") return layout_engine::fdp;
  if (name == "sfdp") return layout_engine::sfdp;
  return std::nullopt;
}

namespace {

// One layout: the DOT text, how to lay it out, and its limits.
struct layout_job {
  const std::string* dot = nullptr;
  layout_engine engine = layout_engine::dot;
  output_format format = output_format::svg;
  int cpu_seconds = render_detail::layout_seconds;  // CPU time the child may use
  bool check_clusters = false;
};

// A child at work: its process and the read end of its pipe.
struct running_child {
  pid_t pid = -1;
  int fd = -1;
  std::string received;
};

running_child start_child(const layout_job& job) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw environment_error(std::string("cannot start the layout: pipe failed: ") + std::strerror(errno), 3);
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw environment_error(std::string("cannot start the layout: fork failed: ") + std::strerror(err), 3);
  }
  if (pid == 0) {
    // Child: default signal handling (a test framework's crash handlers must
    // not run here), then render and leave without running exit handlers.
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGPIPE, SIGXCPU}) std::signal(sig, SIG_DFL);
    if (job.cpu_seconds > 0) {
      // A limit on CPU time, not on the clock: on a busy machine the same
      // layout must still get the same chance, so the output stays the same.
      rlimit limit{};
      limit.rlim_cur = static_cast<rlim_t>(job.cpu_seconds);
      limit.rlim_max = static_cast<rlim_t>(job.cpu_seconds) + 1;
      ::setrlimit(RLIMIT_CPU, &limit);
    }
    ::close(fds[0]);
    int status = 1;
    try {
      status = child_render(fds[1], *job.dot, job.engine, job.format, job.check_clusters);
    } catch (...) {
      status = 1;
    }
    ::close(fds[1]);
    ::_exit(status);
  }
  ::close(fds[1]);
  return running_child{pid, fds[0], {}};
}

/// Reads what is there; false at the end of the child's output.
bool read_some(running_child& c) {
  char chunk[65536];
  while (true) {
    const ssize_t n = ::read(c.fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    c.received.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

/// Waits for the child and returns its bytes, or throws environment_error
/// with the reason.
/// What a layout looks like, for choosing between alternative drawings.
struct layout_shape {
  double width = 0, height = 0;  // points
  std::size_t collisions = 0;    // edge texts over other texts or boxes
};

std::string finish_child(running_child& c, const layout_job& job, layout_shape* shape = nullptr) {
  ::close(c.fd);
  int wstatus = 0;
  while (::waitpid(c.pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  const std::string engine(render_detail::engine_name(job.engine));
  const std::string& received = c.received;
  if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGXCPU)
    throw environment_error("Graphviz took longer than " + std::to_string(job.cpu_seconds) +
                                " s of CPU time to lay out the view with " + engine + "; try another --layout",
                            3);
  if (WIFSIGNALED(wstatus))
    throw environment_error("Graphviz crashed while laying out the view with " + engine + " (signal " +
                                std::to_string(WTERMSIG(wstatus)) + ")" +
                                (received.size() > 1 && received[0] == '-' ? ": " + trim_message(received.substr(1)) : "") +
                                "; try another --layout",
                            3);
  if (!received.empty() && received[0] == '+' && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) {
    const auto eol = received.find('\n');
    if (eol != std::string::npos) {
      if (shape) {
        const std::string head = received.substr(1, eol - 1);
        const auto a = head.find(' '), b = head.find(' ', a + 1);
        shape->width = std::atof(head.substr(0, a).c_str());
        shape->height = std::atof(head.substr(a + 1, b - a - 1).c_str());
        shape->collisions = static_cast<std::size_t>(std::atol(head.substr(b + 1).c_str()));
      }
      return received.substr(eol + 1);
    }
  }
  if (!received.empty() && received[0] == '-')
    throw environment_error(trim_message(received.substr(1)) + " (try another --layout)", 3);
  throw environment_error("Graphviz failed while laying out the view with " + engine + " and gave no reason", 3);
}

std::string render_in_child(const layout_job& job) {
  running_child c = start_child(job);
  while (read_some(c)) {
  }
  return finish_child(c, job);
}

// Cairo stamps a PDF with the time it was written (/CreationDate), and the
// cairo of Debian 12 ignores SOURCE_DATE_EPOCH. The same model must give the
// same bytes, so the stamp's digits are overwritten with a fixed date of the
// same length (offsets in the PDF's cross-reference table stay valid).
void fix_pdf_dates(std::string& pdf) {
  static const char fixed[] = "20000101000000";
  for (const char* key : {"/CreationDate (", "/ModDate ("}) {
    std::size_t at = 0;
    while ((at = pdf.find(key, at)) != std::string::npos) {
      at += std::char_traits<char>::length(key);
      std::size_t k = 0;
      for (; at < pdf.size() && pdf[at] != ')'; ++at)
        if (pdf[at] >= '0' && pdf[at] <= '9') pdf[at] = k < 14 ? fixed[k++] : '0';
    }
  }
}

// The first layout of a view: with texts on the arrows (and the checks that
// go with it) when it has a fallback.
layout_job first_job(const render_detail::built_view& view, output_format format) {
  layout_job job;
  job.dot = &view.dot;
  job.engine = view.engine;
  job.format = format;
  if (!view.fallback_dot.empty()) {
    job.cpu_seconds = render_detail::inline_label_seconds;
    job.check_clusters = true;
  }
  return job;
}

layout_job fallback_job(const render_detail::built_view& view, output_format format) {
  layout_job job;
  job.dot = &view.fallback_dot;
  job.engine = view.engine;
  job.format = format;
  return job;
}

}  // namespace

namespace render_detail {
std::string render_built(const built_view& v, output_format format) {
  std::string out;
  try {
    out = render_in_child(first_job(v, format));
  } catch (const environment_error&) {
    if (v.fallback_dot.empty()) throw;
    out = render_in_child(fallback_job(v, format));
  }
  if (format == output_format::pdf) fix_pdf_dates(out);
  return out;
}

std::string render_dot(const std::string& dot, layout_engine engine, output_format format) {
  layout_job job;
  job.dot = &dot;
  job.engine = engine;
  job.format = format;
  return render_in_child(job);
}
}  // namespace render_detail

std::string render_view(const model& m, const render_options& o, output_format format) {
  if (format == output_format::dot) return render_detail::build_view(m, o).dot;
  rendered_view r = std::move(render_views(m, {o}, format, 2).front());
  if (r.ok) return std::move(r.bytes);
  if (r.bad_view) throw std::invalid_argument(r.error);
  throw environment_error(r.error, 3);
}

namespace {

// One layout of one drawing of a view.
struct attempt {
  bool done = false, ok = false;
  std::string bytes, error;
  layout_shape shape;
};

// Builds the views on up to `jobs` threads, each writing only its own
// slots, before any child process is forked (building is pure, no
// Graphviz, and a large model's map takes a second). A view the model does
// not have is marked in `out`; any other exception is rethrown.
void build_views(const model& m, const std::vector<render_options>& views, unsigned jobs,
                 std::vector<render_detail::built_view>& built, std::vector<rendered_view>& out) {
  const auto ctx = std::make_shared<const render_detail::model_context>(m);
  analysis::run_parallel(views.size(), jobs, [&](std::size_t i, unsigned) {
    try {
      built[i] = render_detail::build_view(m, views[i], ctx);
    } catch (const std::invalid_argument& e) {
      out[i].error = e.what();
      out[i].bad_view = true;
    }
  });
}

// Of each view's drawings, the one that reads best: the largest when
// fitted to a screen, each text drawn over another text or a box costing
// 15% of that (then the first).
void pick_best(std::vector<std::vector<attempt>>& results, output_format format, std::vector<rendered_view>& out) {
  auto readability = [](const layout_shape& x) {
    return render_detail::screen_fit(x.width, x.height) * std::pow(0.85, static_cast<double>(x.collisions));
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (results[i].empty()) continue;
    std::size_t best = results[i].size();
    for (std::size_t d = 0; d < results[i].size(); ++d) {
      if (!results[i][d].ok) continue;
      if (best == results[i].size() || readability(results[i][d].shape) > readability(results[i][best].shape)) best = d;
    }
    if (best == results[i].size()) {
      out[i].error = results[i].front().error;
      continue;
    }
    out[i].ok = true;
    out[i].bytes = std::move(results[i][best].bytes);
    if (format == output_format::pdf) fix_pdf_dates(out[i].bytes);
  }
}

}  // namespace

// Long on purpose: the scheduler of the layout processes (start, poll,
// settle, retry with external labels) reads best as one loop.
std::vector<rendered_view> render_views(const model& m, const std::vector<render_options>& views, output_format format,
                                        unsigned jobs) {
  std::vector<rendered_view> out(views.size());
  std::vector<render_detail::built_view> built(views.size());
  // Each drawing of a view: the view itself and its alternatives.
  std::vector<std::vector<const render_detail::built_view*>> drawings(views.size());
  std::vector<std::vector<attempt>> results(views.size());
  // The views are built first (their errors are the user's); only the
  // layouts run side by side, in child processes.
  struct task {
    std::size_t view, drawing;
    bool fallback;
  };
  std::vector<task> queue;
  jobs = analysis::resolve_threads(jobs);
  build_views(m, views, jobs, built, out);
  for (std::size_t i = 0; i < views.size(); ++i) {
    if (out[i].bad_view) continue;
    if (format == output_format::dot) {
      out[i].ok = true;
      out[i].bytes = built[i].dot;
      continue;
    }
    drawings[i].push_back(&built[i]);
    for (const auto& alt : built[i].alternatives) drawings[i].push_back(&alt);
    results[i].resize(drawings[i].size());
    for (std::size_t d = 0; d < drawings[i].size(); ++d) queue.push_back({i, d, false});
  }
  struct slot {
    task t;
    layout_job job;
    running_child child;
  };
  std::vector<slot> active;
  std::size_t next = 0;
  auto settle = [&](const task& t, bool ok, std::string bytes_or_error, layout_shape shape = {}) {
    const render_detail::built_view& v = *drawings[t.view][t.drawing];
    if (!ok && !t.fallback && !v.fallback_dot.empty()) {
      queue.push_back({t.view, t.drawing, true});  // the same view with xlabels
      return;
    }
    attempt& a = results[t.view][t.drawing];
    a.done = true;
    a.ok = ok;
    a.shape = shape;
    (ok ? a.bytes : a.error) = std::move(bytes_or_error);
  };
  while (next < queue.size() || !active.empty()) {
    while (active.size() < jobs && next < queue.size()) {
      const task t = queue[next++];
      const render_detail::built_view& v = *drawings[t.view][t.drawing];
      slot s{t, t.fallback ? fallback_job(v, format) : first_job(v, format), {}};
      try {
        s.child = start_child(s.job);
      } catch (const environment_error& e) {
        settle(t, false, e.what());
        continue;
      }
      active.push_back(std::move(s));
    }
    if (active.empty()) continue;
    std::vector<pollfd> fds;
    for (const slot& s : active) fds.push_back(pollfd{s.child.fd, POLLIN, 0});
    if (::poll(fds.data(), static_cast<nfds_t>(fds.size()), -1) < 0 && errno != EINTR)
      throw environment_error(std::string("cannot wait for the layouts: poll failed: ") + std::strerror(errno), 3);
    for (std::size_t k = fds.size(); k-- > 0;) {
      if (fds[k].revents == 0) continue;
      if (read_some(active[k].child)) continue;
      try {
        layout_shape shape;
        std::string bytes = finish_child(active[k].child, active[k].job, &shape);
        settle(active[k].t, true, std::move(bytes), shape);
      } catch (const environment_error& e) {
        settle(active[k].t, false, e.what());
      }
      active.erase(active.begin() + static_cast<std::ptrdiff_t>(k));
    }
  }
  pick_best(results, format, out);
  return out;
}

}  // namespace orgflow
