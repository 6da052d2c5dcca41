export { type ExtractError, type ExtractResult, extractRecords } from './extract';
export { EC2_EVENT_SOURCE, parseDocument, parseRecord } from './parse';
export { SUPPORTED_EVENT_NAMES } from './parser-table';
export type * from './types';
export { classifyVia, type Via, type ViaInput } from './via';
