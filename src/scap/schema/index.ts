export { PT, PF, EF, EC } from './types.js';
export type { ParamType, ParamInfo, EventInfo, ConverterRule, DynParamInfo } from './types.js';
export { EVENTS, FLAG_TABLES, DYN_TABLES, SYSCALL_NAMES, PPM_CONSTANTS, PPM_EVENT_MAX, SOURCE_REVISION } from './event-table.generated.js';
export {
  V0293_EVENTS,
  V0293_FLAG_TABLES,
  V0293_PPM_EVENT_MAX,
  V0293_SOURCE_REVISION,
} from './event-table-0.29.3.generated.js';
export { CURRENT_SCHEMA, SYSDIG_0293_SCHEMA, PARAM_STRIDE, schemaById } from './schema.js';
export type { EventSchema, SchemaId } from './schema.js';
export { V0293_DYN_TABLES, V0293_SYSCALL_NAMES } from './event-table-0.29.3.generated.js';
