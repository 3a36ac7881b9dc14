// src/scap imports for tests: the public face plus the internals tests check directly (the writer, the
// converter, format tables). Deep imports are for tests only; the other layers use src/scap/index.ts.
// Event tables (generated from libs' event table; provenance in the generated files) and schema selection.
export * from '../../src/scap/schema/index.js';

// Reading: handler-based, streaming, never throws on bad input (diagnostics carry byte offsets).
export { ScapDecoder, emptyReadSummary } from '../../src/scap/reader.js';
export { readCaptureBuffer, readCaptureStream, collectEvents, isGzip, type ByteSource } from '../../src/scap/read-capture.js';
export type { ScapHandler, ReadOptions, ReadSummary, BlockInfo } from '../../src/scap/reader.js';
export { readCaptureFile, fileChunks, ScapFileWriter, writeCaptureFile } from '../../src/scap/file-source.js';
export { BatchReader, BatchWriter, type Batch } from '../../src/scap/pipeline-batch.js';
export { readCapturePipelined, pipelineStats, prestartPipeline } from '../../src/scap/pipeline.js';

// The event view and typed parameter values.
export { ScapEvent, PLUGIN_EVENT, ASYNC_EVENT, GENERIC_E, GENERIC_X, decodeSockaddr, decodeSocktuple } from '../../src/scap/event.js';
export type { SockAddr, SockTuple, FdListEntry, DynValue } from '../../src/scap/event.js';

// Metadata records (delivered before the events of their section).
export type { SectionHeader, MachineInfo, ThreadEntry, FdEntry, InterfaceEntry, UserEntry, GroupEntry } from '../../src/scap/state.js';

// Old layouts → current ones (also available standalone for engines that read raw and convert later).
export { EventConverter, Outcome, fixedParamSize } from '../../src/scap/convert.js';
export type { ConverterOptions } from '../../src/scap/convert.js';

// sysdig-style parameter text with a pluggable state resolver.
export { renderParam, renderArgs, renderArg, flagNames, formatG, joinPath } from '../../src/scap/render.js';
export type { ParamResolver, RenderOptions, RenderedParam } from '../../src/scap/render.js';
export { errnoName, signalName } from '../../src/scap/names.js';
export { ipv4Text, ipv6Text, parseIpv4, parseIpv6 } from '../../src/scap/net.js';

// Writing captures.
export { ScapWriter, writeCaptureBuffer } from '../../src/scap/writer.js';
export type { EventInput, ParamValue, ThreadInput, FdInput, WriterOptions, ByteSink } from '../../src/scap/writer.js';

// Format constants and 64-bit helpers (no BigInt on the hot path).
export { BT, FD_TYPE, FD_TYPE_CHAR, DUMP_FLAG, LIMITS, IF_TYPE, L4_PROTO, blockTypeName, plVersion, isEventBlock } from '../../src/scap/format.js';
export { u64Decimal, u64Hex, splitNanos, u64BigInt, i64BigInt, bigintHiLo, compareU64 } from '../../src/scap/bytes.js';
export { decodeUtf8, splitNul, utf8Length } from '../../src/scap/text.js';
export { SCAP_CODES } from '../../src/scap/diagnostics.js';
export type { ScapCode } from '../../src/scap/diagnostics.js';
