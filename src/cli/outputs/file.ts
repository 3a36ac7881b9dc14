// file_output: one alert per line appended to a file. keep_alive true keeps the file open for the run;
// false opens, appends and closes it for every alert, as Falco does (so a rotated file is picked up).
import { appendFileSync, closeSync, openSync, writeSync } from 'node:fs';
import type { OutputChannel } from './channel.js';
import { reasonOf } from './channel.js';
import type { FileOutputConfig } from './config.js';

export class FileChannel implements OutputChannel {
  readonly name = 'file';
  readonly #cfg: FileOutputConfig;
  #fd: number | undefined;

  constructor(cfg: FileOutputConfig) {
    this.#cfg = cfg;
  }

  async send(line: string): Promise<void> {
    try {
      if (!this.#cfg.keepAlive) {
        appendFileSync(this.#cfg.filename, `${line}\n`);
        return;
      }
      if (this.#fd === undefined) this.#fd = openSync(this.#cfg.filename, 'a');
      const buf = Buffer.from(`${line}\n`);
      let off = 0;
      while (off < buf.length) off += writeSync(this.#fd, buf, off);
    } catch (e) {
      throw new Error(`cannot write to ${this.#cfg.filename}: ${reasonOf(e)}`);
    }
  }

  async close(): Promise<{ lost: number }> {
    if (this.#fd !== undefined) {
      const fd = this.#fd;
      this.#fd = undefined;
      closeSync(fd);
    }
    return { lost: 0 };
  }
}
