/* SPDX-License-Identifier: Apache-2.0 */
/*
 * scap file writer: pcapng-style blocks (docs/scap-format.md), buffered so that only whole blocks
 * ever reach the file, optional gzip (each flush is a zlib sync point, so a killed recording stays readable up
 * to the last flush). Events are built parameter by parameter and checked against the event tables of the
 * layout being written (generated in gen/ppm_tables.h).
 */
#ifndef FALCO_REPLAY_SCAP_WRITER_H
#define FALCO_REPLAY_SCAP_WRITER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#define SCAP_BT_SHB 0x0A0D0D0Au
#define SCAP_BT_MI 0x201u
#define SCAP_BT_PL_V9 0x215u
#define SCAP_BT_FDL_V2 0x218u
#define SCAP_BT_IL_V2 0x219u
#define SCAP_BT_UL_V2 0x220u
#define SCAP_BT_EV_V2 0x216u
#define SCAP_BT_EV_V2_LARGE 0x221u

enum scap_layout {
	SCAP_LAYOUT_COMPAT = 0,  /* enter+exit pairs, sysdig 0.29.3 parameter counts (also read by current libs) */
	SCAP_LAYOUT_CURRENT = 1, /* exit events only, current libs parameter counts */
};

struct scap_writer {
	int fd;
	bool gzip;
	int layout;
	z_stream zs;
	bool zs_init;
	uint8_t *buf; /* whole blocks waiting to be written */
	size_t len, cap;
	uint8_t *zbuf;
	size_t zcap;
	size_t blk;      /* offset of the open block (SIZE_MAX: none) */
	/* event being built */
	size_t ev_hdr;   /* offset of the event header */
	size_t lens;     /* offset of the parameter length array */
	uint16_t code;
	uint32_t np, np_done;
	bool large;
	const uint8_t *types; /* expected parameter types (NULL: unchecked) */
	/* totals */
	uint64_t events;
	uint64_t blocks;
	uint64_t bytes_raw;     /* uncompressed bytes produced */
	uint64_t bytes_written; /* bytes written to the file */
	uint64_t encode_errors; /* events that did not match the event table of the layout */
	uint64_t last_ts;
	int write_errno;        /* first write error (errno), 0 if none */
	char last_error[160];
};

int sw_open(struct scap_writer *w, const char *path, bool gzip, int layout);
/* Writes everything buffered (whole blocks only); sync point for gzip. Returns 0 or -errno. */
int sw_flush(struct scap_writer *w);
int sw_close(struct scap_writer *w);
size_t sw_pending(const struct scap_writer *w);

/* Raw blocks (metadata). */
void sw_block_begin(struct scap_writer *w, uint32_t type);
void sw_block_end(struct scap_writer *w);
void sw_put(struct scap_writer *w, const void *p, size_t n);
void sw_u8(struct scap_writer *w, uint8_t v);
void sw_u16(struct scap_writer *w, uint16_t v);
void sw_u32(struct scap_writer *w, uint32_t v);
void sw_u64(struct scap_writer *w, uint64_t v);
void sw_lstr(struct scap_writer *w, const char *s, size_t n); /* u16 length + bytes, no NUL */
void sw_zeros(struct scap_writer *w, size_t n);
/* Reserve n bytes in the open block and return their offset (patch later through w->buf). */
size_t sw_reserve(struct scap_writer *w, size_t n);

/* Events: one event per block. nparams must match what the layout's table says for `code`. */
void sw_ev_begin(struct scap_writer *w, uint64_t ts, uint64_t tid, uint16_t code, uint32_t nparams, uint16_t cpu);
void sw_ev_end(struct scap_writer *w);
void sw_p_empty(struct scap_writer *w);
void sw_p_u8(struct scap_writer *w, uint8_t v);
void sw_p_u16(struct scap_writer *w, uint16_t v);
void sw_p_u32(struct scap_writer *w, uint32_t v);
void sw_p_u64(struct scap_writer *w, uint64_t v);
#define sw_p_i64(w, v) sw_p_u64((w), (uint64_t)(int64_t)(v))
#define sw_p_i32(w, v) sw_p_u32((w), (uint32_t)(int32_t)(v))
/* CHARBUF/FSPATH: text + NUL, never empty (NULL or "" writes a lone NUL). */
void sw_p_str(struct scap_writer *w, const char *s);
void sw_p_strn(struct scap_writer *w, const char *s, size_t n);
/* BYTEBUF and other variable types: raw bytes, may be empty. */
void sw_p_buf(struct scap_writer *w, const void *p, size_t n);

/* Does a reader of `layout` accept (code, nparams)? Used by tests and the writer's own check. */
bool sw_layout_accepts(int layout, uint16_t code, uint32_t nparams);

#endif
