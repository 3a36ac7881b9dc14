// Falco's output channels for a replay: stdout_output, file_output, program_output, http_output (plain, TLS with
// a CA made here, mTLS) and syslog_output, configured as in falco.yaml, several at once, with their failures
// counted. Every server is on 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_RULES, DEFAULT_CAPTURE } from '../../src/cli/commands/run.js';
import { ConfigError, parseOption, resolveConfig } from '../../src/cli/falco-config.js';
import { GIVE_UP_AFTER, SyslogChannel } from '../../src/cli/outputs/index.js';
import type { Alert } from '../../src/engine/index.js';
import { cli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'fr-outputs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let seq = 0;
const tmpFile = (name: string): string => join(tmp, `${seq++}-${name}`);

/** Replay the bundled demo capture (15 alerts) through the bundled rules with these extra arguments. */
const replay = (args: string[], env: NodeJS.ProcessEnv = {}) => cli([DEFAULT_CAPTURE, '-r', BUNDLED_RULES, '--no-progress', ...args], { TZ: 'UTC', FALCO_HOSTNAME: 'outputs-test', ...env });

/** The alert lines of a stdout (what precedes Falco's summary). */
const alertLines = (stdout: string): string[] => stdout.slice(0, stdout.indexOf('Events detected: ')).split('\n').filter(Boolean);

let TEXT_LINES: string[] = [];
let JSON_LINES: string[] = [];
beforeAll(async () => {
  TEXT_LINES = alertLines((await replay([])).stdout);
  JSON_LINES = alertLines((await replay(['--json'])).stdout);
  expect(TEXT_LINES).toHaveLength(15);
  expect(JSON_LINES).toHaveLength(15);
});

describe('output configuration', () => {
  const o = (...specs: string[]) => specs.map(parseOption);
  it('has stock falco.yaml defaults: stdout on, file/program/http off, syslog off for a replay', () => {
    expect(resolveConfig([]).outputs).toEqual({ stdout: true, syslog: false });
  });
  it('reads every channel with Falco’s defaults, strips quotes around the URL, and does not list the keys as ignored', () => {
    const c = resolveConfig(
      o('stdout_output.enabled=false', 'file_output.enabled=true', 'file_output.filename=/tmp/x', 'program_output={enabled: true, program: "cat", keep_alive: true}', 'http_output.enabled=true', `http_output.url="http://127.0.0.1:1/x"`, 'syslog_output.enabled=true'),
    );
    expect(c.ignored).toEqual([]);
    expect(c.outputs).toMatchObject({ stdout: false, syslog: true, file: { filename: '/tmp/x', keepAlive: false }, program: { program: 'cat', keepAlive: true } });
    expect(c.outputs.http).toEqual({
      url: 'http://127.0.0.1:1/x',
      userAgent: 'falcosecurity/falco',
      insecure: false,
      caCert: '',
      caBundle: '',
      caPath: '/etc/ssl/certs',
      mtls: false,
      clientCert: '/etc/ssl/certs/client.crt',
      clientKey: '/etc/ssl/certs/client.key',
      echo: false,
      compressUploads: false,
      keepAlive: false,
    });
  });
  it.each([
    [['file_output.enabled=true'], 'file output enabled but no filename in configuration block'],
    [['program_output.enabled=true'], 'program output enabled but no program in configuration block'],
    [['http_output.enabled=true'], 'http output enabled but no url in configuration block'],
    [['http_output.enabled=true', 'http_output.url=ftp://127.0.0.1/'], 'expected an http:// or https:// URL'],
    [['file_output.enabled=maybe'], 'Config error at key "file_output.enabled": expected true or false'],
  ])('rejects %j with Falco’s message', (specs, message) => {
    expect(() => resolveConfig(o(...specs))).toThrow(ConfigError);
    expect(() => resolveConfig(o(...specs))).toThrow(message);
  });
  it('reports a bad output setting as a usage error of the run (exit 2)', async () => {
    const r = await replay(['-o', 'file_output.enabled=true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('file output enabled but no filename');
  });
});

describe('stdout_output', () => {
  it('enabled=false prints no alert on stdout, and Falco’s summary still follows (Falco prints it on stdout itself)', async () => {
    const file = tmpFile('events.txt');
    const r = await replay(['-o', 'stdout_output.enabled=false', '-o', 'file_output.enabled=true', '-o', `file_output.filename=${file}`]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('Events detected: 15\nRule counts by severity:\n')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(TEXT_LINES.join('\n') + '\n');
  });
});

describe('file_output', () => {
  it.each([false, true])('keep_alive=%s appends one alert per line, the same line stdout prints (text and JSON)', async (keepAlive) => {
    const file = tmpFile('events.txt');
    writeFileSync(file, 'earlier line\n');
    const conf = tmpFile('falco.yaml');
    writeFileSync(conf, `file_output:\n  enabled: true\n  keep_alive: ${keepAlive}\n  filename: ${file}\n`);
    const r = await replay(['-c', conf, '--json', '--summary-file', `${file}.summary.json`]);
    expect(r.code).toBe(0);
    expect(alertLines(r.stdout)).toEqual(JSON_LINES);
    expect(readFileSync(file, 'utf8')).toBe(`earlier line\n${JSON_LINES.join('\n')}\n`);
    expect(JSON.parse(readFileSync(`${file}.summary.json`, 'utf8')).outputs).toEqual({ stdout: { delivered: 15, failed: 0 }, file: { delivered: 15, failed: 0 } });
  });
  it('an unwritable file is a counted failure with the file named, and exit code 1', async () => {
    const r = await replay(['-o', 'file_output.enabled=true', '-o', `file_output.filename=${tmp}`, '--summary-file', tmpFile('s.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`file_output: alert not delivered: cannot write to ${tmp}: EISDIR`);
    expect(r.stderr).toContain('file_output: 15 of 15 alerts not delivered');
    expect(alertLines(r.stdout)).toEqual(TEXT_LINES);
  });
});

describe('program_output', () => {
  it.each([false, true])('keep_alive=%s: `cat >> FILE` through sh -c receives every alert, one per line', async (keepAlive) => {
    const file = tmpFile('program.txt');
    const r = await replay(['-o', 'program_output.enabled=true', '-o', `program_output.keep_alive=${keepAlive}`, '-o', `program_output.program=cat >> ${file}`]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(TEXT_LINES.join('\n') + '\n');
  });
  it('keep_alive=false runs the program once per alert (Falco re-spawns it for each message)', async () => {
    const file = tmpFile('runs.txt');
    const r = await replay(['-o', 'program_output.enabled=true', '-o', `program_output.program=read line; echo "run $$" >> ${file}`]);
    expect(r.code).toBe(0);
    const runs = readFileSync(file, 'utf8').trim().split('\n');
    expect(runs).toHaveLength(15);
    expect(new Set(runs).size).toBe(15);
  });
  it('a failing program: every alert counted as not delivered, exit code 1', async () => {
    const summary = tmpFile('s.json');
    const r = await replay(['-o', 'program_output.enabled=true', '-o', 'program_output.program=cat > /dev/null; exit 3', '--summary-file', summary]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('program_output: alert not delivered: program exited with status 3: cat > /dev/null; exit 3');
    expect(JSON.parse(readFileSync(summary, 'utf8')).outputs.program).toEqual({ delivered: 0, failed: 15 });
  });
  it('a keep-alive program that fails at the end makes the alerts it was given not delivered', async () => {
    const summary = tmpFile('s.json');
    const r = await replay(['-o', 'program_output={enabled: true, keep_alive: true, program: "cat > /dev/null; exit 4"}', '--summary-file', summary]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('program_output: program exited with status 4');
    expect(JSON.parse(readFileSync(summary, 'utf8')).outputs.program).toEqual({ delivered: 0, failed: 15 });
  });
});

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  socket: number;
}

/** Collects every POST; `status` chooses the answer. */
function collector(status = 200): { received: Received[]; handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => void } {
  const received: Received[] = [];
  const sockets = new WeakMap<object, number>();
  let nextSocket = 0;
  return {
    received,
    handler: (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (!sockets.has(req.socket)) sockets.set(req.socket, nextSocket++);
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), socket: sockets.get(req.socket) as number });
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(`ok ${received.length}`);
      });
    },
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const closeServer = (server: Server): Promise<void> => new Promise((res) => server.close(() => res()));

describe('http_output (plain HTTP on 127.0.0.1)', () => {
  it('json_output: one POST per alert, in order, body = the JSON line, Content-Type application/json, the user agent', async () => {
    const c = collector();
    const server = createHttpServer(c.handler);
    const addr = await listen(server);
    try {
      const r = await replay(['--json', '-o', 'http_output.enabled=true', '-o', `http_output.url=http://${addr}/falco`, '-o', 'http_output.user_agent=replay-test/1']);
      expect(r.code).toBe(0);
      expect(c.received.map((x) => x.body)).toEqual(JSON_LINES);
      for (const x of c.received) expect(x.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'replay-test/1' });
      // Falcosidekick's shape: each body is one Falco alert object.
      expect(Object.keys(JSON.parse(c.received[0]?.body as string))).toEqual(['hostname', 'output', 'output_fields', 'priority', 'rule', 'source', 'tags', 'time']);
    } finally {
      await closeServer(server);
    }
  });
  it('text alerts are posted as text/plain lines; echo prints the answers; keep_alive reuses one connection', async () => {
    const c = collector();
    const server = createHttpServer(c.handler);
    const addr = await listen(server);
    try {
      const r = await replay(['-o', 'stdout_output.enabled=false', '-o', `http_output={enabled: true, url: "http://${addr}/", echo: true, keep_alive: true}`]);
      expect(r.code).toBe(0);
      expect(c.received.map((x) => x.body)).toEqual(TEXT_LINES);
      expect(c.received.every((x) => x.headers['content-type'] === 'text/plain')).toBe(true);
      expect(r.stdout.startsWith(Array.from({ length: 15 }, (_, i) => `ok ${i + 1}\n`).join(''))).toBe(true);
      expect(new Set(c.received.map((x) => x.socket)).size).toBe(1);
      const again = collector();
      server.removeAllListeners('request');
      server.on('request', again.handler);
      expect((await replay(['-o', `http_output={enabled: true, url: "http://${addr}/", keep_alive: false}`])).code).toBe(0);
      expect(again.received.map((x) => x.headers.connection)).toEqual(Array(15).fill('close'));
    } finally {
      await closeServer(server);
    }
  });
  it('several outputs at once: stdout, file, program and http each get every alert', async () => {
    const c = collector();
    const server = createHttpServer(c.handler);
    const addr = await listen(server);
    const file = tmpFile('f.txt');
    const prog = tmpFile('p.txt');
    const summary = tmpFile('s.json');
    try {
      const r = await replay(['-o', 'file_output.enabled=true', '-o', `file_output.filename=${file}`, '-o', 'program_output.enabled=true', '-o', 'program_output.keep_alive=true', '-o', `program_output.program=cat > ${prog}`, '-o', 'http_output.enabled=true', '-o', `http_output.url=http://${addr}/`, '--summary-file', summary]);
      expect(r.code).toBe(0);
      expect(alertLines(r.stdout)).toEqual(TEXT_LINES);
      expect(readFileSync(file, 'utf8')).toBe(TEXT_LINES.join('\n') + '\n');
      expect(readFileSync(prog, 'utf8')).toBe(TEXT_LINES.join('\n') + '\n');
      expect(c.received.map((x) => x.body)).toEqual(TEXT_LINES);
      const ok = { delivered: 15, failed: 0 };
      expect(JSON.parse(readFileSync(summary, 'utf8')).outputs).toEqual({ stdout: ok, file: ok, program: ok, http: ok });
    } finally {
      await closeServer(server);
    }
  });
  it('a down endpoint (closed port): a clear error, every alert counted as not delivered, exit 1, in bounded time', async () => {
    const probe = createNetServer();
    await new Promise<void>((res) => probe.listen(0, '127.0.0.1', res));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((res) => probe.close(() => res()));
    const summary = tmpFile('s.json');
    const started = Date.now();
    const r = await replay(['--json', '-o', 'http_output.enabled=true', '-o', `http_output.url=http://127.0.0.1:${port}/alerts`, '--summary-file', summary]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`http_output: alert not delivered: POST http://127.0.0.1:${port}/alerts failed after 3 attempts: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(r.stderr).toContain(`http_output: ${GIVE_UP_AFTER} alerts in a row not delivered`);
    expect(r.stderr).toContain('http_output: 15 of 15 alerts not delivered');
    expect(alertLines(r.stdout)).toEqual(JSON_LINES);
    expect(JSON.parse(readFileSync(summary, 'utf8')).outputs).toEqual({ stdout: { delivered: 15, failed: 0 }, http: { delivered: 0, failed: 15 } });
  });
  it('an endpoint answering 500 is retried, then counted; one answering 200 again delivers the rest', async () => {
    let calls = 0;
    const bodies: string[] = [];
    const server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (ch: Buffer) => chunks.push(ch));
      req.on('end', () => {
        calls++;
        // The first alert fails on all 3 attempts; the second succeeds on its second attempt.
        const fail = calls <= 4;
        if (!fail) bodies.push(Buffer.concat(chunks).toString());
        res.writeHead(fail ? 500 : 200);
        res.end();
      });
    });
    const addr = await listen(server);
    try {
      const r = await replay(['-o', 'http_output.enabled=true', '-o', `http_output.url=http://${addr}/`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('failed after 3 attempts: HTTP 500 Internal Server Error');
      expect(r.stderr).toContain('http_output: 1 of 15 alerts not delivered');
      expect(bodies).toEqual(TEXT_LINES.slice(1));
      expect(calls).toBe(18);
    } finally {
      await closeServer(server);
    }
  });
});

describe('http_output over TLS (a CA made here with openssl)', () => {
  const dir = join(tmp, 'pki');
  const f = (n: string): string => join(dir, n);
  let addr = '';
  let server: Server;
  let received: Received[] = [];
  let clientCerts: (string | undefined)[] = [];
  const ssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const key = (name: string): void => ssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', name);

  beforeAll(async () => {
    execFileSync('mkdir', ['-p', dir]);
    key('ca.key');
    ssl('req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=falco-replay test CA', '-days', '1', '-out', 'ca.crt');
    writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    writeFileSync(f('client.ext'), 'extendedKeyUsage=clientAuth\n');
    for (const who of ['server', 'client']) {
      key(`${who}.key`);
      ssl('req', '-new', '-key', `${who}.key`, '-subj', `/CN=${who}`, '-out', `${who}.csr`);
      ssl('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', `${who}.ext`, '-out', `${who}.crt`);
    }
    const c = collector();
    received = c.received;
    server = createHttpsServer({ key: readFileSync(f('server.key')), cert: readFileSync(f('server.crt')), ca: readFileSync(f('ca.crt')), requestCert: true, rejectUnauthorized: false }, (req, res) => {
      const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
      const cn = peer && 'subject' in peer ? peer.subject?.CN : undefined;
      clientCerts.push(Array.isArray(cn) ? cn.join(',') : cn);
      c.handler(req, res);
    });
    addr = await listen(server);
  }, 30_000);
  afterAll(() => closeServer(server));

  const reset = (): void => {
    received.length = 0;
    clientCerts = [];
  };

  it.each([
    ['ca_cert', (): string[] => ['-o', `http_output.ca_cert=${f('ca.crt')}`]],
    ['ca_bundle', (): string[] => ['-o', `http_output.ca_bundle=${f('ca.crt')}`]],
    ['ca_path', (): string[] => ['-o', `http_output.ca_path=${dir}`]],
  ])('verifies the server with %s and receives every alert in order', async (_name, extra) => {
    reset();
    const r = await replay(['--json', '-o', 'http_output.enabled=true', '-o', `http_output.url=https://${addr}/`, ...extra()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(received.map((x) => x.body)).toEqual(JSON_LINES);
  });
  it('mtls sends the client certificate', async () => {
    reset();
    const r = await replay(['-o', `http_output={enabled: true, url: "https://${addr}/", ca_cert: "${f('ca.crt')}", mtls: true, client_cert: "${f('client.crt')}", client_key: "${f('client.key')}"}`]);
    expect(r.code).toBe(0);
    expect(received.map((x) => x.body)).toEqual(TEXT_LINES);
    expect(clientCerts).toContain('client');
    expect(clientCerts.every((cn) => cn === 'client' || cn === undefined)).toBe(true);
  });
  it('refuses a server its CA store cannot verify (counted failures), unless insecure', async () => {
    reset();
    const r = await replay(['-o', 'http_output.enabled=true', '-o', `http_output.url=https://${addr}/`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/http_output: alert not delivered: POST https:\/\/127\.0\.0\.1:\d+\/ failed after 1 attempt: .*(self.signed|local issuer|unable to verify)/i);
    expect(received).toHaveLength(0);
    const insecure = await replay(['-o', 'http_output.enabled=true', '-o', `http_output.url=https://${addr}/`, '-o', 'http_output.insecure=true']);
    expect(insecure.code).toBe(0);
    expect(received).toHaveLength(15);
  });
  it('an unreadable certificate file is a configuration error naming the key and the file', async () => {
    const r = await replay(['-o', 'http_output.enabled=true', '-o', `http_output.url=https://${addr}/`, '-o', `http_output.ca_cert=${f('missing.crt')}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Config error at key "http_output.ca_cert": cannot read ${f('missing.crt')}`);
  });
});

describe('syslog_output', () => {
  const alert = (priority: number): Alert => ({ capture: 0, evtNum: 1, ts: 0n, rule: 'r', ruleId: 0, priority, source: 'syscall', tags: [], message: 'm' });
  const python = ((): boolean => {
    try {
      execFileSync('python3', ['-c', 'import socket; socket.AF_UNIX'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!python)('sends each alert through logger(1) to the syslog socket: facility user, the alert’s priority as level, tag falco, no newline', async () => {
    const sock = tmpFile('log.sock');
    const script = "import socket,sys\ns=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\ns.bind(sys.argv[1])\ns.settimeout(5)\nprint('ready',flush=True)\nfor _ in range(int(sys.argv[2])):\n  print(repr(s.recv(70000)),flush=True)\n";
    const receiver = spawn('python3', ['-c', script, sock, '3'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    receiver.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const done = new Promise<void>((res) => receiver.once('close', () => res()));
    for (let i = 0; i < 100 && !out.includes('ready'); i++) await new Promise((r) => setTimeout(r, 50));
    const ch = new SyslogChannel(sock);
    const long = `{"output":"${'x'.repeat(3000)}"}`;
    await ch.send('10:00:00.000000000: Warning first alert', alert(4));
    await ch.send('10:00:00.000000001: Critical second alert', alert(2));
    await ch.send(long, alert(7));
    expect(await ch.close()).toEqual({ lost: 0 });
    await done;
    const grams = out.split('\n').filter((l) => l.startsWith("b'"));
    expect(grams).toHaveLength(3);
    expect(grams[0]).toMatch(/^b'<12>\w{3} [ \d]\d \d\d:\d\d:\d\d falco: 10:00:00\.000000000: Warning first alert'$/);
    expect(grams[1]).toMatch(/^b'<10>.* falco: 10:00:00\.000000001: Critical second alert'$/);
    expect(grams[2]).toContain(`falco: ${long}'`);
  });
  it('without a syslog socket: a clear error and every alert counted', async () => {
    const ch = new SyslogChannel(tmpFile('no.sock'));
    await expect(ch.send('line', alert(4))).rejects.toThrow(/no syslog socket at .*no\.sock: ENOENT/);
  });
  it.skipIf(existsSync('/dev/log'))('syslog_output.enabled=true on a machine without /dev/log: exit 1, the alerts counted as not delivered', async () => {
    const r = await replay(['-o', 'syslog_output.enabled=true']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('syslog_output: alert not delivered: no syslog socket at /dev/log');
    expect(r.stderr).toContain('syslog_output: 15 of 15 alerts not delivered');
  });
});
