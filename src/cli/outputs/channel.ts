// What every output channel does: take one alert line (the line stdout would print, text or JSON) and deliver
// it, or reject with a message saying why; close at the end of the run.
import type { Alert } from '../../engine/index.js';

export interface OutputChannel {
  /** Falco's name of the channel: file, program, http, syslog. */
  readonly name: string;
  /** Deliver one alert; rejects with a message naming the target when it was not delivered. */
  send(line: string, alert: Alert): Promise<void>;
  /**
   * Flush and release the channel. Resolves to the number of alerts that were accepted earlier but turn out
   * not delivered (a keep-alive program that failed), with the reason.
   */
  close(): Promise<{ lost: number; reason?: string }>;
}

/** An error's message without a stack, for one line on stderr. */
export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
