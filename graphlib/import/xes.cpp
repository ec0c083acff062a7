// XES reader for the event-log importer: streams the XML through expat in
// 256 KiB chunks (plain or gzip, see gzip.hpp) and hands each trace to the
// handoff aggregator at its end, so memory holds one trace, never the log.
//
// What is read (IEEE 1849 XES, by local name; prefixes are ignored):
//   <log>    log-level attributes: concept:name names the process;
//            <global>, <extension>, <classifier> are skipped (a global's
//            values are declarations, not events' values);
//   <trace>  one case; its attributes serve keys written `case:KEY`;
//   <event>  direct child attributes only (nested attributes are skipped):
//            the unit, fallback unit, timestamp and activity keys.
//
// Safety: the file comes from others. Entity declarations are refused (a
// DOCTYPE that declares entities is reported, never expanded), external
// entities and parameter entities are never loaded, and expat's billion-laughs
// protection is set explicitly as a second guard.
#ifndef XML_DTD
#define XML_DTD 1  // Debian's expat is built with it; the bomb guards need the declarations
#endif
#include <expat.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "import/eventlog.hpp"
#include "import/gzip.hpp"
#include "import/xml_reader.hpp"

namespace orgflow::eventlog_detail {
namespace {

std::string_view local_name(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon != nullptr ? std::string_view(colon + 1) : std::string_view(name);
}

bool attribute_element(std::string_view n) {
  return n == "string" || n == "date" || n == "int" || n == "float" || n == "boolean" || n == "id" ||
         n == "list" || n == "container";
}

struct pending_event {
  std::string unit[2];
  bool has_unit[2] = {false, false};
  std::string time_text;
  bool has_time = false;
  long time_line = 0, time_column = 0;
};

class xes_reader {
 public:
  xes_reader(const std::string& path, const eventlog_options& o, log_data& data, diagnostic_sink& sink)
      : path_(path), data_(data), sink_(sink) {
    data_.format = "XES";
    if (o.unit_key) {
      data_.unit_key[0] = *o.unit_key;
    } else {
      data_.unit_key[0] = "org:group";
      data_.unit_key[1] = "org:resource";
      data_.has_fallback = true;
    }
    for (int k = 0; k < 2; ++k) {
      const std::string& key = data_.unit_key[k];
      if (key.rfind("case:", 0) == 0) {
        trace_level_unit_[k] = true;
        unit_attribute_[k] = key.substr(5);
      } else {
        unit_attribute_[k] = key;
      }
    }
    time_key_ = o.timestamp_key.value_or("time:timestamp");
    data_.activity_key = o.activity_key.value_or("concept:name");
    data_.activity_used = true;
  }

  void run() {
    // Freed on every way out, exceptions included (an unreadable file).
    std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> owner(XML_ParserCreate(nullptr), &XML_ParserFree);
    XML_Parser p = owner.get();
    if (p == nullptr) throw std::bad_alloc();
    parser_ = p;
    XML_SetUserData(p, this);
    XML_SetElementHandler(p, &xes_reader::on_start, &xes_reader::on_end);
    XML_SetEntityDeclHandler(p, &xes_reader::on_entity_decl);
    XML_SetExternalEntityRefHandler(p, &xes_reader::on_external_entity);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, 20.0f);
    XML_SetBillionLaughsAttackProtectionActivationThreshold(p, 1u << 20);

    import_io::byte_source in(path_);
    // One huge attribute must not make the parse quadratic (xml_reader.hpp).
    xml::token_guard guard(p, chunk);
    std::uint64_t fed = 0;
    bool ok = true;
    while (ok) {
      const std::size_t want = guard.next_chunk();
      void* buffer = XML_GetBuffer(p, static_cast<int>(want));
      if (buffer == nullptr) throw std::bad_alloc();
      const std::size_t n = in.read(static_cast<char*>(buffer), want);
      if (!in.error().empty()) {
        sink_.add(XML_GetCurrentLineNumber(p), 1, in.error());
        ok = false;
        break;
      }
      const bool last = n == 0;
      if (XML_ParseBuffer(p, static_cast<int>(n), last ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) {
        report_xml_error();
        ok = false;
        break;
      }
      if (last) break;
      fed += n;
      if (auto too_large = guard.after_parse(fed)) {
        sink_.add(too_large->line, too_large->column, too_large->message);
        ok = false;
        break;
      }
    }
    owner.reset();
    parser_ = nullptr;
    if (ok && !seen_log_) sink_.add(1, 1, "this is not an XES log: its root element is not <log>");
  }

 private:
  static constexpr int chunk = 1 << 18;

  void report_xml_error() {
    if (!stop_message_.empty()) {
      sink_.add(stop_line_, stop_column_, stop_message_);
      return;
    }
    const XML_Error code = XML_GetErrorCode(parser_);
    std::string message = XML_ErrorString(code);
    if (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN || code == XML_ERROR_PARTIAL_CHAR) {
      message = "the XML ends early (" + message + "): the file is truncated or not well-formed";
    } else if (code == XML_ERROR_AMPLIFICATION_LIMIT_BREACH) {
      message = "entity expansion refused (" + message + ")";
    } else {
      message = "the XML is not well-formed: " + message;
    }
    sink_.add(static_cast<long>(XML_GetCurrentLineNumber(parser_)),
              static_cast<long>(XML_GetCurrentColumnNumber(parser_)) + 1, message);
  }

  void stop(std::string message) {
    if (stop_message_.empty()) {
      stop_message_ = std::move(message);
      stop_line_ = static_cast<long>(XML_GetCurrentLineNumber(parser_));
      stop_column_ = static_cast<long>(XML_GetCurrentColumnNumber(parser_)) + 1;
    }
    XML_StopParser(parser_, XML_FALSE);
  }

  static void XMLCALL on_entity_decl(void* self, const XML_Char* name, int, const XML_Char*, int,
                                     const XML_Char*, const XML_Char* system_id, const XML_Char*,
                                     const XML_Char*) {
    auto* r = static_cast<xes_reader*>(self);
    r->stop(std::string("the document declares the ") + (system_id != nullptr ? "external " : "") + "entity \"" +
            name + "\"; entity declarations are refused in event logs (they can expand without bound or read " +
            "other files)");
  }

  static int XMLCALL on_external_entity(XML_Parser, const XML_Char*, const XML_Char*, const XML_Char*,
                                        const XML_Char*) {
    return XML_STATUS_ERROR;  // never load anything from outside the file
  }

  static const char* attr(const XML_Char** atts, const char* key) {
    for (int k = 0; atts[k] != nullptr; k += 2) {
      if (std::strcmp(atts[k], key) == 0) return atts[k + 1];
    }
    return nullptr;
  }

  static void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char** atts) {
    static_cast<xes_reader*>(self)->start(name, atts);
  }
  static void XMLCALL on_end(void* self, const XML_Char* name) { static_cast<xes_reader*>(self)->end(name); }

  // Keeps `value` as unit k (0: --unit, 1: --second-unit) when `key` is
  // that unit's attribute and the attribute is read at this level (a trace's
  // own attributes, or an event's); an empty value is no unit.
  void take_units(const char* key, const char* value, bool at_trace, std::string (&unit)[2], bool (&has)[2]) const {
    if (*value == '\0') return;
    for (int k = 0; k < 2; ++k) {
      if (trace_level_unit_[k] == at_trace && !unit_attribute_[k].empty() && unit_attribute_[k] == key) {
        unit[k] = value;
        has[k] = true;
      }
    }
  }

  void start(const char* raw_name, const char** atts) {
    ++depth_;
    if (skip_below_ != 0) return;
    const std::string_view n = local_name(raw_name);
    if (depth_ == 1) {
      if (n != "log") {
        stop("this is not an XES log: its root element is <" + std::string(raw_name) + ">, not <log>");
        return;
      }
      seen_log_ = true;
      return;
    }
    if (state_ == state::log) {
      if (n == "trace") {
        state_ = state::trace;
        trace_events_.clear();
        pending_.clear();
        trace_unit_[0].clear();
        trace_unit_[1].clear();
        trace_has_unit_[0] = trace_has_unit_[1] = false;
        return;
      }
      if (n == "event") ++data_.events_outside_traces;
      if (attribute_element(n)) {
        const char* key = attr(atts, "key");
        const char* value = attr(atts, "value");
        if (key != nullptr && value != nullptr && std::strcmp(key, "concept:name") == 0) data_.log_name = value;
      }
      skip_below_ = depth_;  // globals, extensions, classifiers, nested values
      return;
    }
    if (state_ == state::trace) {
      if (n == "event") {
        state_ = state::event;
        event_ = pending_event{};
        return;
      }
      if (attribute_element(n)) {
        const char* key = attr(atts, "key");
        const char* value = attr(atts, "value");
        if (key != nullptr && value != nullptr) take_units(key, value, /*at_trace=*/true, trace_unit_, trace_has_unit_);
      }
      skip_below_ = depth_;
      return;
    }
    // in an event: its direct attributes
    if (attribute_element(n)) {
      const char* key = attr(atts, "key");
      const char* value = attr(atts, "value");
      if (key != nullptr && value != nullptr) {
        take_units(key, value, /*at_trace=*/false, event_.unit, event_.has_unit);
        if (time_key_ == key) {
          event_.time_text = value;
          event_.has_time = true;
          event_.time_line = static_cast<long>(XML_GetCurrentLineNumber(parser_));
          event_.time_column = static_cast<long>(XML_GetCurrentColumnNumber(parser_)) + 1;
        }
        if (data_.activity_key == key && *value != '\0') data_.activities.intern(value);
      }
    }
    skip_below_ = depth_;
  }

  void end(const char*) {
    if (skip_below_ != 0) {
      if (depth_ == skip_below_) skip_below_ = 0;
      --depth_;
      return;
    }
    if (state_ == state::event && depth_ == 3) {
      finish_event();
      state_ = state::trace;
    } else if (state_ == state::trace && depth_ == 2) {
      finish_trace();
      state_ = state::log;
    } else if (depth_ == 1) {
      state_ = state::log;
    }
    --depth_;
  }

  void finish_event() {
    ++data_.events;
    if (!event_.has_time) {
      ++data_.skipped_no_time;
      return;
    }
    std::string why;
    const auto t = parse_timestamp(event_.time_text, &why);
    if (!t) {
      sink_.add(event_.time_line, event_.time_column, "attribute \"" + time_key_ + "\": " + why);
      return;
    }
    data_.note_time(*t);
    pending_.push_back(std::move(event_));
    trace_events_.push_back(*t);
  }

  void finish_trace() {
    ++data_.cases;
    if (!sink_.empty()) return;  // after an error only look for more errors
    const int keys = data_.has_fallback ? 2 : 1;
    for (int k = 0; k < keys; ++k) {
      if (k == 1 && data_.primary_seen) break;  // the fallback is no longer needed
      case_events_.clear();
      for (std::size_t e = 0; e < pending_.size(); ++e) {
        const bool has = trace_level_unit_[k] ? trace_has_unit_[k] : pending_[e].has_unit[k];
        const std::string& value = trace_level_unit_[k] ? trace_unit_[k] : pending_[e].unit[k];
        case_event ce;
        ce.time = trace_events_[e];
        if (has) ce.unit = data_.units[k].intern(value);
        case_events_.push_back(ce);
      }
      data_.aggregators[k].add_case(case_events_);
    }
    if (data_.units[0].size() > 0 && !data_.primary_seen) {
      data_.primary_seen = true;
      if (data_.has_fallback) {  // the fallback applies to the whole log only: drop its work
        data_.aggregators[1] = handoff_aggregator{};
        data_.units[1] = interner{};
      }
    }
    pending_.clear();
    trace_events_.clear();
  }

  enum class state { log, trace, event };

  const std::string& path_;
  log_data& data_;
  diagnostic_sink& sink_;
  XML_Parser parser_ = nullptr;
  int depth_ = 0;
  int skip_below_ = 0;  // depth of an element whose subtree is skipped; 0 = none
  bool seen_log_ = false;
  state state_ = state::log;
  std::string unit_attribute_[2];
  bool trace_level_unit_[2] = {false, false};
  std::string trace_unit_[2];
  bool trace_has_unit_[2] = {false, false};
  std::string time_key_;
  pending_event event_;
  std::vector<pending_event> pending_;
  std::vector<micros> trace_events_;
  std::vector<case_event> case_events_;
  std::string stop_message_;
  long stop_line_ = 0, stop_column_ = 0;
};

}  // namespace

void read_xes(const std::string& path, const eventlog_options& options, log_data& data, diagnostic_sink& sink) {
  xes_reader reader(path, options, data, sink);
  reader.run();
}

}  // namespace orgflow::eventlog_detail
