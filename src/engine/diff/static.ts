// Static changes between two loaded rule sets, rated with the SemVer criteria of the Falco rules repository's
// compare checker (major: something a user relied on is gone or weaker; minor: something new; patch: a
// compatible adjustment). Changes that checker does not see (a condition edit that keeps the event types, a
// macro edit, rule order) are listed with level `none`: no traffic needed to notice them, but no rating either.
import { PRIORITIES } from '../rules/items.js';
import { compareVersions, parseVersion } from '../rules/items.js';
import type { ListSnapshot, MacroSnapshot, RuleSnapshot, RulesSnapshot } from './snapshot.js';
import { compareText } from './order.js';

export type ChangeLevel = 'major' | 'minor' | 'patch' | 'none';
export const CHANGE_LEVELS: readonly ChangeLevel[] = ['major', 'minor', 'patch', 'none'];

export type ItemKind = 'rule' | 'macro' | 'list' | 'engine' | 'plugin';
const KIND_ORDER: readonly ItemKind[] = ['rule', 'macro', 'list', 'engine', 'plugin'];

/** Stable codes of the findings, each with its level. */
export const FINDING_LEVELS = {
  'rule-added': 'minor',
  'rule-removed': 'major',
  'macro-added': 'minor',
  'macro-removed': 'major',
  'list-added': 'minor',
  'list-removed': 'major',
  'rule-source-changed': 'major',
  'rule-disabled': 'major',
  'rule-enabled': 'patch',
  'rule-fewer-events': 'major',
  'rule-more-events': 'patch',
  'rule-fewer-tags': 'major',
  'rule-more-tags': 'patch',
  'rule-priority-less-urgent': 'major',
  'rule-priority-more-urgent': 'patch',
  'rule-exceptions-added-removed': 'patch',
  'rule-output-fields-changed': 'patch',
  'rule-output-changed': 'none',
  'rule-condition-changed': 'none',
  'rule-exception-values-changed': 'none',
  'rule-uses-changed': 'none',
  'rule-expansion-changed': 'none',
  'rule-description-changed': 'none',
  'rule-order-changed': 'none',
  'macro-events-changed': 'major',
  'macro-condition-changed': 'none',
  'list-items-changed': 'patch',
  'engine-version-raised': 'minor',
  'engine-version-lowered': 'patch',
  'plugin-requirement-added': 'minor',
  'plugin-version-raised': 'minor',
  'plugin-requirement-removed': 'patch',
  'plugin-version-lowered': 'patch',
  'plugin-alternative-added': 'patch',
  'plugin-alternative-removed': 'major',
} as const satisfies Record<string, ChangeLevel>;
export type FindingCode = keyof typeof FINDING_LEVELS;

export interface Finding {
  readonly code: FindingCode;
  readonly level: ChangeLevel;
  readonly message: string;
}

/** One property shown side by side: its value on the base and on the head (null when absent). */
export interface FieldChange {
  readonly field: string;
  readonly base: string | readonly string[] | boolean | null;
  readonly head: string | readonly string[] | boolean | null;
}

export interface StaticChange {
  readonly kind: ItemKind;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'modified';
  /** The most severe level among the findings. */
  readonly level: ChangeLevel;
  readonly findings: readonly Finding[];
  readonly fields: readonly FieldChange[];
  /** For a rule: the changed macros and lists it uses, directly or through other macros and lists. */
  readonly via: { readonly macros: readonly string[]; readonly lists: readonly string[] };
}

const levelRank = (l: ChangeLevel): number => CHANGE_LEVELS.indexOf(l);
const finding = (code: FindingCode, message: string): Finding => ({ code, level: FINDING_LEVELS[code], message });
const minus = (a: readonly string[], b: readonly string[]): string[] => {
  const s = new Set(b);
  return [...new Set(a)].filter((x) => !s.has(x)).sort(compareText);
};
const sameSet = (a: readonly string[], b: readonly string[]): boolean => minus(a, b).length === 0 && minus(b, a).length === 0;
const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const priorityName = (p: number): string => PRIORITIES[p] ?? 'Debug';

function make(kind: ItemKind, name: string, change: StaticChange['change'], findings: Finding[], fields: FieldChange[], via: StaticChange['via'] = { macros: [], lists: [] }): StaticChange {
  const level = findings.reduce<ChangeLevel>((l, f) => (levelRank(f.level) < levelRank(l) ? f.level : l), 'none');
  return { kind, name, change, level, findings, fields, via };
}

function ruleFields(r: RuleSnapshot): FieldChange[] {
  return [
    { field: 'condition', base: null, head: r.condition },
    { field: 'priority', base: null, head: priorityName(r.priority) },
    { field: 'source', base: null, head: r.source },
    { field: 'enabled', base: null, head: r.enabled },
    { field: 'tags', base: null, head: r.tags },
    { field: 'exceptions', base: null, head: r.exceptions },
    { field: 'output', base: null, head: r.output },
    { field: 'events', base: null, head: r.events },
  ];
}
const swap = (fs: FieldChange[]): FieldChange[] => fs.map((f) => ({ field: f.field, base: f.head, head: f.base }));

/** The macros and lists a rule or macro uses, following macros into macros and lists into lists. */
class Uses {
  readonly #macros = new Map<string, MacroSnapshot>();
  readonly #lists = new Map<string, ListSnapshot>();
  constructor(...sides: RulesSnapshot[]) {
    for (const s of sides) {
      for (const m of s.macros) if (!this.#macros.has(m.name)) this.#macros.set(m.name, m);
      for (const l of s.lists) if (!this.#lists.has(l.name)) this.#lists.set(l.name, l);
    }
  }
  closure(macros: readonly string[], lists: readonly string[], into: { macros: Set<string>; lists: Set<string> }): void {
    const mStack = [...macros];
    const lStack = [...lists];
    while (mStack.length || lStack.length) {
      const m = mStack.pop();
      if (m !== undefined && !into.macros.has(m)) {
        into.macros.add(m);
        const def = this.#macros.get(m);
        if (def) {
          mStack.push(...def.macros);
          lStack.push(...def.lists);
        }
      }
      const l = lStack.pop();
      if (l !== undefined && !into.lists.has(l)) {
        into.lists.add(l);
        lStack.push(...(this.#lists.get(l)?.lists ?? []));
      }
    }
  }
}

/** Rules whose position among the rules both sides share changed (those outside a longest kept order). */
function movedRules(base: readonly RuleSnapshot[], head: readonly RuleSnapshot[]): Set<string> {
  const headPos = new Map(head.map((r, i) => [r.name, i]));
  const common = base.filter((r) => headPos.has(r.name)).map((r) => ({ name: r.name, offset: headPos.get(r.name) as number }));
  // Longest increasing subsequence of head positions in base order (patience sorting with back links).
  const tails: number[] = [];
  const prev: number[] = new Array<number>(common.length).fill(-1);
  common.forEach((c, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((common[tails[mid] as number] as { offset: number }).offset < c.offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const kept = new Set<string>();
  for (let i = tails.length ? (tails[tails.length - 1] as number) : -1; i >= 0; i = prev[i] as number) kept.add((common[i] as { name: string }).name);
  return new Set(common.filter((c) => !kept.has(c.name)).map((c) => c.name));
}

function compareRule(b: RuleSnapshot, h: RuleSnapshot, changedMacros: Set<string>, changedLists: Set<string>, uses: Uses, moved: boolean): StaticChange | undefined {
  const f: Finding[] = [];
  const fields: FieldChange[] = [];
  const n = `Rule \`${b.name}\``;
  if (b.source !== h.source) {
    f.push(finding('rule-source-changed', `${n} has a different source (${b.source} → ${h.source})`));
    fields.push({ field: 'source', base: b.source, head: h.source });
  }
  if (b.enabled !== h.enabled) {
    f.push(b.enabled ? finding('rule-disabled', `${n} is now disabled by default`) : finding('rule-enabled', `${n} is now enabled by default`));
    fields.push({ field: 'enabled', base: b.enabled, head: h.enabled });
  }
  const fewerEvents = minus(b.events, h.events);
  const moreEvents = minus(h.events, b.events);
  if (fewerEvents.length) f.push(finding('rule-fewer-events', `${n} matches fewer event types (no longer: ${fewerEvents.join(', ')})`));
  if (moreEvents.length) f.push(finding('rule-more-events', `${n} matches more event types (also: ${moreEvents.join(', ')})`));
  if (fewerEvents.length || moreEvents.length) fields.push({ field: 'events', base: b.events, head: h.events });
  const fewerTags = minus(b.tags, h.tags);
  const moreTags = minus(h.tags, b.tags);
  if (fewerTags.length) f.push(finding('rule-fewer-tags', `${n} has fewer tags (removed: ${fewerTags.join(', ')})`));
  if (moreTags.length) f.push(finding('rule-more-tags', `${n} has more tags (added: ${moreTags.join(', ')})`));
  if (fewerTags.length || moreTags.length) fields.push({ field: 'tags', base: b.tags, head: h.tags });
  if (b.priority !== h.priority) {
    const msg = `${n} priority ${priorityName(b.priority)} → ${priorityName(h.priority)}`;
    f.push(h.priority > b.priority ? finding('rule-priority-less-urgent', `${msg} (less urgent)`) : finding('rule-priority-more-urgent', `${msg} (more urgent)`));
    fields.push({ field: 'priority', base: priorityName(b.priority), head: priorityName(h.priority) });
  }
  if (!sameSet(b.exceptions, h.exceptions)) {
    const added = minus(h.exceptions, b.exceptions);
    const removed = minus(b.exceptions, h.exceptions);
    const parts = [added.length ? `added: ${added.join(', ')}` : '', removed.length ? `removed: ${removed.join(', ')}` : ''].filter(Boolean);
    f.push(finding('rule-exceptions-added-removed', `${n} has exceptions added or removed (${parts.join('; ')})`));
    fields.push({ field: 'exceptions', base: b.exceptions, head: h.exceptions });
  } else if (!sameList(b.exceptionDetails, h.exceptionDetails)) {
    f.push(finding('rule-exception-values-changed', `${n} has exception values changed`));
    fields.push({ field: 'exceptions', base: b.exceptionDetails, head: h.exceptionDetails });
  }
  if (b.output !== h.output) {
    // The checker compares how many output fields there are; any other output edit it does not rate.
    if (b.outputFields.length !== h.outputFields.length) f.push(finding('rule-output-fields-changed', `${n} changed its output fields`));
    else f.push(finding('rule-output-changed', `${n} changed its output text`));
    fields.push({ field: 'output', base: b.output, head: h.output });
  }
  if (b.condition !== h.condition) {
    f.push(finding('rule-condition-changed', `${n} has a different condition`));
    fields.push({ field: 'condition', base: b.condition, head: h.condition });
  }
  const used = { macros: new Set<string>(), lists: new Set<string>() };
  uses.closure([...b.macros, ...h.macros], [...b.lists, ...h.lists], used);
  const via = {
    macros: [...used.macros].filter((m) => changedMacros.has(m)).sort(compareText),
    lists: [...used.lists].filter((l) => changedLists.has(l)).sort(compareText),
  };
  if (via.macros.length || via.lists.length) {
    const names = [...via.macros.map((m) => `macro \`${m}\``), ...via.lists.map((l) => `list \`${l}\``)];
    f.push(finding('rule-uses-changed', `${n} changed meaning through ${names.join(', ')}`));
  } else if (b.condition === h.condition && b.expanded !== h.expanded && sameList(b.exceptionDetails, h.exceptionDetails)) {
    f.push(finding('rule-expansion-changed', `${n} has a different expanded condition`));
  }
  if (b.expanded !== h.expanded && (b.condition !== h.condition || via.macros.length || via.lists.length || f.some((x) => x.code === 'rule-expansion-changed'))) {
    fields.push({ field: 'expanded', base: b.expanded, head: h.expanded });
  }
  if (b.description !== h.description) {
    f.push(finding('rule-description-changed', `${n} has a different description`));
    fields.push({ field: 'description', base: b.description, head: h.description });
  }
  if (moved) f.push(finding('rule-order-changed', `${n} moved in the evaluation order (matters under rule_matching: first)`));
  return f.length ? make('rule', b.name, 'modified', f, fields, via) : undefined;
}

function compareRequirements(base: RulesSnapshot, head: RulesSnapshot): StaticChange[] {
  const out: StaticChange[] = [];
  const bv = parseVersion(base.requiredEngineVersion);
  const hv = parseVersion(head.requiredEngineVersion);
  if (bv && hv && compareVersions(bv, hv) !== 0) {
    const up = compareVersions(bv, hv) < 0;
    const msg = `Required engine version ${up ? 'raised' : 'lowered'} from ${base.requiredEngineVersion} to ${head.requiredEngineVersion}`;
    out.push(make('engine', 'required_engine_version', 'modified', [finding(up ? 'engine-version-raised' : 'engine-version-lowered', msg)], [{ field: 'version', base: base.requiredEngineVersion, head: head.requiredEngineVersion }]));
  }
  const find = (side: RulesSnapshot, plugin: string): PluginReq | undefined => {
    for (const req of side.requiredPlugins) {
      const alt = req.alternatives.find((a) => a.name === plugin);
      if (alt) return { req, version: alt.version };
    }
    return undefined;
  };
  const perPlugin = new Map<string, Finding[]>();
  const add = (plugin: string, f: Finding): void => {
    const list = perPlugin.get(plugin) ?? [];
    list.push(f);
    perPlugin.set(plugin, list);
  };
  const newer = (a: string, b: string): number => {
    const va = parseVersion(a);
    const vb = parseVersion(b);
    return va && vb ? compareVersions(va, vb) : 0;
  };
  for (const req of base.requiredPlugins) {
    const gone = req.alternatives.filter((a) => !find(head, a.name));
    if (gone.length === req.alternatives.length) {
      for (const a of gone) add(a.name, finding('plugin-requirement-removed', `Version requirement on plugin \`${a.name}\` removed`));
    } else if (req.alternatives.length > 1) {
      for (const a of gone) add(a.name, finding('plugin-alternative-removed', `Plugin alternative \`${a.name}\` removed`));
    }
    for (const a of req.alternatives) {
      const h = find(head, a.name);
      if (!h) continue;
      const c = newer(a.version, h.version);
      if (c < 0) add(a.name, finding('plugin-version-raised', `Required version of plugin \`${a.name}\` raised from ${a.version} to ${h.version}`));
      if (c > 0) add(a.name, finding('plugin-version-lowered', `Required version of plugin \`${a.name}\` lowered from ${a.version} to ${h.version}`));
    }
  }
  for (const req of head.requiredPlugins) {
    const matched = req.alternatives.map((a) => find(base, a.name)).find((x) => x !== undefined);
    if (!matched) {
      const main = req.alternatives[0];
      if (main) add(main.name, finding('plugin-requirement-added', `Version requirement on plugin \`${main.name}\` added`));
      continue;
    }
    for (const a of req.alternatives) {
      if (!matched.req.alternatives.some((x) => x.name === a.name)) add(a.name, finding('plugin-alternative-added', `Plugin alternative \`${a.name}\` added`));
    }
  }
  for (const [plugin, fs] of perPlugin) {
    const b = find(base, plugin)?.version ?? null;
    const h = find(head, plugin)?.version ?? null;
    out.push(make('plugin', plugin, b === null ? 'added' : h === null ? 'removed' : 'modified', fs, [{ field: 'version', base: b, head: h }]));
  }
  return out;
}
interface PluginReq {
  req: RulesSnapshot['requiredPlugins'][number];
  version: string;
}

/** Every static change from `base` to `head`, most severe first, then rules, macros, lists; by name. */
export function staticChanges(base: RulesSnapshot, head: RulesSnapshot): StaticChange[] {
  const out: StaticChange[] = [];
  const uses = new Uses(head, base);

  const bLists = new Map(base.lists.map((l) => [l.name, l]));
  const hLists = new Map(head.lists.map((l) => [l.name, l]));
  const changedLists = new Set<string>();
  for (const [name, b] of bLists) {
    const h = hLists.get(name);
    if (!h) {
      changedLists.add(name);
      out.push(make('list', name, 'removed', [finding('list-removed', `List \`${name}\` removed`)], [{ field: 'items', base: b.items, head: null }]));
    } else if (!sameSet(b.items, h.items) || !sameSet(b.lists, h.lists)) {
      changedLists.add(name);
      const added = minus(h.items, b.items);
      const removed = minus(b.items, h.items);
      const parts = [added.length ? `added: ${added.join(', ')}` : '', removed.length ? `removed: ${removed.join(', ')}` : ''].filter(Boolean);
      out.push(make('list', name, 'modified', [finding('list-items-changed', `List \`${name}\` has items added or removed${parts.length ? ` (${parts.join('; ')})` : ''}`)], [{ field: 'items', base: b.items, head: h.items }]));
    }
  }
  for (const [name, h] of hLists) {
    if (bLists.has(name)) continue;
    changedLists.add(name);
    out.push(make('list', name, 'added', [finding('list-added', `List \`${name}\` added`)], [{ field: 'items', base: null, head: h.items }]));
  }

  const bMacros = new Map(base.macros.map((m) => [m.name, m]));
  const hMacros = new Map(head.macros.map((m) => [m.name, m]));
  const changedMacros = new Set<string>();
  for (const [name, b] of bMacros) {
    const h = hMacros.get(name);
    if (!h) {
      changedMacros.add(name);
      out.push(make('macro', name, 'removed', [finding('macro-removed', `Macro \`${name}\` removed`)], [{ field: 'condition', base: b.condition, head: null }]));
      continue;
    }
    const f: Finding[] = [];
    const fields: FieldChange[] = [];
    if (b.condition !== h.condition) {
      f.push(finding('macro-condition-changed', `Macro \`${name}\` has a different condition`));
      fields.push({ field: 'condition', base: b.condition, head: h.condition });
    }
    if (!sameSet(b.events, h.events)) {
      f.push(finding('macro-events-changed', `Macro \`${name}\` matches different event types`));
      fields.push({ field: 'events', base: b.events, head: h.events });
    }
    if (f.length) {
      changedMacros.add(name);
      out.push(make('macro', name, 'modified', f, fields));
    }
  }
  for (const [name, h] of hMacros) {
    if (bMacros.has(name)) continue;
    changedMacros.add(name);
    out.push(make('macro', name, 'added', [finding('macro-added', `Macro \`${name}\` added`)], [{ field: 'condition', base: null, head: h.condition }]));
  }

  const hRules = new Map(head.rules.map((r) => [r.name, r]));
  const bRules = new Map(base.rules.map((r) => [r.name, r]));
  const moved = movedRules(base.rules, head.rules);
  for (const b of base.rules) {
    const h = hRules.get(b.name);
    if (!h) out.push(make('rule', b.name, 'removed', [finding('rule-removed', `Rule \`${b.name}\` removed`)], swap(ruleFields(b))));
    else {
      const c = compareRule(b, h, changedMacros, changedLists, uses, moved.has(b.name));
      if (c) out.push(c);
    }
  }
  for (const h of head.rules) {
    if (!bRules.has(h.name)) out.push(make('rule', h.name, 'added', [finding('rule-added', `Rule \`${h.name}\` added`)], ruleFields(h)));
  }
  out.push(...compareRequirements(base, head));
  return out.sort((a, b) => levelRank(a.level) - levelRank(b.level) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareText(a.name, b.name));
}

/** How many changes of each level (the most severe level of each changed item). */
export function countLevels(changes: readonly StaticChange[]): Record<ChangeLevel, number> {
  const out: Record<ChangeLevel, number> = { major: 0, minor: 0, patch: 0, none: 0 };
  for (const c of changes) out[c.level]++;
  return out;
}
