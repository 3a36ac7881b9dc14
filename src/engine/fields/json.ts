// Field facts (names, types, argument rules, order) transcribed from falcosecurity/plugins
// @ 0b3cbd8d84eba83877159cf3c9fdae1820084c26, plugins/json/pkg/json/json.go (Apache-2.0).
// Descriptions are our own wording. Extractors live in extract/ and are bound by extract/binder.ts, which also
// lists the catalogue fields that have none (a test keeps the two in step).
import { EPF } from './types.js';
import type { FieldSpec } from './define.js';

/** json plugin (any source): `json.*` and the legacy `jevt.*` aliases. */
export const JSON_FIELDS: readonly FieldSpec[] = [
  ["json.value", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_KEY, 'NA', "value at a JSON pointer in a JSON event: json.value[/user/name]", { argSyntax: 'plugin' }],
  ["json.obj", 'CHARBUF', 0, 'NA', "the whole JSON event as text"],
  ["json.rawtime", 'CHARBUF', 0, 'NA', "time of the event, like evt.rawtime"],
  ["jevt.value", 'CHARBUF', EPF.ARG_REQUIRED | EPF.ARG_KEY, 'NA', "alias of json.value", { argSyntax: 'plugin' }],
  ["jevt.obj", 'CHARBUF', 0, 'NA', "alias of json.obj"],
  ["jevt.rawtime", 'CHARBUF', 0, 'NA', "alias of json.rawtime"],
];
