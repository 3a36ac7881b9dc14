// syslog_output: alerts to the local syslog socket with the alert's priority as syslog level (facility user,
// tag `falco`, no trailing newline), as Falco's syslog(3) call sends them. Node cannot open a unix datagram
// socket, so one logger(1) process (util-linux) carries them: each line on its stdin is `<PRI>message`.
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Alert } from '../../engine/index.js';
import type { OutputChannel } from './channel.js';
import { reasonOf } from './channel.js';

export const SYSLOG_SOCKET = '/dev/log';
/** LOG_USER: Falco never calls openlog(3), so syslog(3) uses the user facility. */
const FACILITY_USER = 1 << 3;
const MAX_MESSAGE_BYTES = 65536;

export class SyslogChannel implements OutputChannel {
  readonly name = 'syslog';
  readonly #socket: string;
  readonly #onStderr: (chunk: Buffer) => void;
  #child: ChildProcess | undefined;
  #ended: Promise<string | undefined> | undefined;
  #exited: string | undefined | null = null;
  #given = 0;

  constructor(socket: string = SYSLOG_SOCKET, onStderr: (chunk: Buffer) => void = () => undefined) {
    this.#socket = socket;
    this.#onStderr = onStderr;
  }

  #start(): void {
    let st;
    try {
      st = statSync(this.#socket);
    } catch (e) {
      throw new Error(`no syslog socket at ${this.#socket}: ${reasonOf(e)}`);
    }
    if (!st.isSocket()) throw new Error(`${this.#socket} is not a socket`);
    const child = spawn('logger', ['--prio-prefix', '-t', 'falco', '-S', String(MAX_MESSAGE_BYTES), '--socket-errors=on', '-u', this.#socket], { stdio: ['pipe', 'ignore', 'pipe'] });
    child.stderr?.on('data', (c: Buffer) => this.#onStderr(c));
    child.stdin?.on('error', () => undefined);
    this.#child = child;
    this.#ended = new Promise((resolve) => {
      child.once('error', (e) => resolve((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'logger(1) from util-linux is not installed' : `cannot run logger(1): ${reasonOf(e)}`));
      child.once('close', (code, signal) => resolve(code === 0 ? undefined : `logger(1) ${signal ? `was killed by ${signal}` : `exited with status ${code}`}`));
    });
    void this.#ended.then((r) => (this.#exited = r));
  }

  async send(line: string, alert: Alert): Promise<void> {
    if (!this.#child) this.#start();
    const stdin = this.#child?.stdin;
    if (!stdin || stdin.destroyed || this.#exited !== null) throw new Error(this.#exited ?? 'logger(1) ended');
    await new Promise<void>((resolve, reject) =>
      stdin.write(`<${FACILITY_USER + alert.priority}>${line}\n`, (e) => (e ? reject(new Error(`cannot write to logger(1): ${reasonOf(e)}`)) : resolve())),
    );
    this.#given++;
  }

  async close(): Promise<{ lost: number; reason?: string }> {
    if (!this.#child) return { lost: 0 };
    this.#child.stdin?.end();
    const failure = await this.#ended;
    this.#child = undefined;
    if (failure !== undefined) return { lost: this.#given, reason: `${failure} (syslog socket ${this.#socket})` };
    return { lost: 0 };
  }
}
