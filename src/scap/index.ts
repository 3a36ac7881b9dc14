// Public face of src/scap: bytes ⇄ events. Other layers import only from here.
export * from './schema/index.js';
