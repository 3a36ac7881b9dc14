// `run --since/--until` times: an ISO 8601 instant, or a time of day on the capture's first day, read in the
// time zone alert times are printed in (TZ), so a time copied from an alert line selects that alert.
import { InvalidArgumentError } from 'commander';
import type { TimeBound } from '../engine/index.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

const fraction = (f: string | undefined): bigint => BigInt((f ?? '').padEnd(9, '0'));

function clock(h: string, m: string, s: string | undefined, f: string | undefined): bigint {
  const hh = Number(h);
  const mm = Number(m);
  const ss = Number(s ?? '0');
  if (hh > 23 || mm > 59 || ss > 60) throw new InvalidArgumentError('hours, minutes or seconds out of range');
  return BigInt((hh * 60 + mm) * 60 + ss) * 1_000_000_000n + fraction(f);
}

/** Parse a --since/--until value; `zoneSeconds` applies to ISO times without an offset. */
export function parseTimeBound(text: string, zoneSeconds: number): TimeBound {
  const t = TIME_OF_DAY.exec(text);
  if (t) return { dayNs: clock(t[1] as string, t[2] as string, t[3], t[4]) };
  const m = ISO.exec(text);
  if (!m) throw new InvalidArgumentError(`expected an ISO 8601 time (2024-05-14T09:30:04Z) or a time of day on the capture's first day (09:30:04[.nnn]), got '${text}'`);
  const days = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  if (!Number.isFinite(days) || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) throw new InvalidArgumentError(`bad date in '${text}'`);
  let offset = zoneSeconds;
  const z = m[8];
  if (z === 'Z') offset = 0;
  else if (z !== undefined) {
    const digits = z.slice(1).replace(':', '');
    offset = (z[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || '0') * 60);
  }
  return { epochNs: BigInt(days) * 86_400_000_000_000n + clock(m[4] as string, m[5] as string, m[6], m[7]) - BigInt(offset) * 1_000_000_000n };
}
