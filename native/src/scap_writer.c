/* SPDX-License-Identifier: Apache-2.0 */
#define _GNU_SOURCE
#include "scap_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/ppm_tables.h"

#define SW_FLUSH_AT (1u << 20)

static void sw_grow(struct scap_writer *w, size_t need)
{
	if (w->len + need <= w->cap)
		return;
	size_t cap = w->cap ? w->cap : (1u << 20);
	while (cap < w->len + need)
		cap *= 2;
	uint8_t *nb = realloc(w->buf, cap);
	if (!nb)
		abort(); /* out of memory while recording: nothing sensible to do */
	w->buf = nb;
	w->cap = cap;
}

void sw_put(struct scap_writer *w, const void *p, size_t n)
{
	sw_grow(w, n);
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

void sw_zeros(struct scap_writer *w, size_t n)
{
	sw_grow(w, n);
	memset(w->buf + w->len, 0, n);
	w->len += n;
}

size_t sw_reserve(struct scap_writer *w, size_t n)
{
	size_t at = w->len;
	sw_zeros(w, n);
	return at;
}

void sw_u8(struct scap_writer *w, uint8_t v) { sw_put(w, &v, 1); }
void sw_u16(struct scap_writer *w, uint16_t v) { sw_put(w, &v, 2); }
void sw_u32(struct scap_writer *w, uint32_t v) { sw_put(w, &v, 4); }
void sw_u64(struct scap_writer *w, uint64_t v) { sw_put(w, &v, 8); }

void sw_lstr(struct scap_writer *w, const char *s, size_t n)
{
	if (n > 0xffff)
		n = 0xffff;
	sw_u16(w, (uint16_t)n);
	sw_put(w, s, n);
}

void sw_block_begin(struct scap_writer *w, uint32_t type)
{
	w->blk = w->len;
	sw_u32(w, type);
	sw_u32(w, 0); /* total length, patched by sw_block_end */
}

void sw_block_end(struct scap_writer *w)
{
	size_t body = w->len - w->blk - 8;
	size_t pad = (4 - (body & 3)) & 3;
	sw_zeros(w, pad);
	uint32_t total = (uint32_t)(8 + body + pad + 4);
	memcpy(w->buf + w->blk + 4, &total, 4);
	sw_u32(w, total);
	w->blk = SIZE_MAX;
	w->blocks++;
	w->bytes_raw += total;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t r = write(fd, p, n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int deflate_out(struct scap_writer *w, int mode)
{
	w->zs.next_in = w->buf;
	w->zs.avail_in = (uInt)w->len;
	do {
		w->zs.next_out = w->zbuf;
		w->zs.avail_out = (uInt)w->zcap;
		int r = deflate(&w->zs, mode);
		if (r == Z_STREAM_ERROR)
			return -EIO;
		size_t have = w->zcap - w->zs.avail_out;
		if (have) {
			int e = write_all(w->fd, w->zbuf, have);
			if (e)
				return e;
			w->bytes_written += have;
		}
	} while (w->zs.avail_out == 0 || w->zs.avail_in > 0);
	return 0;
}

int sw_open(struct scap_writer *w, const char *path, bool gzip, int layout)
{
	memset(w, 0, sizeof(*w));
	w->blk = SIZE_MAX;
	w->layout = layout;
	w->gzip = gzip;
	w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (w->fd < 0)
		return -errno;
	if (gzip) {
		/* level 1: the recording thread compresses inline; speed matters more than ratio */
		if (deflateInit2(&w->zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
			close(w->fd);
			w->fd = -1;
			return -ENOMEM;
		}
		w->zs_init = true;
		w->zcap = 1u << 18;
		w->zbuf = malloc(w->zcap);
		if (!w->zbuf)
			abort();
	}
	return 0;
}

size_t sw_pending(const struct scap_writer *w) { return w->len; }

int sw_flush(struct scap_writer *w)
{
	if (w->fd < 0 || w->blk != SIZE_MAX)
		return 0; /* never in the middle of a block */
	if (!w->len)
		return 0;
	int e;
	if (w->gzip) {
		e = deflate_out(w, Z_SYNC_FLUSH);
	} else {
		e = write_all(w->fd, w->buf, w->len);
		if (!e)
			w->bytes_written += w->len;
	}
	w->len = 0;
	if (e && !w->write_errno) {
		w->write_errno = -e;
		snprintf(w->last_error, sizeof(w->last_error), "write failed: %s", strerror(-e));
	}
	return e;
}

int sw_close(struct scap_writer *w)
{
	int e = 0;
	if (w->fd >= 0) {
		if (w->gzip) {
			if (!w->write_errno)
				e = deflate_out(w, Z_FINISH);
			w->len = 0;
		} else {
			e = sw_flush(w);
		}
		if (close(w->fd) && !e)
			e = -errno;
		w->fd = -1;
	}
	if (w->zs_init)
		deflateEnd(&w->zs);
	w->zs_init = false;
	free(w->buf);
	free(w->zbuf);
	w->buf = w->zbuf = NULL;
	w->cap = w->len = 0;
	return e ? e : -w->write_errno;
}

/* ------------------------------------------------------------------------------------------------------ */

static bool current_accepts(uint16_t code, uint32_t n)
{
	if (code >= PPM_EVENT_MAX)
		return false;
	const struct ppm_event_sig *s = &ppm_sig_current[code];
	if (!s->name)
		return false;
	if (!s->converter_managed)
		return n <= s->nparams;
	if (n == s->nparams)
		return true;
	for (const struct ppm_converter_count *c = ppm_converter_counts; c->code != 0xffff; c++)
		if (c->code == code && c->nparams == n)
			return true;
	return false;
}

bool sw_layout_accepts(int layout, uint16_t code, uint32_t n)
{
	if (layout == SCAP_LAYOUT_CURRENT)
		return code < PPM_EVENT_MAX && ppm_sig_current[code].name && ppm_sig_current[code].nparams == n;
	if (code < PPM_EVENT_MAX_0293)
		return ppm_sig_0293[code].name && ppm_sig_0293[code].nparams == n && current_accepts(code, n);
	/* codes the 2022 reader skips (async events): must still be exactly what current libs expects */
	return code < PPM_EVENT_MAX && ppm_sig_current[code].name && ppm_sig_current[code].nparams == n;
}

static void ev_error(struct scap_writer *w, const char *what)
{
	w->encode_errors++;
	snprintf(w->last_error, sizeof(w->last_error), "event %u (%s) param %u: %s", w->code,
		 w->code < PPM_EVENT_MAX && ppm_sig_current[w->code].name ? ppm_sig_current[w->code].name : "?",
		 w->np_done, what);
}

void sw_ev_begin(struct scap_writer *w, uint64_t ts, uint64_t tid, uint16_t code, uint32_t nparams, uint16_t cpu)
{
	const struct ppm_event_sig *sig = NULL;
	if (w->layout == SCAP_LAYOUT_COMPAT && code < PPM_EVENT_MAX_0293)
		sig = &ppm_sig_0293[code];
	else if (code < PPM_EVENT_MAX)
		sig = &ppm_sig_current[code];
	w->code = code;
	w->np = nparams;
	w->np_done = 0;
	w->large = code < PPM_EVENT_MAX && ppm_sig_current[code].large_payload;
	w->types = sig && sig->name ? sig->types : NULL;
	/* the same (code, nparams) comes back millions of times: remember the last accepted count per code */
	static _Thread_local uint8_t accepted[2][PPM_EVENT_MAX];
	int li = w->layout == SCAP_LAYOUT_CURRENT;
	if (code >= PPM_EVENT_MAX || accepted[li][code] != nparams + 1) {
		if (!sw_layout_accepts(w->layout, code, nparams))
			ev_error(w, "parameter count not accepted by the layout's readers");
		else if (code < PPM_EVENT_MAX && nparams < 255)
			accepted[li][code] = (uint8_t)(nparams + 1);
	}
	sw_block_begin(w, w->large ? SCAP_BT_EV_V2_LARGE : SCAP_BT_EV_V2);
	sw_u16(w, cpu);
	w->ev_hdr = w->len;
	sw_u64(w, ts);
	sw_u64(w, tid);
	sw_u32(w, 0); /* len, patched */
	sw_u16(w, code);
	sw_u32(w, nparams);
	w->lens = sw_reserve(w, (size_t)nparams * (w->large ? 4 : 2));
	if (ts > w->last_ts)
		w->last_ts = ts;
}

static void param_len(struct scap_writer *w, size_t n, bool fixed)
{
	if (w->np_done >= w->np) {
		ev_error(w, "too many parameters");
		return;
	}
	if (w->types && w->np_done < sizeof(((struct ppm_event_sig *)0)->types)) {
		uint8_t t = w->types[w->np_done];
		uint8_t fs = t < sizeof(ppm_param_fixed_size) ? ppm_param_fixed_size[t] : 0;
		if (fs && n != 0 && n != fs)
			ev_error(w, "value size does not match the parameter type");
		if (fs && n == 0)
			ev_error(w, "empty fixed-size parameter (sysdig 0.29.3 would read garbage)");
		if (!fs && fixed && t != PT_DYN)
			ev_error(w, "fixed-size value for a variable-size parameter");
	}
	if (!w->large && n > 0xffff)
		n = 0xffff;
	if (w->large) {
		uint32_t v = (uint32_t)n;
		memcpy(w->buf + w->lens + 4 * w->np_done, &v, 4);
	} else {
		uint16_t v = (uint16_t)n;
		memcpy(w->buf + w->lens + 2 * w->np_done, &v, 2);
	}
	w->np_done++;
}

void sw_p_empty(struct scap_writer *w) { param_len(w, 0, false); }
void sw_p_u8(struct scap_writer *w, uint8_t v) { param_len(w, 1, true); sw_u8(w, v); }
void sw_p_u16(struct scap_writer *w, uint16_t v) { param_len(w, 2, true); sw_u16(w, v); }
void sw_p_u32(struct scap_writer *w, uint32_t v) { param_len(w, 4, true); sw_u32(w, v); }
void sw_p_u64(struct scap_writer *w, uint64_t v) { param_len(w, 8, true); sw_u64(w, v); }

void sw_p_strn(struct scap_writer *w, const char *s, size_t n)
{
	if (!s)
		n = 0;
	const char *z = s ? memchr(s, 0, n) : NULL;
	if (z)
		n = (size_t)(z - s);
	if (n > 0xfffe)
		n = 0xfffe;
	param_len(w, n + 1, false);
	if (n)
		sw_put(w, s, n);
	sw_u8(w, 0);
}

void sw_p_str(struct scap_writer *w, const char *s) { sw_p_strn(w, s, s ? strlen(s) : 0); }

void sw_p_buf(struct scap_writer *w, const void *p, size_t n)
{
	if (!w->large && n > 0xffff)
		n = 0xffff;
	param_len(w, n, false);
	if (n)
		sw_put(w, p, n);
}

void sw_ev_end(struct scap_writer *w)
{
	if (w->np_done != w->np)
		ev_error(w, "missing parameters");
	while (w->np_done < w->np)
		param_len(w, 0, false);
	uint32_t len = (uint32_t)(w->len - w->ev_hdr);
	memcpy(w->buf + w->ev_hdr + 16, &len, 4);
	sw_block_end(w);
	w->events++;
	if (w->len >= SW_FLUSH_AT)
		sw_flush(w);
}
