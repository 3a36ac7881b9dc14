// Falco's own command line on top of ours: `falco-replay -V rules.yaml`, `-L`, `-l RULE`, `--list [SOURCE]` run
// the subcommand that does the same, and a Falco flag without an offline meaning gets one line naming what to
// use instead, never a silent difference or commander's bare "unknown option".

/** The argv to parse, notes for stderr, or a usage error. */
export type FalcoArgs = { readonly argv: string[]; readonly notes: string[] } | { readonly error: string };

/** Options of `run` that take a value: their value is never read as a flag. */
const RUN_VALUE_OPTIONS = new Set([
  '-r', '--rules', '-e', '--capture', '-c', '--config', '-o', '--option', '--min-priority', '--rule-matching',
  '--enable-tag', '--disable-tag', '--enable-rule', '--disable-rule', '--profile', '--summary-file', '--plugins', '--plugin', '-M',
]);

/** Falco flags that take a value, and what to use offline (the value, when shown, replaces VALUE). */
const REFUSED_WITH_VALUE: Readonly<Record<string, string>> = {
  '-t': 'rules with a tag: use --enable-tag VALUE (-o rules[].enable.tag=VALUE)',
  '-T': 'rules with a tag: use --disable-tag VALUE (-o rules[].disable.tag=VALUE)',
  '-D': "rules by name: use --disable-rule '*VALUE*' (-o rules[].disable.rule=...; Falco's -D matched a substring)",
  '-p': "extra output: use -o append_output[].extra_output='VALUE' (Falco's own replacement for -p)",
  '--print': "extra output: use -o append_output[].extra_output='VALUE' (Falco's own replacement for -p)",
  '-k': 'Kubernetes metadata: an offline replay has no API server; k8s.* fields come from the capture',
  '--k8s-api': 'Kubernetes metadata: an offline replay has no API server; k8s.* fields come from the capture',
  '-K': 'Kubernetes metadata: an offline replay has no API server; k8s.* fields come from the capture',
  '--k8s-api-cert': 'Kubernetes metadata: an offline replay has no API server; k8s.* fields come from the capture',
  '--k8s-node': 'Kubernetes metadata: an offline replay has no API server; k8s.* fields come from the capture',
  '-P': 'a pid file: falco-replay does not run as a daemon',
  '--pidfile': 'a pid file: falco-replay does not run as a daemon',
  '-s': 'statistics: use --summary-file FILE (per-rule counts, events, rate)',
  '--stats-interval': 'statistics: use --summary-file FILE (per-rule counts, events, rate)',
  '-S': 'a snap length: it is fixed when recording (falco-replay record --snaplen VALUE)',
  '--snaplen': 'a snap length: it is fixed when recording (falco-replay record --snaplen VALUE)',
  '-g': 'gVisor: replay a capture file instead',
  '--gvisor-config': 'gVisor: replay a capture file instead',
  '--gvisor-root': 'gVisor: replay a capture file instead',
  '--gvisor-generate-config': 'gVisor: replay a capture file instead',
  '--enable-source': 'event sources: every source of the capture is replayed; --plugins LIST chooses the plugin catalogues',
  '--disable-source': 'event sources: every source of the capture is replayed; --plugins LIST chooses the plugin catalogues',
  '--plugin-info': "plugins: their field catalogues are built in (falco-replay fields --plugins VALUE)",
  '--format': 'a --list format: use --list with --markdown, or falco-replay fields --json',
};

/** Falco flags without a value that mean nothing offline, and what to use. */
const REFUSED: Readonly<Record<string, string>> = {
  '-d': 'a daemon: falco-replay runs once over the captures',
  '--daemon': 'a daemon: falco-replay runs once over the captures',
  '-u': 'userspace instrumentation: replay a capture file instead',
  '--userspace': 'userspace instrumentation: replay a capture file instead',
  '--modern-bpf': 'a kernel driver: record with falco-replay record, then replay the capture',
  '--nodriver': 'a kernel driver: record with falco-replay record, then replay the capture',
  '--list-events': 'event lists: falco-replay events CAPTURE shows the events of a capture',
  '--list-syscall-events': 'event lists: falco-replay events CAPTURE shows the events of a capture',
  '--list-plugins': 'plugins: their field catalogues are built in (--plugins LIST; falco-replay fields)',
  '--dry-run': 'a dry run: use falco-replay validate RULES (or -V RULES)',
  '--support': 'support information: falco-replay --version prints the version',
  '--page-size': 'the page size: it only matters to a live driver',
  '--config-schema': 'the configuration schema: -c reads falco.yaml and reports unknown -o keys',
  '--rule-schema': 'the rules schema: falco-replay validate checks rules files against it',
};

/** Falco flags that are already what a replay does: accepted with a note. */
const NO_OP: Readonly<Record<string, string>> = {
  '-A': 'every event of the capture is evaluated in a replay, high-volume ones included',
  '-U': 'outputs are written one alert per line as they happen',
  '--unbuffered': 'outputs are written one alert per line as they happen',
  '--disable-cri-async': 'container metadata comes from the capture',
};
const NO_OP_WITH_VALUE: Readonly<Record<string, string>> = {
  '--cri': 'container metadata comes from the capture, not from a CRI socket',
};

const splitEq = (a: string): [string, string | undefined] => {
  const eq = a.indexOf('=');
  return a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
};

/**
 * Translate Falco's command line. Only argv for the default command is looked at (no subcommand, or `run`);
 * a subcommand's own flags are left to it.
 */
export function translateFalcoArgs(argv: readonly string[], subcommands: ReadonlySet<string>, bundledRules: string): FalcoArgs {
  const first = argv[0];
  if (first !== undefined && first !== 'run' && subcommands.has(first)) return { argv: [...argv], notes: [] };
  const rest: string[] = [];
  const notes: string[] = [];
  const validate: string[] = [];
  const rules: string[] = [];
  let describe = false;
  let describeRule: string | undefined;
  let list: string | undefined;
  let names = false;
  let markdown = false;
  let json = false;
  let verbose = false;
  let plugins: string | undefined;
  const libraries: string[] = [];
  for (let i = first === 'run' ? 1 : 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    if (raw === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const [flag, inline] = splitEq(raw);
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '-V' || flag === '--validate') {
      const v = value();
      if (v === undefined) return { error: `${flag} needs a rules file (falco-replay -V rules.yaml)` };
      validate.push(v);
    } else if (flag === '-L') describe = true;
    else if (flag === '-l') {
      const v = value();
      if (v === undefined) return { error: '-l needs a rule name (falco-replay -l RULE -r rules.yaml)' };
      describeRule = v;
    } else if (flag === '--list') {
      list = inline ?? '';
      // Falco takes the source as --list=SOURCE; a bare word after --list that is no file is taken as one too.
      const next = argv[i + 1];
      if (inline === undefined && next !== undefined && /^[a-z][a-z0-9_]*$/.test(next)) {
        list = next;
        i++;
      }
    } else if (flag === '-N') names = true;
    else if (flag === '--markdown') markdown = true;
    else if (flag === '-b' || flag === '--print-base64') rest.push('-o', 'buffer_format_base64=true');
    else if (NO_OP[flag] !== undefined && inline === undefined) notes.push(`${flag} has no effect here: ${NO_OP[flag]}`);
    else if (NO_OP_WITH_VALUE[flag] !== undefined) {
      value();
      notes.push(`${flag} has no effect here: ${NO_OP_WITH_VALUE[flag]}`);
    } else if (REFUSED_WITH_VALUE[flag] !== undefined || /^-p./.test(raw)) {
      // -pc / -pk: Falco's container and Kubernetes output shorthands.
      const key = /^-p./.test(raw) ? '-p' : flag;
      const v = /^-p./.test(raw) ? raw.slice(2) : value();
      return { error: `Falco's ${key} has no offline meaning as such (${(REFUSED_WITH_VALUE[key] as string).replace(/VALUE/g, v ?? 'VALUE')})` };
    } else if (REFUSED[flag] !== undefined) {
      return { error: `Falco's ${flag} has no offline meaning (${REFUSED[flag]})` };
    } else {
      if (flag === '-r' || flag === '--rules') {
        const v = inline ?? argv[i + 1];
        if (v !== undefined) rules.push(v);
      }
      if (flag === '--plugins') plugins = inline ?? argv[i + 1];
      if (flag === '--plugin') {
        const v = inline ?? argv[i + 1];
        if (v !== undefined) libraries.push(v);
      }
      if (flag === '--json' || raw === 'json_output=true') json = true;
      if (flag === '-v' || flag === '--verbose') verbose = true;
      rest.push(raw);
      if (inline === undefined && RUN_VALUE_OPTIONS.has(flag) && i + 1 < argv.length) {
        const v = argv[++i] as string;
        if ((flag === '-o' || flag === '--option') && /^json_output=(true|yes|on)$/i.test(v)) json = true;
        rest.push(v);
      }
    }
  }
  const common = [...(plugins !== undefined ? ['--plugins', plugins] : []), ...libraries.flatMap((l) => ['--plugin', l])];
  if (validate.length) return { argv: ['validate', ...validate, ...common, ...(json ? ['--json'] : []), ...(verbose ? ['-v'] : [])], notes };
  if (describe || describeRule !== undefined) {
    if (!rules.length) notes.push(`no rules given (-r): describing the bundled rules ${bundledRules}`);
    const r = rules.length ? rules : [bundledRules];
    return { argv: ['describe', ...r.flatMap((f) => ['-r', f]), ...(describeRule !== undefined ? ['--rule', describeRule] : []), ...common, ...(json ? ['--json'] : [])], notes };
  }
  if (list !== undefined) {
    return {
      argv: ['fields', ...(list ? ['--source', list] : []), ...(names ? ['--names'] : []), ...(markdown ? ['--markdown'] : []), ...(verbose ? ['-v'] : []), ...common, ...(json ? ['--json'] : [])],
      notes,
    };
  }
  if (names || markdown) return { error: `${names ? '-N' : '--markdown'} only applies with --list` };
  return { argv: first === 'run' ? ['run', ...rest] : rest, notes };
}
