// Reading a bundle from disk (JSON or YAML): the core takes the parsed document.
import type { OpenApiDocument } from '@expys/gateway';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export function loadBundle(file: string): OpenApiDocument {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parse(text);
}
