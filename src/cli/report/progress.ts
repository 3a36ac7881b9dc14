// A one-line progress bar on stderr for long replays in a terminal: shown only after a moment (short runs never
// see it), redrawn at most ten times a second, erased before other output and at the end.
import type { ReplayProgress } from '../../engine/index.js';
import type { CliIo } from '../io.js';

const SHOW_AFTER_MS = 700;
const REDRAW_MS = 100;

const human = (n: number): string => (n >= 1e9 ? `${(n / 1e9).toFixed(1)}G` : n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

export class ProgressBar {
  readonly #stream: CliIo['stderr'];
  readonly #totalBytes: number;
  readonly #start = Date.now();
  #last = 0;
  #shown = false;

  constructor(stream: CliIo['stderr'], totalBytes: number) {
    this.#stream = stream;
    this.#totalBytes = totalBytes;
  }

  update(p: ReplayProgress): void {
    const now = Date.now();
    if (now - this.#start < SHOW_AFTER_MS || now - this.#last < REDRAW_MS) return;
    this.#last = now;
    const frac = this.#totalBytes > 0 ? Math.min(1, p.bytes / this.#totalBytes) : 0;
    const cols = Math.max(40, Math.min(this.#stream.columns || 80, 120));
    const width = Math.max(10, cols - 60);
    const filled = Math.round(frac * width);
    const secs = (now - this.#start) / 1000;
    const text = `replaying [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${human(p.events)} events  ${human(p.alerts)} alerts  ${human(Math.round(p.events / secs))} ev/s`;
    this.#stream.write(`\r\x1b[K${text.slice(0, cols - 1)}`);
    this.#shown = true;
  }

  /** Erase the bar (before other output, and at the end). */
  clear(): void {
    if (!this.#shown) return;
    this.#stream.write('\r\x1b[K');
    this.#shown = false;
  }
}
