// Public face of src/scap (bytes ⇄ events): what the other layers (src/engine, src/cli) use. Tests reach
// internals (the writer, the converter, format tables) through test/helpers/scap.ts instead.

// Event tables (generated from libs' event table; provenance in the generated files) and schema selection.
export { PT, EF, EC, EVENTS, SYSCALL_NAMES, PPM_EVENT_MAX, SYSDIG_0293_SCHEMA, schemaById } from './schema/index.js';
export type { EventSchema } from './schema/index.js';

// Reading: handler-based, streaming, never throws on bad input (diagnostics carry byte offsets).
export { emptyReadSummary } from './reader.js';
export { readCaptureStream, type ByteSource } from './read-capture.js';
export type { ScapHandler, ReadOptions, ReadSummary, ResumePoint, ScapDecoder } from './reader.js';
export { readCaptureFile, fileChunks, ScapFileWriter } from './file-source.js';
// The same read on a worker thread (plain or gzip file), delivered in batches to a handler on this one.
export { readCapturePipelined, prestartPipeline, PIPELINE_WORKER, type PipelineOptions } from './pipeline.js';

// Writing: the inverse of the reader, for filtered copies (`slice`).
export { ScapWriter, type FdInput, type ThreadInput, type WriterOptions } from './writer.js';

// The event view.
export { ScapEvent, PLUGIN_EVENT, ASYNC_EVENT } from './event.js';

// Metadata records (delivered before the events of their section).
export type { SectionHeader, MachineInfo, ThreadEntry, FdEntry, InterfaceEntry, UserEntry, GroupEntry } from './state.js';

// sysdig-style parameter text with a pluggable state resolver.
export { paramDisplay, renderParam, renderArgs } from './render.js';
export type { BufferDisplay, ParamResolver, RenderOptions } from './render.js';
export { errnoName } from './names.js';
export {
  carriesIpv4,
  embeddedIpv4,
  endpointText,
  ipEquals,
  ipInNet,
  ipv4Net,
  ipv4NumberText,
  ipv4Text,
  ipv4TupleText,
  ipv6Text,
  ipv6TupleText,
  parseIpv4,
  parseIpv6,
  tupleText,
  type IpNet,
} from './net.js';

// Format constants and 64-bit helpers (no BigInt on the hot path).
export { FD_TYPE, DUMP_FLAG, blockTypeName, isEventBlock } from './format.js';
export { u64Decimal, u64Hex, splitNanos, u64BigInt, compareU64 } from './bytes.js';
export { utf8Length } from './text.js';
