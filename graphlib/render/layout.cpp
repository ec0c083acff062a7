// Layout and rendering through Graphviz (cgraph + gvc) in process, without
// the `dot` program, and the small parsers of render.hpp.
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
#include <csignal>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include "orgflow/io.hpp"
#include "orgflow/render.hpp"
#include "render/view_build.hpp"

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

// The child's whole work: returns the exit status; writes to `fd` a status
// byte ('+' rendered, '-' failed) and then the bytes or the message.
int child_render(int fd, const std::string& dot, layout_engine engine, output_format format, bool check_clusters) {
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
  if (!g || agerrors() > 0) return fail("Graphviz could not read the view's DOT text: " + graphviz_messages);
  // Bitmaps at 110 dpi: sharper than Graphviz's 96 on a projector, still small
  // files. Vector formats do not depend on it.
  if (format == output_format::png) agsafeset(g, cs("dpi"), cs("110"), cs(""));
  const std::string engine_text(render_detail::engine_name(engine));
  if (gvLayout(gvc, g, engine_text.c_str()) != 0 || agerrors() > 0)
    return fail("Graphviz could not lay out the view with " + engine_text + ": " + graphviz_messages);
  if (check_clusters && cluster_overlap(g, g)) return fail("the layout put a unit inside a group it is not in");
  char* buffer = nullptr;
  unsigned int length = 0;
  if (gvRenderData(gvc, g, format_name(format), &buffer, &length) != 0 || agerrors() > 0 || !buffer)
    return fail(std::string("Graphviz could not write ") + format_name(format) + ": " + graphviz_messages);
  const bool ok = write_all(fd, "+", 1) && write_all(fd, buffer, length);
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

// Lays out and renders `dot` in a child process (see the top of this file).
// `timeout_seconds` > 0 limits the child's CPU time; the message then says
// so. Throws environment_error on any failure.
std::string render_in_child(const std::string& dot, layout_engine engine_kind, output_format format,
                            int timeout_seconds, bool check_clusters) {
  int fds[2];
  if (::pipe(fds) != 0)
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
    if (timeout_seconds > 0) {
      // A limit on CPU time, not on the clock: on a busy machine the same
      // layout must still get the same chance, so the output stays the same.
      rlimit limit{};
      limit.rlim_cur = static_cast<rlim_t>(timeout_seconds);
      limit.rlim_max = static_cast<rlim_t>(timeout_seconds) + 1;
      ::setrlimit(RLIMIT_CPU, &limit);
    }
    ::close(fds[0]);
    int status = 1;
    try {
      status = child_render(fds[1], dot, engine_kind, format, check_clusters);
    } catch (...) {
      status = 1;
    }
    ::close(fds[1]);
    ::_exit(status);
  }
  ::close(fds[1]);
  const std::string engine(render_detail::engine_name(engine_kind));
  std::string received;
  char chunk[65536];
  while (true) {
    const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (n == 0) break;
    received.append(chunk, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGXCPU)
    throw environment_error("Graphviz took longer than " + std::to_string(timeout_seconds) +
                                " s of CPU time to lay out the view with " + engine + "; try another --layout",
                            3);
  if (WIFSIGNALED(wstatus))
    throw environment_error("Graphviz crashed while laying out the view with " + engine + " (signal " +
                                std::to_string(WTERMSIG(wstatus)) + ")" +
                                (received.size() > 1 && received[0] == '-' ? ": " + trim_message(received.substr(1)) : "") +
                                "; try another --layout",
                            3);
  if (!received.empty() && received[0] == '+' && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
    return received.substr(1);
  if (!received.empty() && received[0] == '-')
    throw environment_error(trim_message(received.substr(1)) + " (try another --layout)", 3);
  throw environment_error("Graphviz failed while laying out the view with " + engine + " and gave no reason", 3);
}

}  // namespace

namespace render_detail {
std::string render_dot(const std::string& dot, layout_engine engine, output_format format) {
  return render_in_child(dot, engine, format, 0, false);
}
}  // namespace render_detail

namespace {

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

std::string render_laid_out(const render_detail::built_view& view, output_format format) {
  if (view.fallback_dot.empty()) return render_in_child(view.dot, view.engine, format, 0, false);
  try {
    return render_in_child(view.dot, view.engine, format, render_detail::inline_label_seconds, true);
  } catch (const environment_error&) {
    // Labels on the edges are a nicety; the same view with xlabels is the
    // layout known to work at this size.
    return render_in_child(view.fallback_dot, view.engine, format, 0, false);
  }
}

}  // namespace

std::string render_view(const model& m, const render_options& o, output_format format) {
  const render_detail::built_view view = render_detail::build_view(m, o);
  if (format == output_format::dot) return view.dot;
  std::string out = render_laid_out(view, format);
  if (format == output_format::pdf) fix_pdf_dates(out);
  return out;
}

}  // namespace orgflow
