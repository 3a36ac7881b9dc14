// A small web-server story for the writer's tests: users, a listening socket, an accepted connection, a
// child that execs, opens a file, connects over IPv6 and fails an open, and a plugin event.
import { O, Scenario } from './scenario.js';

export function storyCapture(): Buffer {
  const s = new Scenario({ users: [{ uid: 0, gid: 0, name: 'root', home: '/root', shell: '/bin/bash' }, { uid: 33, gid: 33, name: 'www-data', home: '/var/www', shell: '/usr/sbin/nologin' }] });
  const web = s.process({ pid: 200, ppid: 1, comm: 'nginx', exepath: '/usr/sbin/nginx', args: ['-g', 'daemon off;'], uid: 33, cwd: '/var/www', fds: [{ fd: 6, kind: 'listen', local: '0.0.0.0:80' }, { fd: 7, kind: 'file', path: '/var/log/nginx/access.log', flags: O.WRONLY as number }] });
  const conn = web.accept(6, '203.0.113.50:40000', '10.0.0.2:80');
  web.read(conn, 'GET / HTTP/1.1\r\n\r\n');
  web.write(7, 'log line\n');
  const child = web.clone();
  child.execve('/bin/sh', ['sh', '-c', 'id'], { env: ['PATH=/bin'] });
  const fd = child.openat(-100, 'etc/passwd', O.RDONLY);
  child.read(fd, 'root:x:0:0::/root:/bin/bash\n');
  child.close(fd);
  const sock = child.socket(10, 1, 0);
  child.connect(sock, '[2001:db8::9]:443', '[2001:db8::2]:50000');
  child.open('/nonexistent', O.RDONLY, { error: 2 });
  child.exit(1);
  s.pluginEvent(999, '{"k":"v"}');
  return s.toBuffer();
}
