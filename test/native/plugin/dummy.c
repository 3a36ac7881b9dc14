// A minimal Falco plugin for the tests: event source `dummy` (ID 999) and field extraction.
// Init config: `count=N` (events per open, default 5). Open params: a number overrides the count.
// Event N carries the payload "count=N" at 1700000000 s + N ms; batches hold at most two events.
// Fields: dummy.value (uint64, N), dummy.text (string, "event N"), dummy.arg[key] (string, "key:N"),
// dummy.digits (list of strings: the decimal digits of N).
// Build: cc -shared -fPIC -o libdummy.so dummy.c [-DDUMMY_API_VERSION='"4.0.0"']
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DUMMY_API_VERSION
#define DUMMY_API_VERSION "3.0.0"
#endif

#define EXPORT __attribute__((visibility("default")))

#pragma pack(push, 1)
typedef struct {
  uint64_t ts;
  uint64_t tid;
  uint32_t len;
  uint16_t type;
  uint32_t nparams;
} event_hdr;
#pragma pack(pop)

typedef struct {
  const event_hdr *evt;
  uint64_t evtnum;
  const char *evtsrc;
} event_input;

typedef struct {
  union {
    const char **str;
    uint64_t *u64;
  } res;
  uint64_t res_len;
  uint32_t field_id;
  const char *field;
  const char *arg_key;
  uint64_t arg_index;
  uint32_t arg_present;
  uint32_t ftype;
  uint32_t flist;
} extract_field;

typedef struct {
  void *owner;
  void *get_owner_last_error;
  uint32_t num_fields;
  extract_field *fields;
} extract_input;

typedef struct {
  const char *config;
} init_input;

typedef struct {
  int count;
  char err[256];
  uint64_t u64[8];
  const char *strs[32];
  char text[8][128];
} state;

typedef struct {
  int next;
  int count;
  uint8_t *evts[2];
  event_hdr *ptrs[2];
} instance;

EXPORT const char *plugin_get_required_api_version(void) { return DUMMY_API_VERSION; }
EXPORT const char *plugin_get_name(void) { return "dummy"; }
EXPORT const char *plugin_get_description(void) { return "Test plugin of falco-replay"; }
EXPORT const char *plugin_get_contact(void) { return "falco-replay tests"; }
EXPORT const char *plugin_get_version(void) { return "0.1.0"; }
EXPORT uint32_t plugin_get_id(void) { return 999; }
EXPORT const char *plugin_get_event_source(void) { return "dummy"; }
EXPORT const char *plugin_get_extract_event_sources(void) { return "[\"dummy\"]"; }
EXPORT const char *plugin_get_fields(void) {
  return "["
         "{\"type\":\"uint64\",\"name\":\"dummy.value\",\"desc\":\"The event's counter.\"},"
         "{\"type\":\"string\",\"name\":\"dummy.text\",\"desc\":\"Text of the event.\"},"
         "{\"type\":\"string\",\"name\":\"dummy.arg\",\"arg\":{\"isRequired\":true,\"isKey\":true},\"desc\":\"The key and the counter.\"},"
         "{\"type\":\"string\",\"name\":\"dummy.digits\",\"isList\":true,\"desc\":\"Decimal digits of the counter.\"}"
         "]";
}

EXPORT void *plugin_init(const init_input *in, int32_t *rc) {
  state *s = calloc(1, sizeof *s);
  s->count = 5;
  if (in->config && in->config[0]) {
    if (strncmp(in->config, "count=", 6) != 0) {
      snprintf(s->err, sizeof s->err, "bad init config '%.100s' (count=N expected)", in->config);
      *rc = 1;
      return s;
    }
    s->count = atoi(in->config + 6);
  }
  *rc = 0;
  return s;
}

EXPORT void plugin_destroy(void *s) { free(s); }
EXPORT const char *plugin_get_last_error(void *s) { return ((state *)s)->err; }

EXPORT void *plugin_open(void *sp, const char *params, int32_t *rc) {
  state *s = sp;
  instance *h = calloc(1, sizeof *h);
  h->count = params && params[0] ? atoi(params) : s->count;
  h->next = 1;
  *rc = 0;
  return h;
}

EXPORT void plugin_close(void *s, void *hp) {
  instance *h = hp;
  if (!h) return;
  free(h->evts[0]);
  free(h->evts[1]);
  free(h);
}

EXPORT int32_t plugin_next_batch(void *s, void *hp, uint32_t *nevts, event_hdr ***evts) {
  instance *h = hp;
  uint32_t n = 0;
  while (n < 2 && h->next <= h->count) {
    char payload[32];
    int plen = snprintf(payload, sizeof payload, "count=%d", h->next);
    uint32_t len = sizeof(event_hdr) + 8 + 4 + (uint32_t)plen;
    free(h->evts[n]);
    uint8_t *b = h->evts[n] = calloc(1, len);
    event_hdr hdr = {1700000000000000000ull + (uint64_t)h->next * 1000000ull, (uint64_t)-1, len, 322, 2};
    memcpy(b, &hdr, sizeof hdr);
    uint32_t l0 = 4, l1 = (uint32_t)plen, id = 0;
    memcpy(b + sizeof hdr, &l0, 4);
    memcpy(b + sizeof hdr + 4, &l1, 4);
    memcpy(b + sizeof hdr + 8, &id, 4);
    memcpy(b + sizeof hdr + 12, payload, (size_t)plen);
    h->ptrs[n] = (event_hdr *)b;
    n++;
    h->next++;
  }
  *nevts = n;
  *evts = h->ptrs;
  return h->next > h->count ? 2 : 0;
}

// The counter in a payload "count=N", or -1.
static long counter(const event_hdr *e) {
  const uint8_t *b = (const uint8_t *)e;
  uint32_t l1;
  memcpy(&l1, b + sizeof *e + 4, 4);
  const char *p = (const char *)b + sizeof *e + 12;
  if (l1 < 7 || l1 > 20 || strncmp(p, "count=", 6) != 0) return -1;
  char tmp[24];
  memcpy(tmp, p + 6, l1 - 6);
  tmp[l1 - 6] = 0;
  return atol(tmp);
}

EXPORT int32_t plugin_extract_fields(void *sp, const event_input *ev, const extract_input *in) {
  state *s = sp;
  long n = counter(ev->evt);
  int used = 0;
  for (uint32_t i = 0; i < in->num_fields && i < 8; i++) {
    extract_field *f = &in->fields[i];
    f->res_len = 0;
    if (n < 0) continue;
    switch (f->field_id) {
      case 0:
        s->u64[i] = (uint64_t)n;
        f->res.u64 = &s->u64[i];
        f->res_len = 1;
        break;
      case 1:
        snprintf(s->text[i], sizeof s->text[i], "event %ld", n);
        s->strs[used] = s->text[i];
        f->res.str = &s->strs[used++];
        f->res_len = 1;
        break;
      case 2:
        if (!f->arg_key) {
          snprintf(s->err, sizeof s->err, "dummy.arg needs a key");
          return 1;
        }
        snprintf(s->text[i], sizeof s->text[i], "%.100s:%ld", f->arg_key, n);
        s->strs[used] = s->text[i];
        f->res.str = &s->strs[used++];
        f->res_len = 1;
        break;
      case 3: {
        int len = snprintf(s->text[i], sizeof s->text[i], "%ld", n);
        f->res.str = &s->strs[used];
        for (int k = 0; k < len && used < 32; k++) {
          static char digits[10][2] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
          s->strs[used++] = digits[s->text[i][k] - '0'];
          f->res_len++;
        }
        break;
      }
      default:
        snprintf(s->err, sizeof s->err, "unknown field id %u", f->field_id);
        return 1;
    }
  }
  return 0;
}
