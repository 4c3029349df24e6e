// The engine's public face: what the doors (CLI, language server) and the tests use.
export { Engine } from './engine';
export { ParseCache, parse, type ParsedDocument } from './parse';
export { rules, rulesById, rulePage, type Rule } from './rules';
export * from './types';
