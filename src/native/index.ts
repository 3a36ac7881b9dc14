// Public face of src/native: the typed TypeScript side of the eBPF recorder. Importing this module never
// loads the addon; startRecording() (or loadBinding()) does, on first use.
export type {
  CaptureLayout,
  CommandExit,
  NativeBinding,
  NativeSession,
  NativeStartOptions,
  RecordMode,
  RecordOptions,
  RecordStats,
  StdioSpec,
} from './types.js';
export { ADDON_ABI_VERSION, defaultAddonPath, defaultLoader, loadBinding, nativeAvailability, setBindingLoader } from './loader.js';
export type { BindingLoader } from './loader.js';
export { DEFAULT_RING_BYTES_PER_CPU, MAX_SNAPLEN, Recording, startRecording, toNativeOptions } from './recorder.js';
export { RECORDER_STATS_EVENT_NAME, droppedRecordsWarning, parseRecorderStats } from './stats-event.js';
export type { RecorderStatsPayload } from './stats-event.js';
export type { LoadedPlugin, PluginEventBatch, PluginFieldInfo, PluginFieldRequest, PluginFieldType, PluginHostBinding, PluginSource, PluginValue } from './plugin-types.js';
export { MAX_PLUGIN_FIELDS, PLUGIN_HOST_ABI_VERSION, defaultPluginHostLoader, defaultPluginHostPath, extractSourcesOf, loadPlugin, loadPluginHost, parsePluginFields, setPluginHostLoader } from './plugin-host.js';
export type { PluginHostLoader } from './plugin-host.js';
