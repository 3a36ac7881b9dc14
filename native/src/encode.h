/* SPDX-License-Identifier: Apache-2.0 */
/* Probe records (rec.h) -> scap events, in the compat (enter+exit, 2022 counts) or current (exit-only) layout. */
#ifndef FALCO_REPLAY_ENCODE_H
#define FALCO_REPLAY_ENCODE_H
#include <stddef.h>
#include <stdint.h>

#include "scap_writer.h"

struct encoder {
	struct scap_writer *w;
	int layout;
	uint64_t ts_offset; /* added to the probe's boot-time stamps: REALTIME - BOOTTIME at start */
	uint64_t records;
	uint64_t bad_records; /* truncated or unknown records (should stay 0) */
};

void encode_record(struct encoder *e, const void *rec, size_t size, uint16_t cpu);
void encode_plugin_event(struct encoder *e, uint64_t ts, uint32_t plugin_id, const void *data, size_t len);
void encode_async_event(struct encoder *e, uint64_t ts, uint32_t plugin_id, const char *name, const void *data, size_t len);

/* Handler id -> syscall name and x86_64 number (for generic events and the probe's dispatch table). */
const char *handler_name(unsigned hid);
int handler_syscall_nr(unsigned hid);
unsigned handler_by_name(const char *name);

#endif
