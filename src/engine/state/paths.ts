// Path joining as libsinsp does it (`concatenate_paths`): a relative path is appended to a base directory
// while `.` and `..` are folded, repeated separators collapse and a trailing separator is dropped.
// Two generations differ (docs/sinsp-semantics.md#paths): 2022 libsinsp folds `.`/`..` wherever they occur and
// replaces non-printable bytes with '.', current libsinsp folds them only at component starts and keeps bytes.
import { utf8Length } from '../../scap/index.js';

const MAX_PATH = 1024;

/** Current libsinsp: `concat(dir, path)`. */
export function concatPaths(dir: string, path: string): string {
  if (dir.length + path.length + 1 > MAX_PATH) return '/DIR_TOO_LONG/FILENAME_TOO_LONG';
  if (path.length !== 0 && path.charCodeAt(0) !== 47) return plain(path) ? dir + path : normalise(dir, path, dir.length === 0);
  if (plain(path)) return path;
  return normalise('', path, true);
}

/** Bytes of `out` before index `base` are the (kept) base directory; `..` never rewinds into less than its first char. */
function normalise(base: string, path: string, emptyBase: boolean): string {
  // Work on an array of chars: rewinds remove chars from the end.
  const out: string[] = base.length ? [...base] : [];
  const tb = 0;
  let pc = 0;
  const n = path.length;
  const ch = (i: number): string => (i < n ? path[i] as string : '');
  const rewind = (delta: number): void => {
    if (out.length <= tb + 1) {
      pc += delta;
      return;
    }
    out.pop();
    while (out.length >= tb + 1 && out[out.length - 1] !== '/') out.pop();
    pc += delta;
  };
  while (true) {
    if (pc >= n) {
      if (out.length > tb + 1 && out[out.length - 1] === '/') out.pop();
      return out.join('');
    }
    const c = path[pc] as string;
    if (c === '.' && (out.length === tb || out[out.length - 1] === '/')) {
      if (ch(pc + 1) === '.' && ch(pc + 2) === '/') rewind(3);
      else if (ch(pc + 1) === '.' && pc + 2 >= n) rewind(2);
      else if (ch(pc + 1) === '/') pc += 2;
      else if (pc + 1 >= n) pc++;
      else {
        out.push(c);
        pc++;
      }
    } else if (c === '/') {
      if ((out.length > tb && out[out.length - 1] === '/') || (out.length === tb && !emptyBase)) pc++;
      else {
        out.push(c);
        pc++;
      }
    } else {
      out.push(c);
      pc++;
    }
  }
}

/** 2022 libsinsp (sysdig 0.29.3): `concat(dir, path)` with character-level folding and sanitising. */
export function concatPathsLegacy(dir: string, path: string): string {
  if (utf8Length(dir) + utf8Length(path) + 1 > MAX_PATH) return '/PATH_TOO_LONG';
  if (path.length !== 0 && path.charCodeAt(0) !== 47) return plainLegacy(path) ? dir + path : sanitise([...dir], path);
  if (plainLegacy(path)) return path;
  return sanitise([], path);
}

function sanitise(out: string[], path: string): string {
  const tb = 0;
  let pc = 0;
  const n = path.length;
  const ch = (i: number): string => (i < n ? path[i] as string : '');
  const rewind = (delta: number): void => {
    if (out.length <= tb + 1) {
      pc += delta;
      return;
    }
    out.pop();
    while (out[out.length - 1] !== '/' && out.length >= tb + 1) out.pop();
    pc += delta;
  };
  while (true) {
    if (pc >= n) {
      if (out.length > tb + 1 && out[out.length - 1] === '/') out.pop();
      return out.join('');
    }
    const c = path[pc] as string;
    const code = c.charCodeAt(0);
    if (code < 0x20 || code >= 0x7f) {
      // Each byte of the character becomes a '.'.
      out.push('.'.repeat(utf8Length(c)));
      pc++;
      continue;
    }
    if (c === '.' && ch(pc + 1) === '.' && ch(pc + 2) === '/') rewind(3);
    else if (c === '.' && ch(pc + 1) === '.') {
      if (pc + 2 >= n) rewind(2);
      else {
        out.push('.', '.');
        pc += 2;
      }
    } else if (c === '.' && ch(pc + 1) === '/') pc += 2;
    else if (c === '.') {
      if (pc + 1 >= n) pc++;
      else {
        out.push(c);
        pc++;
      }
    } else if (c === '/') {
      if (out.length > tb && out[out.length - 1] === '/') pc++;
      else {
        out.push(c);
        pc++;
      }
    } else {
      out.push(c);
      pc++;
    }
  }
}

/** True when current-libs normalisation leaves `path` unchanged (no `.` component, `//` or trailing `/`). */
function plain(path: string): boolean {
  const n = path.length;
  if (n === 0) return false;
  let prev = 47;
  for (let i = 0; i < n; i++) {
    const c = path.charCodeAt(i);
    if (c === 47 && prev === 47 && i > 0) return false;
    if (c === 46 && prev === 47) return false;
    prev = c;
  }
  return prev !== 47 || n === 1;
}

/** True when 2022 sanitising leaves `path` unchanged. */
function plainLegacy(path: string): boolean {
  const n = path.length;
  if (n === 0) return false;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = path.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) return false;
    if (c === 47 && prev === 47) return false;
    if (prev === 46 && (c === 47 || c === 46)) return false;
    prev = c;
  }
  return prev !== 47 && prev !== 46;
}

/** Bytes that 2022 libsinsp removes from fd names and FSPATH text in outputs (non-printable ASCII). */
export function stripNonPrintable(s: string): string {
  // Fast path: nothing to strip.
  let ok = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) {
      ok = false;
      break;
    }
  }
  if (ok) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) out += s[i];
  }
  return out;
}
