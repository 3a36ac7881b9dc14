// Buffered, back-pressured line output for alert streams. A closed pipe (`| head`) is not an error: the
// writer reports it so the replay can stop quietly.
import type { CliIo } from '../io.js';

type Stream = CliIo['stdout'];

export class LineWriter {
  readonly #stream: Stream;
  #buf = '';
  #broken = false;
  readonly #onError = (): void => {
    this.#broken = true;
    this.onBroken?.();
  };
  /** Called once when the stream breaks (EPIPE and the like). */
  onBroken: (() => void) | undefined;
  /** Called before anything is written (e.g. to clear a progress bar drawn on the same terminal). */
  beforeWrite: (() => void) | undefined;

  constructor(stream: Stream) {
    this.#stream = stream;
    stream.on('error', this.#onError);
  }

  get broken(): boolean {
    return this.#broken;
  }

  /** Queue a line; returns a promise only when the buffer had to be flushed and the stream is full. */
  line(text: string): Promise<void> | undefined {
    this.#buf += text + '\n';
    return this.#buf.length >= 1 << 16 ? this.flush() : undefined;
  }

  /** Queue raw text. */
  text(text: string): void {
    this.#buf += text;
  }

  async flush(): Promise<void> {
    if (!this.#buf) return;
    const out = this.#buf;
    this.#buf = '';
    if (this.#broken) return;
    this.beforeWrite?.();
    const ok = this.#stream.write(out);
    if (!ok && !this.#broken) {
      await new Promise<void>((res) => {
        const done = (): void => {
          this.#stream.off('drain', done);
          this.#stream.off('error', done);
          this.#stream.off('close', done);
          res();
        };
        this.#stream.once('drain', done);
        this.#stream.once('error', done);
        this.#stream.once('close', done);
      });
    }
  }

  /** Flush what is left. The error listener stays: a pipe can still break after the last write. */
  async close(): Promise<void> {
    await this.flush();
  }
}
