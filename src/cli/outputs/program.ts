// program_output: alerts on the standard input of a shell command line from the user's own configuration
// (`sh -c PROGRAM`, as Falco's popen does), one alert per line. keep_alive true starts it once for the run;
// false starts it for every alert and closes its input after that one line. Capture text only ever reaches
// the program on its standard input, never its command line.
import { spawn, type ChildProcess } from 'node:child_process';
import type { OutputChannel } from './channel.js';
import { reasonOf } from './channel.js';
import type { ProgramOutputConfig } from './config.js';

/** Where the program's own stdout and stderr go (Falco's program shares Falco's). */
export interface ProgramSinks {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
}

interface Running {
  readonly child: ChildProcess;
  /** Resolves with a failure reason when the process ended badly, undefined when it exited with 0. */
  readonly ended: Promise<string | undefined>;
  exited: string | undefined | null;
}

export class ProgramChannel implements OutputChannel {
  readonly name = 'program';
  readonly #cfg: ProgramOutputConfig;
  readonly #sinks: ProgramSinks;
  #running: Running | undefined;
  /** Alerts handed to the keep-alive process so far. */
  #given = 0;

  constructor(cfg: ProgramOutputConfig, sinks: ProgramSinks) {
    this.#cfg = cfg;
    this.#sinks = sinks;
  }

  #start(): Running {
    const child = spawn('sh', ['-c', this.#cfg.program], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout?.on('data', (c: Buffer) => this.#sinks.stdout(c));
    child.stderr?.on('data', (c: Buffer) => this.#sinks.stderr(c));
    // A program that stops reading is judged by its exit status, not by the broken pipe.
    child.stdin?.on('error', () => undefined);
    const running: Running = {
      child,
      exited: null,
      ended: new Promise((resolve) => {
        child.once('error', (e) => resolve(`cannot run sh -c: ${reasonOf(e)}`));
        child.once('close', (code, signal) => resolve(code === 0 ? undefined : signal ? `killed by ${signal}` : `exited with status ${code}`));
      }),
    };
    void running.ended.then((r) => (running.exited = r));
    return running;
  }

  #write(r: Running, line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = r.child.stdin;
      if (!stdin || stdin.destroyed || r.exited !== null) {
        reject(new Error(`program ${r.exited ?? 'ended'} before this alert: ${this.#cfg.program}`));
        return;
      }
      stdin.write(`${line}\n`, (e) => (e ? reject(new Error(`cannot write to program ${this.#cfg.program}: ${reasonOf(e)}`)) : resolve()));
    });
  }

  async send(line: string): Promise<void> {
    if (this.#cfg.keepAlive) {
      this.#running ??= this.#start();
      await this.#write(this.#running, line);
      this.#given++;
      return;
    }
    const r = this.#start();
    // An early exit or a pipe that breaks mid-line is reported by the exit status below.
    await this.#write(r, line).catch(() => undefined);
    r.child.stdin?.end();
    const failure = await r.ended;
    if (failure !== undefined) throw new Error(`program ${failure}: ${this.#cfg.program}`);
  }

  async close(): Promise<{ lost: number; reason?: string }> {
    const r = this.#running;
    if (!r) return { lost: 0 };
    this.#running = undefined;
    r.child.stdin?.end();
    const failure = await r.ended;
    // The alerts it was given are not known to have been handled.
    if (failure !== undefined) return { lost: this.#given, reason: `program ${failure}: ${this.#cfg.program}` };
    return { lost: 0 };
  }
}
