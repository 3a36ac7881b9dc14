// Falco's output channels as falco.yaml configures them: stdout_output, file_output, program_output, http_output
// and syslog_output, read from the resolved configuration tree with Falco's defaults and Falco's errors for an
// enabled channel that lacks its one required value.

/** A bad output setting; falco-config turns it into its ConfigError (the message names the key). */
export class OutputConfigError extends Error {
  override readonly name = 'OutputConfigError';
}

export interface FileOutputConfig {
  readonly filename: string;
  /** true: opened once for the run; false: opened, appended to and closed for every alert. */
  readonly keepAlive: boolean;
}

export interface ProgramOutputConfig {
  /** A shell command line of the user's own configuration, run with `sh -c`. */
  readonly program: string;
  /** true: one process for the run, one alert per line on its stdin; false: one process per alert. */
  readonly keepAlive: boolean;
}

export interface HttpOutputConfig {
  readonly url: string;
  readonly userAgent: string;
  readonly insecure: boolean;
  readonly caCert: string;
  readonly caBundle: string;
  readonly caPath: string;
  readonly mtls: boolean;
  readonly clientCert: string;
  readonly clientKey: string;
  /** Print the server's answers on stdout. */
  readonly echo: boolean;
  readonly compressUploads: boolean;
  /** true: one connection reused for every alert; false: a connection per alert. */
  readonly keepAlive: boolean;
}

export interface OutputsConfig {
  readonly stdout: boolean;
  readonly file?: FileOutputConfig;
  readonly program?: ProgramOutputConfig;
  readonly http?: HttpOutputConfig;
  readonly syslog: boolean;
}

/** The top-level keys this module reads. */
export const OUTPUT_KEYS = ['stdout_output', 'file_output', 'program_output', 'http_output', 'syslog_output'] as const;

type Tree = Record<string, unknown>;

const TRUE = new Set(['true', 'yes', 'on', 'y']);
const FALSE = new Set(['false', 'no', 'off', 'n']);

function section(tree: Tree, name: string): Tree {
  const v = tree[name];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new OutputConfigError(`Config error at key "${name}": expected a map`);
  return v as Tree;
}

function bool(s: Tree, section: string, key: string, dflt: boolean): boolean {
  const v = s[key];
  if (v === undefined || v === null || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
  }
  throw new OutputConfigError(`Config error at key "${section}.${key}": expected true or false, got '${typeof v === 'string' ? v : JSON.stringify(v)}'`);
}

function str(s: Tree, section: string, key: string, dflt: string): string {
  const v = s[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new OutputConfigError(`Config error at key "${section}.${key}": expected a string`);
}

/** Falco strips one pair of matching quotes around the URL (a quoted `-o http_output.url='"…"'`). */
function unquote(url: string): string {
  if (url.length >= 2 && ((url.startsWith('"') && url.endsWith('"')) || (url.startsWith("'") && url.endsWith("'")))) return url.slice(1, -1);
  return url;
}

/**
 * The output channels of a configuration tree. `stdout_output.enabled` defaults to true (stock falco.yaml);
 * `syslog_output` is off unless a configuration enables it (stock falco.yaml enables it, but a replay should
 * not write to this machine's system log unless asked).
 */
export function outputsConfigOf(tree: Tree): OutputsConfig {
  const stdout = section(tree, 'stdout_output');
  const file = section(tree, 'file_output');
  const program = section(tree, 'program_output');
  const http = section(tree, 'http_output');
  const syslog = section(tree, 'syslog_output');
  const out: { stdout: boolean; file?: FileOutputConfig; program?: ProgramOutputConfig; http?: HttpOutputConfig; syslog: boolean } = {
    stdout: bool(stdout, 'stdout_output', 'enabled', true),
    syslog: bool(syslog, 'syslog_output', 'enabled', false),
  };
  if (bool(file, 'file_output', 'enabled', false)) {
    const filename = str(file, 'file_output', 'filename', '');
    if (!filename) throw new OutputConfigError('Config error at key "file_output": file output enabled but no filename in configuration block');
    out.file = { filename, keepAlive: bool(file, 'file_output', 'keep_alive', false) };
  }
  if (bool(program, 'program_output', 'enabled', false)) {
    const cmd = str(program, 'program_output', 'program', '');
    if (!cmd) throw new OutputConfigError('Config error at key "program_output": program output enabled but no program in configuration block');
    out.program = { program: cmd, keepAlive: bool(program, 'program_output', 'keep_alive', false) };
  }
  if (bool(http, 'http_output', 'enabled', false)) {
    const url = unquote(str(http, 'http_output', 'url', ''));
    if (!url) throw new OutputConfigError('Config error at key "http_output": http output enabled but no url in configuration block');
    let proto: string;
    try {
      proto = new URL(url).protocol;
    } catch {
      throw new OutputConfigError(`Config error at key "http_output.url": not a URL: '${url}'`);
    }
    if (proto !== 'http:' && proto !== 'https:') throw new OutputConfigError(`Config error at key "http_output.url": expected an http:// or https:// URL, got '${url}'`);
    const s = (key: string, dflt: string): string => str(http, 'http_output', key, dflt);
    const b = (key: string, dflt: boolean): boolean => bool(http, 'http_output', key, dflt);
    out.http = {
      url,
      userAgent: s('user_agent', 'falcosecurity/falco'),
      insecure: b('insecure', false),
      caCert: s('ca_cert', ''),
      caBundle: s('ca_bundle', ''),
      caPath: s('ca_path', '/etc/ssl/certs'),
      mtls: b('mtls', false),
      clientCert: s('client_cert', '/etc/ssl/certs/client.crt'),
      clientKey: s('client_key', '/etc/ssl/certs/client.key'),
      echo: b('echo', false),
      compressUploads: b('compress_uploads', false),
      keepAlive: b('keep_alive', false),
    };
  }
  return out;
}
