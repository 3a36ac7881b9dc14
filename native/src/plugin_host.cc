// SPDX-License-Identifier: Apache-2.0
// The plugin host: loads a Falco plugin shared library with dlopen and calls it through the plugin API
// (../include/plugin_abi.h). Needs no privileges and no eBPF: it is its own addon, built beside the recorder.
// Every call runs on the JavaScript thread; the plugin's answers are copied into JavaScript values before the
// next call, since the API lets a plugin reuse its result memory from one call to the next.
#include <napi.h>

#include <dlfcn.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <vector>

extern "C" {
#include "../include/plugin_abi.h"
}

namespace {

// Caps on what a plugin hands back: strings, list lengths, events per batch, payload sizes.
constexpr size_t kMaxString = 16u << 20;
constexpr uint64_t kMaxListLen = 1u << 16;
constexpr uint32_t kMaxBatch = 1u << 20;
constexpr uint32_t kMaxPayload = 64u << 20;
constexpr uint32_t kMaxFields = 4096;

const char *NoTableName(void *) { return nullptr; }
uint64_t NoTableSize(void *) { return UINT64_MAX; }
void *NoTableEntry(void *, const void *) { return nullptr; }
int NoReadEntry(void *, void *, const void *, void *) { return FRP_RC_FAILURE; }
void NoRelease(void *, void *) {}
uint32_t NoIterate(void *, void *, void *) { return 0; }
void *NoFieldList(void *, uint32_t *n) {
  if (n) *n = 0;
  return nullptr;
}
void *NoField(void *, const char *, int) { return nullptr; }
frp_table_info *NoTables(frp_owner *, uint32_t *n) {
  if (n) *n = 0;
  return nullptr;
}
void *NoTable(frp_owner *, const char *, int) { return nullptr; }
int NoAddTable(frp_owner *, const void *) { return FRP_RC_FAILURE; }
void DropLog(const char *, const char *, int) {}

frp_table_fields_vtable g_fields = {NoFieldList, NoField, NoField};
frp_table_reader_vtable g_reader = {NoTableName, NoTableSize, NoTableEntry, NoReadEntry};
frp_table_reader_vtable_ext g_reader_ext = {NoTableName, NoTableSize, NoTableEntry, NoReadEntry, NoRelease, NoIterate};
frp_init_tables_input g_tables = {NoTables, NoTable, NoAddTable, {NoFieldList, NoField, NoField}, &g_fields};

std::string SafeStr(const char *s) {
  if (!s) return std::string();
  return std::string(s, strnlen(s, kMaxString));
}

uint64_t NowNs() {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return static_cast<uint64_t>(t.tv_sec) * 1000000000ull + static_cast<uint64_t>(t.tv_nsec);
}

// "M.m.p" with decimal parts and nothing else.
bool ParseVersion(const std::string &v, unsigned long out[3]) {
  const char *p = v.c_str();
  for (int i = 0; i < 3; i++) {
    if (*p < '0' || *p > '9') return false;
    char *end = nullptr;
    errno = 0;
    out[i] = strtoul(p, &end, 10);
    if (errno || end == p || end - p > 9) return false;
    p = end;
    if (i < 2) {
      if (*p != '.') return false;
      p++;
    }
  }
  return *p == '\0';
}

Napi::Error HostError(Napi::Env env, const std::string &code, const std::string &msg) {
  Napi::Error e = Napi::Error::New(env, msg);
  e.Set("code", Napi::String::New(env, code));
  return e;
}

Napi::Value U64ToJs(Napi::Env env, uint64_t v) {
  if (v <= 9007199254740991ull) return Napi::Number::New(env, static_cast<double>(v));
  return Napi::BigInt::New(env, v);
}

class PluginHost : public Napi::ObjectWrap<PluginHost> {
 public:
  static Napi::Function Init(Napi::Env env) {
    return DefineClass(env, "PluginHost",
                       {
                           InstanceMethod("info", &PluginHost::Info),
                           InstanceMethod("extract", &PluginHost::Extract),
                           InstanceMethod("open", &PluginHost::Open),
                           InstanceMethod("nextBatch", &PluginHost::NextBatch),
                           InstanceMethod("closeInstance", &PluginHost::CloseInstance),
                           InstanceMethod("destroy", &PluginHost::Destroy),
                       });
  }

  // new PluginHost(path, initConfig): loads, checks and initialises; throws with a `code` on failure.
  explicit PluginHost(const Napi::CallbackInfo &info) : Napi::ObjectWrap<PluginHost>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsString() || !info[1].IsString()) {
      Napi::TypeError::New(env, "PluginHost(path: string, initConfig: string)").ThrowAsJavaScriptException();
      return;
    }
    path_ = info[0].As<Napi::String>().Utf8Value();
    config_ = info[1].As<Napi::String>().Utf8Value();
    std::string code, msg;
    if (!Load(&code, &msg)) HostError(env, code, msg).ThrowAsJavaScriptException();
  }

  ~PluginHost() override { Teardown(); }

 private:
  struct Symbols {
    frp_get_str_fn get_required_api_version = nullptr, get_name = nullptr, get_description = nullptr,
                   get_contact = nullptr, get_version = nullptr, get_event_source = nullptr, get_fields = nullptr,
                   get_extract_event_sources = nullptr;
    frp_get_id_fn get_id = nullptr;
    frp_get_init_schema_fn get_init_schema = nullptr;
    frp_init_fn init = nullptr;
    frp_destroy_fn destroy = nullptr;
    frp_get_last_error_fn get_last_error = nullptr;
    frp_open_fn open = nullptr;
    frp_close_fn close = nullptr;
    frp_next_batch_fn next_batch = nullptr;
    frp_extract_fields_fn extract_fields = nullptr;
  };

  static const char *OwnerLastError(frp_owner *o) {
    auto *self = static_cast<PluginHost *>(o);
    return self && !self->owner_error_.empty() ? self->owner_error_.c_str() : nullptr;
  }

  template <typename F>
  bool Sym(const char *name, F *out) {
    *out = reinterpret_cast<F>(dlsym(lib_, name));
    return *out != nullptr;
  }

  std::string LastError() {
    if (!sym_.get_last_error || !state_) return std::string();
    return SafeStr(sym_.get_last_error(state_));
  }

  bool Load(std::string *code, std::string *msg) {
    dlerror();
    lib_ = dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!lib_) {
      *code = "EPLUGIN_LOAD";
      *msg = "cannot load plugin " + path_ + ": " + SafeStr(dlerror());
      return false;
    }
    // Every plugin exports these; a library without them is not a plugin.
    std::vector<std::string> missing;
    if (!Sym("plugin_get_required_api_version", &sym_.get_required_api_version)) missing.push_back("plugin_get_required_api_version");
    if (!Sym("plugin_get_name", &sym_.get_name)) missing.push_back("plugin_get_name");
    if (!Sym("plugin_get_description", &sym_.get_description)) missing.push_back("plugin_get_description");
    if (!Sym("plugin_get_contact", &sym_.get_contact)) missing.push_back("plugin_get_contact");
    if (!Sym("plugin_get_version", &sym_.get_version)) missing.push_back("plugin_get_version");
    if (!Sym("plugin_init", &sym_.init)) missing.push_back("plugin_init");
    if (!Sym("plugin_destroy", &sym_.destroy)) missing.push_back("plugin_destroy");
    if (!Sym("plugin_get_last_error", &sym_.get_last_error)) missing.push_back("plugin_get_last_error");
    if (!missing.empty()) {
      *code = "EPLUGIN_NOT_PLUGIN";
      std::string list;
      for (size_t i = 0; i < missing.size(); i++) list += (i ? ", " : "") + missing[i];
      *msg = path_ + " is not a Falco plugin: it does not export " + list;
      return false;
    }
    Sym("plugin_get_init_schema", &sym_.get_init_schema);
    Sym("plugin_get_id", &sym_.get_id);
    Sym("plugin_get_event_source", &sym_.get_event_source);
    Sym("plugin_open", &sym_.open);
    Sym("plugin_close", &sym_.close);
    Sym("plugin_next_batch", &sym_.next_batch);
    Sym("plugin_get_fields", &sym_.get_fields);
    Sym("plugin_get_extract_event_sources", &sym_.get_extract_event_sources);
    Sym("plugin_extract_fields", &sym_.extract_fields);

    required_api_ = SafeStr(sym_.get_required_api_version());
    unsigned long v[3];
    if (!ParseVersion(required_api_, v)) {
      *code = "EPLUGIN_API_VERSION";
      *msg = "plugin " + path_ + " requires plugin API version '" + required_api_ + "', which is not a MAJOR.MINOR.PATCH version";
      return false;
    }
    bool ok = v[0] == FRP_API_MAJOR && (v[1] < FRP_API_MINOR || (v[1] == FRP_API_MINOR && v[2] <= FRP_API_PATCH));
    if (!ok) {
      char ours[64];
      snprintf(ours, sizeof ours, "%d.%d.%d", FRP_API_MAJOR, FRP_API_MINOR, FRP_API_PATCH);
      *code = "EPLUGIN_API_VERSION";
      *msg = "plugin " + path_ + " requires plugin API version " + required_api_ + ", not compatible with falco-replay's " + ours +
             " (the major must be equal and the minor not above ours)";
      return false;
    }

    // A capability is all of its symbols or none of them.
    bool has_source = sym_.open || sym_.close || sym_.next_batch;
    if (has_source && !(sym_.open && sym_.close && sym_.next_batch)) {
      *code = "EPLUGIN_NOT_PLUGIN";
      *msg = path_ + " implements event sourcing only in part: it does not export " +
             std::string(!sym_.open ? "plugin_open" : !sym_.close ? "plugin_close" : "plugin_next_batch");
      return false;
    }
    bool has_extract = sym_.get_fields || sym_.extract_fields;
    if (has_extract && !(sym_.get_fields && sym_.extract_fields)) {
      *code = "EPLUGIN_NOT_PLUGIN";
      *msg = path_ + " implements field extraction only in part: it does not export " + std::string(!sym_.get_fields ? "plugin_get_fields" : "plugin_extract_fields");
      return false;
    }
    if (!has_source && !has_extract) {
      *code = "EPLUGIN_NOT_PLUGIN";
      *msg = path_ + " is a plugin with no capability this host supports (event sourcing or field extraction)";
      return false;
    }
    if (has_source) {
      id_ = sym_.get_id ? sym_.get_id() : 0;
      source_ = sym_.get_event_source ? SafeStr(sym_.get_event_source()) : std::string();
    }
    name_ = SafeStr(sym_.get_name());
    version_ = SafeStr(sym_.get_version());
    description_ = SafeStr(sym_.get_description());
    contact_ = SafeStr(sym_.get_contact());
    if (sym_.get_init_schema) {
      int32_t t = FRP_SCHEMA_NONE;
      const char *s = sym_.get_init_schema(&t);
      schema_type_ = t;
      schema_ = SafeStr(s);
    }

    frp_init_input in;
    in.config = config_.c_str();
    in.owner = this;
    in.get_owner_last_error = OwnerLastError;
    in.tables = has_extract ? &g_tables : nullptr;
    in.log_fn = DropLog;
    int32_t rc = FRP_RC_FAILURE;
    state_ = sym_.init(&in, &rc);
    if (rc != FRP_RC_SUCCESS) {
      std::string why = LastError();
      if (state_) sym_.destroy(state_);
      state_ = nullptr;
      *code = "EPLUGIN_INIT";
      *msg = "plugin " + name_ + " (" + path_ + ") failed to initialise: " + (why.empty() ? "no error message" : why);
      return false;
    }
    initialised_ = true;
    if (has_extract) {
      fields_ = SafeStr(sym_.get_fields());
      extract_sources_ = sym_.get_extract_event_sources ? SafeStr(sym_.get_extract_event_sources()) : std::string();
    }
    return true;
  }

  void Teardown() {
    if (!initialised_) return;
    for (auto &kv : instances_) sym_.close(state_, kv.second);
    instances_.clear();
    sym_.destroy(state_);
    state_ = nullptr;
    initialised_ = false;
    // The library stays mapped: plugins written in Go cannot be unloaded from a process.
  }

  bool Alive(Napi::Env env) {
    if (initialised_) return true;
    HostError(env, "EPLUGIN", "plugin " + name_ + " has been destroyed").ThrowAsJavaScriptException();
    return false;
  }

  Napi::Value Info(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    Napi::Object o = Napi::Object::New(env);
    o.Set("path", path_);
    o.Set("name", name_);
    o.Set("version", version_);
    o.Set("description", description_);
    o.Set("contact", contact_);
    o.Set("requiredApiVersion", required_api_);
    o.Set("id", Napi::Number::New(env, id_));
    o.Set("eventSource", source_);
    o.Set("canSource", Napi::Boolean::New(env, sym_.next_batch != nullptr));
    o.Set("canExtract", Napi::Boolean::New(env, sym_.extract_fields != nullptr));
    o.Set("fields", fields_);
    o.Set("extractEventSources", extract_sources_);
    o.Set("initSchema", schema_);
    o.Set("initSchemaType", Napi::Number::New(env, schema_type_));
    return o;
  }

  // extract(evtnum, source, pluginId, payload, tsNs, requests) -> values (undefined when no value).
  // requests: [{id, name, argKey?, argIndex?, argPresent, ftype, list}]
  Napi::Value Extract(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (!Alive(env)) return env.Undefined();
    if (!sym_.extract_fields) {
      HostError(env, "EPLUGIN", "plugin " + name_ + " does not extract fields").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (info.Length() < 6 || !info[0].IsNumber() || !info[1].IsString() || !info[2].IsNumber() || !info[3].IsBuffer() || !info[5].IsArray()) {
      Napi::TypeError::New(env, "extract(evtnum, source, pluginId, payload: Buffer, tsNs, requests[])").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    uint64_t evtnum = static_cast<uint64_t>(info[0].As<Napi::Number>().Int64Value());
    std::string source = info[1].As<Napi::String>().Utf8Value();
    uint32_t plugin_id = info[2].As<Napi::Number>().Uint32Value();
    Napi::Buffer<uint8_t> payload = info[3].As<Napi::Buffer<uint8_t>>();
    uint64_t ts = UINT64_MAX;
    if (info[4].IsBigInt()) {
      bool lossless = true;
      ts = info[4].As<Napi::BigInt>().Uint64Value(&lossless);
    } else if (info[4].IsNumber()) {
      ts = static_cast<uint64_t>(info[4].As<Napi::Number>().Int64Value());
    }
    if (payload.Length() > kMaxPayload) {
      HostError(env, "EPLUGIN", "plugin event payload larger than 64 MiB").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Napi::Array reqs = info[5].As<Napi::Array>();
    uint32_t n = reqs.Length();
    if (n > kMaxFields) {
      HostError(env, "EPLUGIN", "too many fields in one extraction").ThrowAsJavaScriptException();
      return env.Undefined();
    }

    // The event, as a plugin event of two parameters with 4-byte lengths.
    uint32_t plen = static_cast<uint32_t>(payload.Length());
    uint32_t total = FRP_EVENT_HEADER_LEN + 8 + 4 + plen;
    evbuf_.resize(total);
    frp_event hdr;
    hdr.ts = ts;
    hdr.tid = UINT64_MAX;
    hdr.len = total;
    hdr.type = FRP_PLUGIN_EVENT_TYPE;
    hdr.nparams = 2;
    uint8_t *b = evbuf_.data();
    memcpy(b, &hdr, FRP_EVENT_HEADER_LEN);
    uint32_t l0 = 4;
    memcpy(b + FRP_EVENT_HEADER_LEN, &l0, 4);
    memcpy(b + FRP_EVENT_HEADER_LEN + 4, &plen, 4);
    memcpy(b + FRP_EVENT_HEADER_LEN + 8, &plugin_id, 4);
    if (plen) memcpy(b + FRP_EVENT_HEADER_LEN + 12, payload.Data(), plen);

    std::vector<std::string> names(n), keys(n);
    std::vector<frp_extract_field> fields(n);
    for (uint32_t i = 0; i < n; i++) {
      Napi::Value rv = reqs.Get(i);
      if (!rv.IsObject()) {
        Napi::TypeError::New(env, "extract: each request is an object").ThrowAsJavaScriptException();
        return env.Undefined();
      }
      Napi::Object r = rv.As<Napi::Object>();
      frp_extract_field &f = fields[i];
      memset(&f, 0, sizeof f);
      f.field_id = r.Get("id").As<Napi::Number>().Uint32Value();
      names[i] = r.Get("name").As<Napi::String>().Utf8Value();
      Napi::Value key = r.Get("argKey");
      bool has_key = key.IsString();
      if (has_key) keys[i] = key.As<Napi::String>().Utf8Value();
      Napi::Value idx = r.Get("argIndex");
      f.arg_index = idx.IsNumber() ? static_cast<uint64_t>(idx.As<Napi::Number>().Int64Value()) : 0;
      f.arg_present = r.Get("argPresent").ToBoolean().Value() ? 1 : 0;
      f.ftype = r.Get("ftype").As<Napi::Number>().Uint32Value();
      f.flist = r.Get("list").ToBoolean().Value() ? 1 : 0;
      f.field = names[i].c_str();
      f.arg_key = has_key ? keys[i].c_str() : nullptr;
    }
    frp_event_input ein;
    ein.evt = reinterpret_cast<const frp_event *>(b);
    ein.evtnum = evtnum;
    ein.evtsrc = source.c_str();
    frp_extract_input xin;
    xin.owner = this;
    xin.get_owner_last_error = OwnerLastError;
    xin.num_fields = n;
    xin.fields = fields.data();
    xin.table_reader = g_reader;
    xin.table_reader_ext = &g_reader_ext;
    int32_t rc = sym_.extract_fields(state_, &ein, &xin);
    Napi::Array out = Napi::Array::New(env, n);
    // A failed extraction is no value for every field of the request, as libsinsp treats it.
    if (rc != FRP_RC_SUCCESS) return out;
    for (uint32_t i = 0; i < n; i++) {
      const frp_extract_field &f = fields[i];
      uint64_t len = f.res_len;
      if (len == 0 || f.res.u64 == nullptr) continue;
      if (len > kMaxListLen) len = kMaxListLen;
      if (!f.flist) len = 1;
      Napi::Array vals = Napi::Array::New(env, static_cast<size_t>(len));
      for (uint64_t k = 0; k < len; k++) {
        Napi::Value v;
        switch (f.ftype) {
          case FRP_FT_STRING: {
            const char *s = f.res.str[k];
            v = s ? Napi::String::New(env, s, strnlen(s, kMaxString)) : env.Undefined();
            break;
          }
          case FRP_FT_BOOL:
            v = Napi::Boolean::New(env, f.res.boolean[k] != 0);
            break;
          case FRP_FT_IPADDR:
          case FRP_FT_IPNET: {
            const frp_byte_buffer &bb = f.res.buf[k];
            uint32_t bl = bb.ptr ? (bb.len > 16 ? 16 : bb.len) : 0;
            v = Napi::Buffer<uint8_t>::Copy(env, static_cast<const uint8_t *>(bb.ptr), bl);
            break;
          }
          default:
            v = U64ToJs(env, f.res.u64[k]);
        }
        vals.Set(static_cast<uint32_t>(k), v);
      }
      out.Set(i, f.flist ? static_cast<Napi::Value>(vals) : vals.Get(0u));
    }
    return out;
  }

  // open(params) -> instance handle (a number)
  Napi::Value Open(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (!Alive(env)) return env.Undefined();
    if (!sym_.open) {
      HostError(env, "EPLUGIN", "plugin " + name_ + " is not a source plugin (it does not export plugin_open)").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    std::string params = info.Length() > 0 && info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : std::string();
    int32_t rc = FRP_RC_FAILURE;
    void *h = sym_.open(state_, params.c_str(), &rc);
    if (rc != FRP_RC_SUCCESS) {
      std::string why = LastError();
      if (h) sym_.close(state_, h);
      HostError(env, "EPLUGIN_OPEN", "plugin " + name_ + " cannot open '" + params + "': " + (why.empty() ? "no error message" : why)).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    uint32_t handle = ++next_handle_;
    instances_[handle] = h;
    return Napi::Number::New(env, handle);
  }

  // nextBatch(handle) -> {rc: 'ok'|'eof'|'timeout', events: [{ts: bigint, payload: Buffer}]}
  Napi::Value NextBatch(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (!Alive(env)) return env.Undefined();
    uint32_t handle = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().Uint32Value() : 0;
    auto it = instances_.find(handle);
    if (it == instances_.end()) {
      HostError(env, "EPLUGIN", "no open instance " + std::to_string(handle) + " of plugin " + name_).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    uint32_t nevts = 0;
    frp_event **evts = nullptr;
    int32_t rc = sym_.next_batch(state_, it->second, &nevts, &evts);
    Napi::Object res = Napi::Object::New(env);
    Napi::Array list = Napi::Array::New(env);
    res.Set("events", list);
    if (rc == FRP_RC_TIMEOUT) {
      res.Set("rc", "timeout");
      return res;
    }
    if (rc != FRP_RC_SUCCESS && rc != FRP_RC_EOF) {
      std::string why = LastError();
      HostError(env, "EPLUGIN_NEXT", "plugin " + name_ + " failed to produce events: " + (why.empty() ? "no error message" : why)).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    res.Set("rc", rc == FRP_RC_EOF ? "eof" : "ok");
    if (nevts > kMaxBatch) nevts = kMaxBatch;
    uint64_t now = 0;
    uint32_t kept = 0;
    for (uint32_t i = 0; evts && i < nevts; i++) {
      const frp_event *e = evts[i];
      if (!e) continue;
      std::string bad;
      frp_event h;
      memcpy(&h, e, FRP_EVENT_HEADER_LEN);
      const uint8_t *p = reinterpret_cast<const uint8_t *>(e);
      uint32_t l0 = 0, l1 = 0, pid = 0;
      if (h.type != FRP_PLUGIN_EVENT_TYPE) bad = "type " + std::to_string(h.type) + " (a source plugin produces plugin events, type 322)";
      else if (h.nparams != 2 || h.len < FRP_EVENT_HEADER_LEN + 12 || h.len > FRP_EVENT_HEADER_LEN + 12 + kMaxPayload) bad = "a malformed plugin event header";
      else {
        memcpy(&l0, p + FRP_EVENT_HEADER_LEN, 4);
        memcpy(&l1, p + FRP_EVENT_HEADER_LEN + 4, 4);
        if (l0 != 4 || static_cast<uint64_t>(FRP_EVENT_HEADER_LEN) + 8 + l0 + l1 > h.len) bad = "parameter lengths past the event's end";
        else {
          memcpy(&pid, p + FRP_EVENT_HEADER_LEN + 8, 4);
          if (pid != 0 && pid != id_) bad = "plugin id " + std::to_string(pid) + " (its own is " + std::to_string(id_) + ")";
        }
      }
      if (!bad.empty()) {
        HostError(env, "EPLUGIN_NEXT", "plugin " + name_ + " produced event " + std::to_string(i) + " of a batch with " + bad).ThrowAsJavaScriptException();
        return env.Undefined();
      }
      uint64_t ts = h.ts;
      if (ts == UINT64_MAX) ts = now ? now : (now = NowNs());
      Napi::Object ev = Napi::Object::New(env);
      ev.Set("ts", Napi::BigInt::New(env, ts));
      ev.Set("payload", Napi::Buffer<uint8_t>::Copy(env, p + FRP_EVENT_HEADER_LEN + 12, l1));
      list.Set(kept++, ev);
    }
    return res;
  }

  Napi::Value CloseInstance(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    uint32_t handle = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().Uint32Value() : 0;
    auto it = instances_.find(handle);
    if (initialised_ && it != instances_.end()) {
      sym_.close(state_, it->second);
      instances_.erase(it);
    }
    return env.Undefined();
  }

  Napi::Value Destroy(const Napi::CallbackInfo &info) {
    Teardown();
    return info.Env().Undefined();
  }

  std::string path_, config_, name_, version_, description_, contact_, required_api_, source_, fields_, extract_sources_, schema_;
  std::string owner_error_;
  int32_t schema_type_ = FRP_SCHEMA_NONE;
  uint32_t id_ = 0;
  void *lib_ = nullptr;
  void *state_ = nullptr;
  bool initialised_ = false;
  Symbols sym_;
  std::map<uint32_t, void *> instances_;
  uint32_t next_handle_ = 0;
  std::vector<uint8_t> evbuf_;
};

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("PluginHost", PluginHost::Init(env));
  exports.Set("apiVersion", Napi::String::New(env, std::to_string(FRP_API_MAJOR) + "." + std::to_string(FRP_API_MINOR) + "." + std::to_string(FRP_API_PATCH)));
  exports.Set("abiVersion", Napi::Number::New(env, 1));
  return exports;
}

}  // namespace

NODE_API_MODULE(falco_replay_plugin_host, Init)
