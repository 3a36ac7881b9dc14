// The local-time offset for TZ as libsinsp applies it: the offset in force now, computed once, applied to every
// event (sysdig 0.29.3 prints an August event with TZ=CET-1CEST,… at +01:00 in December). IANA names use the
// platform's zone rules (Intl); POSIX TZ strings (`IST-5:30`, `CET-1CEST,M3.5.0,M10.5.0/3`) are evaluated
// here, as the C library does, since Intl does not read them.
import { currentZoneSeconds } from '../engine/index.js';

/** Seconds east of UTC at `now` (ms since the epoch) in the zone `TZ` names; undefined TZ: the process zone. */
export function zoneSecondsFor(env: NodeJS.ProcessEnv, now = Date.now()): number {
  const raw = env.TZ;
  if (raw === undefined) return currentZoneSeconds();
  const tz = raw.replace(/^:/, '');
  if (tz === '' || /^(UTC|GMT|UTC0|GMT0|Etc\/UTC|Universal|Zulu)$/i.test(tz)) return 0;
  const posix = posixZoneSeconds(tz, now);
  if (posix !== undefined) return posix;
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(new Date(now)).find((p) => p.type === 'timeZoneName')?.value;
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(part ?? '');
    if (!m) return 0;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
  } catch {
    // Neither POSIX nor a zone the platform knows: the C library falls back to UTC.
    return 0;
  }
}

// std offset [dst [offset] [,start[/time],end[/time]]]; names are 3+ letters or <quoted>.
const NAME = String.raw`(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)`;
const OFFSET = String.raw`[+-]?\d{1,2}(?::\d{1,2}(?::\d{1,2})?)?`;
const RULE = String.raw`(?:M\d{1,2}\.\d\.\d|J\d{1,3}|\d{1,3})(?:/[+-]?\d{1,3}(?::\d{1,2}(?::\d{1,2})?)?)?`;
const POSIX_TZ = new RegExp(`^(${NAME})(${OFFSET})(?:(${NAME})(${OFFSET})?(?:,(${RULE}),(${RULE}))?)?$`);

/** `[+-]hh[:mm[:ss]]` in seconds. */
function hms(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const [h = 0, m = 0, s = 0] = text.replace(/^[+-]/, '').split(':').map(Number);
  return sign * (h * 3600 + m * 60 + s);
}

const DAY = 86400;
const daysFromCivil = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 1000 / DAY;
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Seconds from the start of `year` (local time) to the transition a POSIX rule names. */
function transition(rule: string, year: number): number {
  const [date = '', time] = rule.split('/');
  const at = time === undefined ? 7200 : hms(time);
  let day: number; // 0-based day of the year
  if (date.startsWith('M')) {
    const [m = 1, w = 1, d = 0] = date.slice(1).split('.').map(Number);
    const first = daysFromCivil(year, m, 1);
    const firstDow = (first + 4) % 7; // 1970-01-01 was a Thursday
    let dom = 1 + ((d - firstDow + 7) % 7) + (w - 1) * 7;
    const monthDays = new Date(Date.UTC(year, m, 0)).getUTCDate();
    while (dom > monthDays) dom -= 7;
    day = first + dom - 1 - daysFromCivil(year, 1, 1);
  } else if (date.startsWith('J')) {
    const n = Number(date.slice(1)); // 1..365, February 29 never counted
    day = n - 1 + (isLeap(year) && n > 59 ? 1 : 0);
  } else {
    day = Number(date);
  }
  return day * DAY + at;
}

/** Seconds east of UTC at `now` under a POSIX TZ string, or undefined when `tz` is not one. */
export function posixZoneSeconds(tz: string, now: number): number | undefined {
  const m = POSIX_TZ.exec(tz);
  if (!m) return undefined;
  // POSIX offsets are west of Greenwich: UTC+05:30 is written -5:30.
  const std = -hms(m[2] as string);
  if (m[3] === undefined) return std;
  const dst = m[4] !== undefined ? -hms(m[4]) : std + 3600;
  // No rule: the C library's default (the US rules since 2007).
  const startRule = m[5] ?? 'M3.2.0';
  const endRule = m[6] ?? 'M11.1.0';
  const utc = Math.floor(now / 1000);
  const year = new Date((utc + std) * 1000).getUTCFullYear();
  const yearStart = daysFromCivil(year, 1, 1) * DAY;
  // Start is given in standard local time, end in daylight local time.
  const start = yearStart + transition(startRule, year) - std;
  const end = yearStart + transition(endRule, year) - dst;
  const inDst = start < end ? utc >= start && utc < end : utc >= start || utc < end;
  return inDst ? dst : std;
}
