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

  // The writes are synchronous; the channel interface is not, so failures come back as rejections.
  send(line: string): Promise<void> {
    try {
      if (!this.#cfg.keepAlive) {
        appendFileSync(this.#cfg.filename, `${line}\n`);
        return Promise.resolve();
      }
      if (this.#fd === undefined) this.#fd = openSync(this.#cfg.filename, 'a');
      const buf = Buffer.from(`${line}\n`);
      let off = 0;
      while (off < buf.length) off += writeSync(this.#fd, buf, off);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(new Error(`cannot write to ${this.#cfg.filename}: ${reasonOf(e)}`));
    }
  }

  close(): Promise<{ lost: number }> {
    try {
      if (this.#fd !== undefined) {
        const fd = this.#fd;
        this.#fd = undefined;
        closeSync(fd);
      }
      return Promise.resolve({ lost: 0 });
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
