{
  # Built by scripts/build-native.mjs (npm install). Needs clang, bpftool, libbpf-dev, libelf-dev, zlib1g-dev.
  # The probe is compiled by clang against the committed bpf/vmlinux.h (CO-RE) and embedded in the addon
  # through a bpftool skeleton; both are build outputs under build/, never committed.
  "targets": [
    {
      # The plugin host: dlopen + the Falco plugin API. No libbpf, no privileges.
      "target_name": "falco_replay_plugin_host",
      "sources": ["src/plugin_host.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "include"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS"],
      "cflags": ["-O2", "-Wall", "-Wno-unused-parameter", "-fvisibility=hidden"],
      "cflags_cc": ["-std=c++17"],
      "libraries": ["-ldl"]
    },
    {
      "target_name": "falco_replay_recorder",
      "sources": [
        "src/addon.cc",
        "src/recorder.c",
        "src/scap_writer.c",
        "src/encode.c",
        "src/procscan.c",
        "src/spawn.c",
        "src/util.c"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<(SHARED_INTERMEDIATE_DIR)",
        "src"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS"],
      "cflags": ["-O2", "-Wall", "-Wno-unused-parameter", "-fvisibility=hidden"],
      "cflags_c": ["-std=gnu11"],
      "cflags_cc": ["-std=c++17"],
      "libraries": ["-lbpf", "-lelf", "-lz", "-lpthread"],
      "actions": [
        {
          "action_name": "bpf_object",
          "inputs": ["bpf/recorder.bpf.c", "bpf/vmlinux.h", "include/rec.h"],
          "outputs": ["<(SHARED_INTERMEDIATE_DIR)/recorder.bpf.o"],
          "action": [
            "<!(node -p \"process.env.FALCO_REPLAY_CLANG || 'clang'\")",
            "-g", "-O2", "-Wall", "-target", "bpf", "-D__TARGET_ARCH_x86", "-Ibpf",
            "-c", "bpf/recorder.bpf.c", "-o", "<(SHARED_INTERMEDIATE_DIR)/recorder.bpf.o"
          ]
        },
        {
          "action_name": "bpf_skeleton",
          "inputs": ["<(SHARED_INTERMEDIATE_DIR)/recorder.bpf.o"],
          "outputs": ["<(SHARED_INTERMEDIATE_DIR)/recorder.skel.h"],
          "action": [
            "sh", "-c",
            "bpftool gen skeleton <(SHARED_INTERMEDIATE_DIR)/recorder.bpf.o name recorder_bpf > <(SHARED_INTERMEDIATE_DIR)/recorder.skel.h.tmp && mv <(SHARED_INTERMEDIATE_DIR)/recorder.skel.h.tmp <(SHARED_INTERMEDIATE_DIR)/recorder.skel.h"
          ]
        }
      ]
    }
  ]
}
