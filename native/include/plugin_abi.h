// SPDX-License-Identifier: Apache-2.0
// The Falco plugin API as falco-replay's plugin host speaks it: the C layouts and constants a plugin shared
// library is called with, written from the facts of the API version named below (our own names; the layouts
// are the contract). Only what the host uses is declared: event sourcing, field extraction, init and errors.
#ifndef FALCO_REPLAY_PLUGIN_ABI_H
#define FALCO_REPLAY_PLUGIN_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// The API version the host implements. A plugin loads when its required major equals ours and its required
// minor is not above ours (equal minors: its patch not above ours).
#define FRP_API_MAJOR 3
#define FRP_API_MINOR 3
#define FRP_API_PATCH 0

// Return codes of init/open/next_batch/extract_fields.
enum {
  FRP_RC_SUCCESS = 0,
  FRP_RC_FAILURE = 1,
  FRP_RC_TIMEOUT = -1,
  FRP_RC_EOF = 2,
  FRP_RC_NOT_SUPPORTED = 3,
};

// Field types as plugins declare them in extract requests (libsinsp's numbering).
enum {
  FRP_FT_UINT64 = 8,
  FRP_FT_STRING = 9,
  FRP_FT_RELTIME = 20,
  FRP_FT_ABSTIME = 21,
  FRP_FT_BOOL = 25,
  FRP_FT_IPADDR = 40,
  FRP_FT_IPNET = 41,
};

// Init configuration schema kinds (get_init_schema).
enum { FRP_SCHEMA_NONE = 0, FRP_SCHEMA_JSON = 1 };

// A scap event as plugins exchange it: a packed 26-byte header, then one length per parameter, then the
// parameter data. A plugin event (type 322) has two parameters, plugin id (u32) and payload (bytes), both
// with 4-byte lengths.
#pragma pack(push, 1)
typedef struct frp_event {
  uint64_t ts;   // ns since the epoch; all ones: "now"
  uint64_t tid;  // all ones: no thread
  uint32_t len;  // whole event, header included
  uint16_t type;
  uint32_t nparams;
} frp_event;
#pragma pack(pop)

#define FRP_EVENT_HEADER_LEN 26
#define FRP_PLUGIN_EVENT_TYPE 322

typedef struct frp_event_input {
  const frp_event *evt;
  uint64_t evtnum;
  const char *evtsrc;
} frp_event_input;

typedef struct frp_byte_buffer {
  uint32_t len;
  const void *ptr;
} frp_byte_buffer;

// One extraction request; the plugin fills res/res_len.
typedef struct frp_extract_field {
  union {
    const char **str;
    uint64_t *u64;
    uint32_t *u32;
    uint32_t *boolean;
    frp_byte_buffer *buf;
  } res;
  uint64_t res_len;
  uint32_t field_id;
  const char *field;
  const char *arg_key;
  uint64_t arg_index;
  uint32_t arg_present;
  uint32_t ftype;
  uint32_t flist;
} frp_extract_field;

typedef void frp_owner;

// State-table access: the host has no tables to share, so every callback answers "none" or fails.
typedef struct frp_table_info {
  const char *name;
  int key_type;
} frp_table_info;

typedef struct {
  void *(*list_table_fields)(void *t, uint32_t *n);
  void *(*get_table_field)(void *t, const char *name, int type);
  void *(*add_table_field)(void *t, const char *name, int type);
} frp_table_fields_vtable;

typedef struct {
  const char *(*get_table_name)(void *t);
  uint64_t (*get_table_size)(void *t);
  void *(*get_table_entry)(void *t, const void *key);
  int (*read_entry_field)(void *t, void *e, const void *f, void *out);
} frp_table_reader_vtable;

typedef struct {
  const char *(*get_table_name)(void *t);
  uint64_t (*get_table_size)(void *t);
  void *(*get_table_entry)(void *t, const void *key);
  int (*read_entry_field)(void *t, void *e, const void *f, void *out);
  void (*release_table_entry)(void *t, void *e);
  uint32_t (*iterate_entries)(void *t, void *it, void *s);
} frp_table_reader_vtable_ext;

typedef struct {
  frp_table_info *(*list_tables)(frp_owner *o, uint32_t *n);
  void *(*get_table)(frp_owner *o, const char *name, int key_type);
  int (*add_table)(frp_owner *o, const void *in);
  frp_table_fields_vtable fields;
  frp_table_fields_vtable *fields_ext;
} frp_init_tables_input;

typedef void (*frp_log_fn)(const char *component, const char *msg, int severity);

typedef struct frp_init_input {
  const char *config;
  frp_owner *owner;
  const char *(*get_owner_last_error)(frp_owner *o);
  const frp_init_tables_input *tables;
  frp_log_fn log_fn;
} frp_init_input;

typedef struct frp_extract_input {
  frp_owner *owner;
  const char *(*get_owner_last_error)(frp_owner *o);
  uint32_t num_fields;
  frp_extract_field *fields;
  frp_table_reader_vtable table_reader;
  frp_table_reader_vtable_ext *table_reader_ext;
} frp_extract_input;

// Exported symbols (each is `plugin_<name>` in the library).
typedef const char *(*frp_get_str_fn)(void);
typedef uint32_t (*frp_get_id_fn)(void);
typedef const char *(*frp_get_init_schema_fn)(int32_t *schema_type);
typedef void *(*frp_init_fn)(const frp_init_input *in, int32_t *rc);
typedef void (*frp_destroy_fn)(void *s);
typedef const char *(*frp_get_last_error_fn)(void *s);
typedef void *(*frp_open_fn)(void *s, const char *params, int32_t *rc);
typedef void (*frp_close_fn)(void *s, void *h);
typedef int32_t (*frp_next_batch_fn)(void *s, void *h, uint32_t *nevts, frp_event ***evts);
typedef int32_t (*frp_extract_fields_fn)(void *s, const frp_event_input *evt, const frp_extract_input *in);

#ifdef __cplusplus
}
#endif

#endif
