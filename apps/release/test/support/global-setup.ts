// One folder for the run's shared tarballs (test/support/shared-pack.ts): the packages are packed
// once per run, by the first test file that needs them, and the folder goes at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedPackRoot: string;
  }
}

export default function setup(project: TestProject) {
  const root = mkdtempSync(path.join(tmpdir(), 'expys-shared-pack-'));
  project.provide('sharedPackRoot', root);
  return () => rmSync(root, { recursive: true, force: true });
}
