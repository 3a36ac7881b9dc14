// Public face of src/scap: bytes ⇄ events. Other layers import only from here.

// Event tables (generated from ../shared/data; provenance in the generated files) and schema selection.
export * from './schema/index.js';

// Reading: handler-based, streaming, never throws on bad input (diagnostics carry byte offsets).
export { ScapDecoder, readCaptureBuffer, readCaptureStream, collectEvents, isGzip, emptyReadSummary } from './reader.js';
export type { ScapHandler, ReadOptions, ReadSummary, BlockInfo, ByteSource } from './reader.js';
export { readCaptureFile, fileChunks, ScapFileWriter, writeCaptureFile } from './file-source.js';

// The event view and typed parameter values.
export { ScapEvent, PLUGIN_EVENT, ASYNC_EVENT, GENERIC_E, GENERIC_X, decodeSockaddr, decodeSocktuple } from './event.js';
export type { SockAddr, SockTuple, FdListEntry, DynValue } from './event.js';

// Metadata records (delivered before the events of their section).
export type { SectionHeader, MachineInfo, ThreadEntry, FdEntry, InterfaceEntry, UserEntry, GroupEntry } from './state.js';

// Old layouts → current ones (also available standalone for engines that read raw and convert later).
export { EventConverter, Outcome, fixedParamSize } from './convert.js';
export type { ConverterOptions } from './convert.js';

// sysdig-style parameter text with a pluggable state resolver.
export { renderParam, renderArgs, renderArg, flagNames, formatG, joinPath } from './render.js';
export type { ParamResolver, RenderOptions, RenderedParam } from './render.js';
export { errnoName, signalName } from './names.js';
export {
  carriesIpv4,
  embeddedIpv4,
  ipEquals,
  ipInNet,
  ipv4Net,
  ipv4NumberText,
  ipv4Text,
  ipv6Text,
  isIpv4Mapped,
  parseIpv4,
  parseIpv4Bytes,
  parseIpv6,
  type IpAddress,
  type IpNet,
} from './net.js';

// Writing captures, and building them from scenarios.
export { ScapWriter, writeCaptureBuffer } from './writer.js';
export type { EventInput, ParamValue, ThreadInput, FdInput, WriterOptions, ByteSink } from './writer.js';
export { Scenario, ScenarioThread, O, CL } from './scenario.js';
export type { ScenarioOptions, ProcessSpec, FdSpec } from './scenario.js';

// Format constants and 64-bit helpers (no BigInt on the hot path).
export { BT, FD_TYPE, FD_TYPE_CHAR, DUMP_FLAG, LIMITS, IF_TYPE, L4_PROTO, blockTypeName, plVersion, isEventBlock } from './format.js';
export { u64Decimal, u64Hex, splitNanos, u64BigInt, i64BigInt, bigintHiLo, compareU64 } from './bytes.js';
export { decodeUtf8, splitNul, utf8Length } from './text.js';
export { SCAP_CODES } from './diagnostics.js';
export type { ScapCode } from './diagnostics.js';
