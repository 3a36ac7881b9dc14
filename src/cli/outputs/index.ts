// Falco's output channels besides stdout for a replay: every alert line goes to each enabled channel in alert
// order; failures are reported on stderr as they start and counted per channel, so no alert is lost unseen.
import { escapeControl } from '../../common/index.js';
import type { Alert } from '../../engine/index.js';
import type { OutputChannel } from './channel.js';
import { reasonOf } from './channel.js';
import type { OutputsConfig } from './config.js';
import { FileChannel } from './file.js';
import { HttpChannel } from './http.js';
import { ProgramChannel } from './program.js';
import { SyslogChannel } from './syslog.js';

export { OUTPUT_KEYS, OutputConfigError, outputsConfigOf, type OutputsConfig } from './config.js';
export type { OutputChannel } from './channel.js';
export { FileChannel, HttpChannel, ProgramChannel, SyslogChannel };

/** After this many alerts in a row failed on a channel, the rest are counted as not delivered without trying. */
export const GIVE_UP_AFTER = 3;

export interface OutputsIo {
  stdout(text: string | Buffer): void;
  stderr(text: string | Buffer): void;
}

/** What one channel did over the run. */
export interface ChannelCount {
  readonly name: string;
  readonly delivered: number;
  readonly failed: number;
}

interface ChannelState {
  readonly channel: OutputChannel;
  delivered: number;
  failed: number;
  inARow: number;
  firstError?: string;
  gaveUp: boolean;
}

export class Outputs {
  readonly #states: ChannelState[];
  readonly #io: OutputsIo;

  constructor(channels: readonly OutputChannel[], io: OutputsIo) {
    this.#states = channels.map((channel) => ({ channel, delivered: 0, failed: 0, inARow: 0, gaveUp: false }));
    this.#io = io;
  }

  get size(): number {
    return this.#states.length;
  }

  #error(s: ChannelState, text: string): void {
    this.#io.stderr(`falco-replay: error: ${s.channel.name}_output: ${escapeControl(text)}\n`);
  }

  /** Deliver one alert line to every channel, one after the other. */
  async send(line: string, alert: Alert): Promise<void> {
    for (const s of this.#states) {
      if (s.gaveUp) {
        s.failed++;
        continue;
      }
      try {
        await s.channel.send(line, alert);
        s.delivered++;
        s.inARow = 0;
      } catch (e) {
        s.failed++;
        s.inARow++;
        if (s.firstError === undefined) {
          s.firstError = reasonOf(e);
          this.#error(s, `alert not delivered: ${s.firstError}`);
        }
        if (s.inARow >= GIVE_UP_AFTER) {
          s.gaveUp = true;
          this.#error(s, `${GIVE_UP_AFTER} alerts in a row not delivered; the alerts that follow are counted as not delivered without trying`);
        }
      }
    }
  }

  /** Close every channel and report the failures; the counts say what each channel delivered. */
  async close(): Promise<ChannelCount[]> {
    const out: ChannelCount[] = [];
    for (const s of this.#states) {
      let closed: { lost: number; reason?: string };
      try {
        closed = await s.channel.close();
      } catch (e) {
        closed = { lost: 0, reason: reasonOf(e) };
      }
      if (closed.lost > 0) {
        const lost = Math.min(closed.lost, s.delivered);
        s.delivered -= lost;
        s.failed += lost;
      }
      if (closed.reason !== undefined) {
        s.firstError ??= closed.reason;
        this.#error(s, closed.reason);
      }
      if (s.failed > 0) this.#error(s, `${s.failed} of ${s.failed + s.delivered} alert${s.failed + s.delivered === 1 ? '' : 's'} not delivered (first error: ${s.firstError ?? 'unknown'})`);
      out.push({ name: s.channel.name, delivered: s.delivered, failed: s.failed });
    }
    return out;
  }
}

/** The channels a configuration enables besides stdout (Falco's order: file, syslog, program, http). */
export function openOutputs(cfg: OutputsConfig, json: boolean, io: OutputsIo): Outputs {
  const channels: OutputChannel[] = [];
  if (cfg.file) channels.push(new FileChannel(cfg.file));
  if (cfg.syslog) channels.push(new SyslogChannel(undefined, (c) => io.stderr(c)));
  if (cfg.program) channels.push(new ProgramChannel(cfg.program, { stdout: (c) => io.stdout(c), stderr: (c) => io.stderr(c) }));
  if (cfg.http) channels.push(new HttpChannel(cfg.http, json, (t) => io.stdout(t)));
  return new Outputs(channels, io);
}
