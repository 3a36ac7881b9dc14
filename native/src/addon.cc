// SPDX-License-Identifier: Apache-2.0
// node-addon-api surface of the recorder: a control plane only. All per-event work happens in C on the
// recorder's own thread; JavaScript starts, queues plugin events, reads counters and stops.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <napi.h>

#include <cerrno>
#include <cstring>
#include <sys/wait.h>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#include <linux/types.h>
#include "../include/rec.h"
#include "recorder.h"
#include "scap_writer.h"
#include "spawn.h"
}

namespace {

Napi::Object StatsToJs(Napi::Env env, const rec_stats& s) {
  Napi::Object o = Napi::Object::New(env);
  auto num = [&](const char* k, double v) { o.Set(k, Napi::Number::New(env, v)); };
  num("records", static_cast<double>(s.records));
  num("events", static_cast<double>(s.events));
  num("pluginEvents", static_cast<double>(s.plugin_events));
  num("bytesRaw", static_cast<double>(s.bytes_raw));
  num("bytesWritten", static_cast<double>(s.bytes_written));
  num("drops", static_cast<double>(s.drops));
  num("dropsState", static_cast<double>(s.drops_state));
  num("encodeErrors", static_cast<double>(s.encode_errors));
  num("badRecords", static_cast<double>(s.bad_records));
  num("outOfOrder", static_cast<double>(s.out_of_order));
  num("cpus", s.ncpus);
  num("stateThreads", s.state_threads);
  num("stateFds", s.state_fds);
  num("stateMs", static_cast<double>(s.state_ns) / 1e6);
  num("loadMs", static_cast<double>(s.load_ns) / 1e6);
  num("startTs", static_cast<double>(s.start_ts));
  num("endTs", static_cast<double>(s.end_ts));
  num("childPid", s.child_pid);
  o.Set("childExited", Napi::Boolean::New(env, s.child_exited));
  num("childStatus", s.child_status);
  o.Set("lastError", Napi::String::New(env, s.last_error));
  return o;
}

Napi::Error MakeError(Napi::Env env, const std::string& msg, int err) {
  Napi::Error e = Napi::Error::New(env, msg);
  const char* code = err == -EPERM || err == -EACCES ? "EPERM" : err == -ENOTSUP ? "ENOTSUP" : err == -EINVAL ? "EINVAL" : "ERECORD";
  e.Set("code", Napi::String::New(env, code));
  e.Set("errno", Napi::Number::New(env, -err));
  return e;
}

// Everything a recording needs to outlive the JavaScript call that started it.
struct Owned {
  std::string out, exe, cwd, cgroup;
  std::vector<std::string> argv, envp, syscalls;
  std::vector<char*> argvp, envpp;
  std::vector<const char*> syscallp;
  rec_config cfg{};
};

class Session;

struct ExitCtx {
  Napi::ThreadSafeFunction tsfn;
  bool active = false;
};

void OnChildExit(void* ctx, int pid, int status) {
  auto* ec = static_cast<ExitCtx*>(ctx);
  if (!ec->active) return;
  ec->tsfn.BlockingCall([pid, status](Napi::Env env, Napi::Function fn) {
    Napi::Object info = Napi::Object::New(env);
    info.Set("pid", pid);
    if (WIFEXITED(status)) {
      info.Set("code", WEXITSTATUS(status));
      info.Set("signal", env.Null());
    } else {
      info.Set("code", env.Null());
      info.Set("signal", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
    fn.Call({info});
  });
}

class Session : public Napi::ObjectWrap<Session> {
 public:
  static Napi::FunctionReference* ctor;

  static Napi::Function Init(Napi::Env env) {
    Napi::Function f = DefineClass(env, "RecorderSession",
                                   {
                                       InstanceMethod("stats", &Session::Stats),
                                       InstanceMethod("writePluginEvent", &Session::WritePluginEvent),
                                       InstanceMethod("stop", &Session::Stop),
                                       InstanceAccessor("pid", &Session::Pid, nullptr),
                                   });
    ctor = new Napi::FunctionReference(Napi::Persistent(f));
    return f;
  }

  explicit Session(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Session>(info) {}
  ~Session() override {
    if (rec_) recorder_free(rec_);  // detaches, drains and closes if stop() was never called
    ReleaseExit();
  }

  void Adopt(recorder* r, std::unique_ptr<Owned> owned, std::unique_ptr<ExitCtx> exit) {
    rec_ = r;
    owned_ = std::move(owned);
    exit_ = std::move(exit);
  }

  void ReleaseExit() {
    if (exit_ && exit_->active) {
      exit_->active = false;
      exit_->tsfn.Release();
    }
  }

  recorder* rec() const { return rec_; }
  void Forget() { rec_ = nullptr; }
  bool stopping_ = false;

 private:
  Napi::Value Pid(const Napi::CallbackInfo& info) {
    rec_stats st{};
    if (rec_) recorder_stats(rec_, &st);
    return Napi::Number::New(info.Env(), st.child_pid);
  }

  Napi::Value Stats(const Napi::CallbackInfo& info) {
    if (!rec_) return info.Env().Null();
    rec_stats st{};
    recorder_stats(rec_, &st);
    return StatsToJs(info.Env(), st);
  }

  Napi::Value WritePluginEvent(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!rec_ || stopping_) {
      MakeError(env, "the recording is stopped", -ESHUTDOWN).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsBuffer()) {
      Napi::TypeError::New(env, "writePluginEvent(pluginId: number, payload: Buffer, tsNs?: bigint)").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    double id = info[0].As<Napi::Number>().DoubleValue();
    if (!(id >= 1 && id <= 4294967295.0) || id != static_cast<double>(static_cast<uint32_t>(id))) {
      Napi::RangeError::New(env, "plugin id must be an integer from 1 to 4294967295").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    auto buf = info[1].As<Napi::Buffer<uint8_t>>();
    uint64_t ts = 0;
    if (info.Length() > 2 && info[2].IsBigInt()) {
      bool lossless = true;
      ts = info[2].As<Napi::BigInt>().Uint64Value(&lossless);
    }
    int e = recorder_plugin_event(rec_, static_cast<uint32_t>(id), buf.Data(), buf.Length(), ts);
    if (e) MakeError(env, std::string("cannot queue the plugin event: ") + strerror(-e), e).ThrowAsJavaScriptException();
    return env.Undefined();
  }

  Napi::Value Stop(const Napi::CallbackInfo& info);

  recorder* rec_ = nullptr;
  std::unique_ptr<Owned> owned_;
  std::unique_ptr<ExitCtx> exit_;
};

Napi::FunctionReference* Session::ctor = nullptr;

class StartWorker : public Napi::AsyncWorker {
 public:
  StartWorker(Napi::Env env, std::unique_ptr<Owned> owned, std::unique_ptr<ExitCtx> exit)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), owned_(std::move(owned)), exit_(std::move(exit)) {}

  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    char err[512] = "";
    err_ = recorder_start(&owned_->cfg, exit_ ? OnChildExit : nullptr, exit_.get(), &rec_, err, sizeof(err));
    if (err_) msg_ = err;
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (err_) {
      if (exit_ && exit_->active) {
        exit_->active = false;
        exit_->tsfn.Release();
      }
      deferred_.Reject(MakeError(env, msg_, err_).Value());
      return;
    }
    Napi::Object obj = Session::ctor->New({});
    Session::Unwrap(obj)->Adopt(rec_, std::move(owned_), std::move(exit_));
    deferred_.Resolve(obj);
  }

 private:
  Napi::Promise::Deferred deferred_;
  std::unique_ptr<Owned> owned_;
  std::unique_ptr<ExitCtx> exit_;
  recorder* rec_ = nullptr;
  int err_ = 0;
  std::string msg_;
};

class StopWorker : public Napi::AsyncWorker {
 public:
  StopWorker(Napi::Env env, Session* s) : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), s_(s) {
    ref_ = Napi::Persistent(s->Value());
  }
  Napi::Promise Promise() { return deferred_.Promise(); }
  void Execute() override {
    char err[512] = "";
    err_ = recorder_stop(s_->rec(), &st_, err, sizeof(err));
    if (err_) msg_ = err;
  }
  void OnOK() override {
    Napi::Env env = Env();
    recorder_free(s_->rec());
    s_->Forget();
    s_->ReleaseExit();
    if (err_) {
      deferred_.Reject(MakeError(env, msg_, err_).Value());
    } else {
      deferred_.Resolve(StatsToJs(env, st_));
    }
    ref_.Reset();
  }

 private:
  Napi::Promise::Deferred deferred_;
  Session* s_;
  Napi::ObjectReference ref_;
  rec_stats st_{};
  int err_ = 0;
  std::string msg_;
};

Napi::Value Session::Stop(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!rec_ || stopping_) {
    auto d = Napi::Promise::Deferred::New(env);
    d.Reject(MakeError(env, "the recording is already stopped", -ESHUTDOWN).Value());
    return d.Promise();
  }
  stopping_ = true;
  auto* w = new StopWorker(env, this);
  auto p = w->Promise();
  w->Queue();
  return p;
}

std::string GetStr(const Napi::Object& o, const char* k, const std::string& dflt = "") {
  Napi::Value v = o.Get(k);
  return v.IsString() ? v.As<Napi::String>().Utf8Value() : dflt;
}

std::vector<std::string> GetStrArray(const Napi::Object& o, const char* k) {
  std::vector<std::string> out;
  Napi::Value v = o.Get(k);
  if (!v.IsArray()) return out;
  Napi::Array a = v.As<Napi::Array>();
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Value e = a.Get(i);
    if (e.IsString()) out.push_back(e.As<Napi::String>().Utf8Value());
  }
  return out;
}

int StdioOf(const Napi::Value& v) {
  if (v.IsNumber()) return v.As<Napi::Number>().Int32Value();
  if (v.IsString() && v.As<Napi::String>().Utf8Value() == "ignore") return SPAWN_STDIO_NULL;
  return SPAWN_STDIO_INHERIT;
}

// start(options, onExit?) -> Promise<RecorderSession>
Napi::Value Start(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) {
    Napi::TypeError::New(env, "start(options, onExit?)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Object o = info[0].As<Napi::Object>();
  auto owned = std::make_unique<Owned>();
  rec_config& c = owned->cfg;
  std::string mode = GetStr(o, "mode", "tree");
  c.mode = mode == "system" ? REC_MODE_SYSTEM : mode == "cgroup" ? REC_MODE_CGROUP : REC_MODE_TREE;
  owned->out = GetStr(o, "out");
  c.out_path = owned->out.c_str();
  c.gzip = o.Get("gzip").ToBoolean();
  c.layout = GetStr(o, "layout", "compat") == "current" ? SCAP_LAYOUT_CURRENT : SCAP_LAYOUT_COMPAT;
  if (o.Get("ringBytesPerCpu").IsNumber()) c.ring_bytes = o.Get("ringBytesPerCpu").As<Napi::Number>().Uint32Value();
  if (o.Get("snaplen").IsNumber()) c.snaplen = o.Get("snaplen").As<Napi::Number>().Uint32Value();
  owned->cgroup = GetStr(o, "cgroupPath");
  c.cgroup_path = owned->cgroup.empty() ? nullptr : owned->cgroup.c_str();
  owned->exe = GetStr(o, "exePath");
  c.exe_path = owned->exe.empty() ? nullptr : owned->exe.c_str();
  owned->argv = GetStrArray(o, "argv");
  owned->envp = GetStrArray(o, "env");
  for (auto& s : owned->argv) owned->argvp.push_back(s.data());
  owned->argvp.push_back(nullptr);
  for (auto& s : owned->envp) owned->envpp.push_back(s.data());
  owned->envpp.push_back(nullptr);
  c.argv = owned->argvp.data();
  c.envp = owned->envpp.data();
  owned->cwd = GetStr(o, "cwd");
  c.cwd = owned->cwd.empty() ? nullptr : owned->cwd.c_str();
  Napi::Value stdio = o.Get("stdio");
  for (int i = 0; i < 3; i++) c.stdio[i] = SPAWN_STDIO_INHERIT;
  if (stdio.IsArray()) {
    Napi::Array a = stdio.As<Napi::Array>();
    for (uint32_t i = 0; i < 3 && i < a.Length(); i++) c.stdio[i] = StdioOf(a.Get(i));
  }
  if (o.Get("syscalls").IsArray()) {
    owned->syscalls = GetStrArray(o, "syscalls");
    for (auto& s : owned->syscalls) owned->syscallp.push_back(s.c_str());
    c.syscalls = owned->syscallp.data();
    c.nsyscalls = owned->syscallp.size();
    if (c.nsyscalls == 0) c.syscalls = nullptr;
  }
  if (o.Get("watermarkMs").IsNumber()) c.watermark_ms = o.Get("watermarkMs").As<Napi::Number>().Uint32Value();
  if (o.Get("pollUs").IsNumber()) c.poll_us = o.Get("pollUs").As<Napi::Number>().Uint32Value();

  std::unique_ptr<ExitCtx> exit;
  if (c.mode == REC_MODE_TREE) {
    exit = std::make_unique<ExitCtx>();
    Napi::Function cb = info.Length() > 1 && info[1].IsFunction() ? info[1].As<Napi::Function>()
                                                                   : Napi::Function::New(env, [](const Napi::CallbackInfo&) {});
    exit->tsfn = Napi::ThreadSafeFunction::New(env, cb, "falco-replay-recorder-exit", 0, 1);
    exit->active = true;
  }
  auto* w = new StartWorker(env, std::move(owned), std::move(exit));
  auto p = w->Promise();
  w->Queue();
  return p;
}

Napi::Value Check(const Napi::CallbackInfo& info) {
  char msg[512];
  int e = recorder_check(msg, sizeof(msg));
  if (!e) return info.Env().Null();
  return Napi::String::New(info.Env(), msg);
}

Napi::Value Syscalls(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array a = Napi::Array::New(env);
  uint32_t i = 0;
  for (const char* const* n = recorder_syscall_names(); *n; n++) a.Set(i++, Napi::String::New(env, *n));
  return a;
}

Napi::Value ResolveCommand(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) {
    Napi::TypeError::New(env, "resolveCommand(file, PATH?)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  std::string file = info[0].As<Napi::String>().Utf8Value();
  std::string path = info.Length() > 1 && info[1].IsString() ? info[1].As<Napi::String>().Utf8Value() : "";
  char out[4096];
  int e = spawn_resolve(file.c_str(), path.empty() ? nullptr : path.c_str(), out, sizeof(out));
  if (e) return env.Null();
  return Napi::String::New(env, out);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("RecorderSession", Session::Init(env));
  exports.Set("start", Napi::Function::New(env, Start));
  exports.Set("check", Napi::Function::New(env, Check));
  exports.Set("syscalls", Napi::Function::New(env, Syscalls));
  exports.Set("resolveCommand", Napi::Function::New(env, ResolveCommand));
  exports.Set("abiVersion", Napi::Number::New(env, 1));
  return exports;
}

}  // namespace

NODE_API_MODULE(falco_replay_recorder, Init)
