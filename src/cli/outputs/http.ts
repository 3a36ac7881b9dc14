// http_output: one POST per alert with the alert line as body (Falco posts its formatted message: the JSON
// object with Content-Type application/json under json_output, else the text line as text/plain), in alert
// order, with a bounded number of attempts for each alert.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { escapeControl } from '../../common/index.js';
import { ConfigError } from '../falco-config.js';
import type { OutputChannel } from './channel.js';
import { reasonOf } from './channel.js';
import type { HttpOutputConfig } from './config.js';

/** Attempts per alert, the waits between them, and the time one attempt may take. */
export const HTTP_ATTEMPTS = 3;
const RETRY_WAIT_MS = [100, 400];
const ATTEMPT_TIMEOUT_MS = 5000;
/** Caps on what is read from the CA directory and from a server's answer. */
const MAX_CA_FILES = 4096;
const MAX_CA_FILE_BYTES = 1 << 20;
const MAX_ANSWER_BYTES = 1 << 20;
/** curl's default CA directory, which Falco names in its defaults: Node's own CA store stands in for it. */
const DEFAULT_CA_PATH = '/etc/ssl/certs';

function readSetting(key: string, file: string): Buffer {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > MAX_CA_FILE_BYTES) throw new Error(`larger than ${MAX_CA_FILE_BYTES} bytes`);
    return readFileSync(file);
  } catch (e) {
    throw new ConfigError(`Config error at key "http_output.${key}": cannot read ${file}: ${reasonOf(e)}`);
  }
}

/** The PEM certificates of a CA directory (curl's CAPATH: one certificate per file). */
function caDirectory(dir: string): Buffer[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new ConfigError(`Config error at key "http_output.ca_path": cannot read ${dir}: ${reasonOf(e)}`);
  }
  const out: Buffer[] = [];
  for (const n of names.slice(0, MAX_CA_FILES)) {
    const f = join(dir, n);
    try {
      const st = statSync(f);
      if (!st.isFile() || st.size > MAX_CA_FILE_BYTES) continue;
      const pem = readFileSync(f);
      if (pem.includes('-----BEGIN CERTIFICATE-----')) out.push(pem);
    } catch {
      // An unreadable entry is not a certificate.
    }
  }
  return out;
}

/** Transport errors worth another attempt; a certificate that does not verify will not verify next time. */
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'TIMEOUT']);

/** Where the server's answers go with `echo: true`. */
export type EchoSink = (text: string) => void;

class AttemptError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

export class HttpChannel implements OutputChannel {
  readonly name = 'http';
  readonly #cfg: HttpOutputConfig;
  readonly #json: boolean;
  readonly #echo: EchoSink;
  readonly #url: URL;
  /** The URL as error messages show it: without user name and password. */
  readonly #shown: string;
  readonly #agent: http.Agent;

  constructor(cfg: HttpOutputConfig, json: boolean, echo: EchoSink) {
    this.#cfg = cfg;
    this.#json = json;
    this.#echo = echo;
    this.#url = new URL(cfg.url);
    this.#shown = `${this.#url.protocol}//${this.#url.host}${this.#url.pathname}`;
    // One request at a time keeps the alerts in order on the wire.
    const common = { keepAlive: cfg.keepAlive, maxSockets: 1 };
    if (this.#url.protocol === 'https:') {
      const tls: https.AgentOptions = { ...common, rejectUnauthorized: !cfg.insecure };
      if (cfg.caCert) tls.ca = readSetting('ca_cert', cfg.caCert);
      else if (cfg.caBundle) tls.ca = readSetting('ca_bundle', cfg.caBundle);
      else if (cfg.caPath && cfg.caPath !== DEFAULT_CA_PATH) tls.ca = caDirectory(cfg.caPath);
      if (cfg.mtls) {
        tls.cert = readSetting('client_cert', cfg.clientCert);
        tls.key = readSetting('client_key', cfg.clientKey);
      }
      this.#agent = new https.Agent(tls);
    } else {
      this.#agent = new http.Agent(common);
    }
  }

  #attempt(body: Buffer): Promise<void> {
    const mod = this.#url.protocol === 'https:' ? https : http;
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': this.#json ? 'application/json' : 'text/plain',
      'Content-Length': body.length,
      'User-Agent': this.#cfg.userAgent,
    };
    // Falco's compress_uploads asks for a compressed answer (libcurl's transfer encoding); the body is sent as is.
    if (this.#cfg.compressUploads) headers.TE = 'gzip';
    if (!this.#cfg.keepAlive) headers.Connection = 'close';
    return new Promise((resolve, reject) => {
      const req = mod.request(this.#url, { method: 'POST', agent: this.#agent, headers, timeout: ATTEMPT_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on('error', (e) => reject(new AttemptError(reasonOf(e), true)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (this.#cfg.echo && size > 0) {
            let answer = Buffer.concat(chunks);
            if (/gzip/i.test(String(res.headers['transfer-encoding'] ?? ''))) {
              try {
                answer = gunzipSync(answer);
              } catch {
                // Shown as received.
              }
            }
            this.#echo(`${escapeControl(answer.toString('utf8'), true)}\n`);
          }
          if (status >= 200 && status < 300) resolve();
          else reject(new AttemptError(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, status >= 500 || status === 429 || status === 408));
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`), { code: 'TIMEOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => reject(new AttemptError(reasonOf(e), TRANSIENT.has(e.code ?? '') || e.message === 'socket hang up')));
      req.end(body);
    });
  }

  async send(line: string): Promise<void> {
    const body = Buffer.from(line);
    let last = '';
    for (let attempt = 1; attempt <= HTTP_ATTEMPTS; attempt++) {
      try {
        await this.#attempt(body);
        return;
      } catch (e) {
        last = reasonOf(e);
        if (!(e instanceof AttemptError) || !e.retry || attempt === HTTP_ATTEMPTS) {
          throw new Error(`POST ${this.#shown} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${last}`);
        }
        await new Promise((r) => setTimeout(r, RETRY_WAIT_MS[attempt - 1] ?? 400));
      }
    }
  }

  close(): Promise<{ lost: number }> {
    this.#agent.destroy();
    return Promise.resolve({ lost: 0 });
  }
}
