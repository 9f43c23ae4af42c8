// @expys/leak-scanner: what the CLI does, as functions (for a build step or a test).
export { scanPaths, fails, isBinary, DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_DECOMPRESSED_SIZE, type ScanOptions, type ScanResult, type ScanWarning, type Skipped } from './scan.js';
export { scanText, type Finding, type TextOptions } from './text.js';
export { BUILT_IN_SERVER_NAMES, serverNameFinder, type ServerNames } from './server-names.js';
export { RULES, SEVERITY_RANK, type RuleId, type Severity, type Rule } from './rules.js';
export { humanReport, jsonReport } from './report.js';
