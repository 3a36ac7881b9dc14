// Typed constants for conditions (addresses, networks, ports, booleans) parsed the way libsinsp parses
// them, plus small helpers replay code can use to produce and render the same value shapes.
import { ipv4Net, parseIpv4, parseIpv6, type IpNet } from '../../scap/index.js';
import { FieldError } from './errors.js';
import { parseUnsigned } from './numbers.js';
import type { IpValue } from './types.js';

// Address parsing and matching live in scap's address module (inet_pton strictness); re-exported for the
// condition compiler.
export { ipEquals, ipInNet, parseIpv4, parseIpv6, type IpNet } from '../../scap/index.js';

/** An IPV4ADDR constant, with libsinsp's message. */
export function parseIpv4Constant(text: string): number {
  const v = parseIpv4(text);
  if (v === undefined) throw new FieldError(`unrecognized IPv4 address ${text}`);
  return v;
}

/** An IPV6ADDR constant, with libsinsp's message. */
export function parseIpv6Constant(text: string): Uint8Array {
  const v = parseIpv6(text);
  if (!v) throw new FieldError(`unrecognized IPv6 address ${text}`);
  return v;
}

/** An IPADDR constant: a text with a dot is IPv4, anything else IPv6 (libsinsp's rule). */
export function parseIpAddrConstant(text: string): IpValue {
  return text.includes('.') ? parseIpv4Constant(text) : parseIpv6Constant(text);
}

/** An IPNET constant (`10.0.0.0/8`, `fd00::/8`), with libsinsp's messages. */
export function parseIpNetConstant(text: string): IpNet {
  if (text.includes('.')) {
    const slash = text.indexOf('/');
    if (slash < 0) throw new FieldError(`unrecognized IP network ${text}`);
    const ip = parseIpv4(text.slice(0, slash));
    if (ip === undefined) throw new FieldError(`unrecognized IP address ${text}`);
    const maskText = text.slice(slash + 1).split('\n')[0] ?? '';
    const len = Number(parseUnsigned(maskText, 8));
    if (len > 32) throw new FieldError(`invalid netmask ${maskText}`);
    return ipv4Net(ip, len);
  }
  const slash = text.indexOf('/');
  if (slash < 0) throw new FieldError(`invalid v6 netmask: ${text}`);
  const addr = parseIpv6(text.slice(0, slash));
  if (!addr) throw new FieldError(`unrecognized IPv6 address ${text}`);
  const maskText = text.slice(slash + 1).split('\n')[0] ?? '';
  const prefix = Number(parseUnsigned(maskText, 8));
  if (prefix === 0 || prefix > 128) throw new FieldError(`invalid v6 netmask ${maskText}`);
  return { v: 6, addr, prefix };
}

/** Well-known service names for PORT constants (a subset of the netbase services database). */
const SERVICES: Readonly<Record<string, number>> = {
  tcpmux: 1, echo: 7, discard: 9, systat: 11, daytime: 13, netstat: 15, qotd: 17, chargen: 19, 'ftp-data': 20, ftp: 21, ssh: 22,
  telnet: 23, smtp: 25, time: 37, whois: 43, tacacs: 49, domain: 53, gopher: 70, finger: 79, http: 80, kerberos: 88, iso_tsap: 102,
  'acr-nema': 104, pop3: 110, sunrpc: 111, auth: 113, nntp: 119, ntp: 123, epmap: 135, 'netbios-ns': 137, 'netbios-dgm': 138,
  'netbios-ssn': 139, imap2: 143, snmp: 161, 'snmp-trap': 162, 'cmip-man': 163, 'cmip-agent': 164, mailq: 174, xdmcp: 177, bgp: 179,
  smux: 199, qmtp: 209, z3950: 210, ipx: 213, ptp_event: 319, ptp_general: 320, pawserv: 345, zserv: 346, rpc2portmap: 369,
  codaauth2: 370, clearcase: 371, ldap: 389, svrloc: 427, https: 443, snpp: 444, 'microsoft-ds': 445, kpasswd: 464, submissions: 465,
  saft: 487, isakmp: 500, rtsp: 554, nqs: 607, 'asf-rmcp': 623, qmqp: 628, ipp: 631, ldp: 646, exec: 512, biff: 512, login: 513,
  who: 513, shell: 514, syslog: 514, printer: 515, talk: 517, ntalk: 518, route: 520, gdomap: 538, uucp: 540, klogin: 543,
  kshell: 544, 'dhcpv6-client': 546, 'dhcpv6-server': 547, afpovertcp: 548, nntps: 563, submission: 587, ldaps: 636, tinc: 655,
  silc: 706, 'kerberos-adm': 749, domain_s: 853, rsync: 873, 'ftps-data': 989, ftps: 990, telnets: 992, imaps: 993, pop3s: 995,
  socks: 1080, proofd: 1093, rootd: 1094, openvpn: 1194, rmiregistry: 1099, lotusnote: 1352, 'ms-sql-s': 1433, 'ms-sql-m': 1434,
  ingreslock: 1524, datametrics: 1645, 'sa-msg-port': 1646, kermit: 1649, groupwise: 1677, l2f: 1701, radius: 1812, 'radius-acct': 1813,
  'cisco-sccp': 2000, nfs: 2049, gnunet: 2086, 'rtcm-sc104': 2101, 'gsigatekeeper': 2119, gris: 2135, cvspserver: 2401, venus: 2430,
  'venus-se': 2431, codasrv: 2432, 'codasrv-se': 2433, mon: 2583, dict: 2628, f5_fps: 2714, gpsd: 2947, gds_db: 3050, icpv2: 3130,
  'isns': 3205, iscsi: 3260, mysql: 3306, ms_wbt_server: 3389, nut: 3493, distcc: 3632, daap: 3689, svn: 3690, suucp: 4031,
  sysrqd: 4094, sieve: 4190, epmd: 4369, remctl: 4373, 'f5-iquery': 4353, ntske: 4460, ipsec_nat_t: 4500, iax: 4569, mtn: 4691,
  'radmin-port': 4899, sip: 5060, 'sip-tls': 5061, 'xmpp-client': 5222, 'xmpp-server': 5269, cfengine: 5308, mdns: 5353,
  postgresql: 5432, freeciv: 5556, amqps: 5671, amqp: 5672, x11: 6000, 'x11-1': 6001, 'x11-2': 6002, 'x11-3': 6003, 'x11-4': 6004,
  'x11-5': 6005, 'x11-6': 6006, 'x11-7': 6007, 'gnutella-svc': 6346, 'gnutella-rtr': 6347, 'redis': 6379, 'sge-qmaster': 6444,
  'sge-execd': 6445, 'mysql-proxy': 6446, 'babel': 6696, 'ircs-u': 6697, bbs: 7000, afs3_fileserver: 7000, 'font-service': 7100,
  'http-alt': 8080, puppet: 8140, bacula_dir: 9101, bacula_fd: 9102, bacula_sd: 9103, xmms2: 9667, nbd: 10809, zabbix_agent: 10050,
  zabbix_trapper: 10051, amanda: 10080, dicom: 11112, hkp: 11371, db_lsp: 17500, dcap: 22125, gsidcap: 22128, wnn6: 22273,
}; // prettier-ignore

/** A PORT constant: empty is 0, digits are a number, anything else a service name. */
export function parsePortConstant(text: string): number {
  if (text === '') return 0;
  if (/^\d+$/.test(text)) return Number(BigInt.asUintN(16, BigInt(text)));
  const port = SERVICES[text];
  if (port === undefined) throw new FieldError(`unrecognized protocol ${text}`);
  return port;
}

/** A BOOL constant: exactly `true` or `false`. */
export function parseBoolConstant(text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new FieldError(`filter error: unrecognized boolean value ${text}`);
}

/** Bytes of a hex constant for `bcontains`/`bstartswith`; undefined if not an even-length hex string. */
export function parseHexBytes(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}
