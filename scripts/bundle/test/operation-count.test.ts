// The bundler and the client generator print the same count for a bundle: the generator's
// methods and webhook events are what countOperations counts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeOperations, describeWebhookEvents } from '../../generate/describe.js';
import { REPO_ROOT } from '../redocly.js';
import { countOperations, formatOperationCount } from '../walk.js';

it.each(['member', 'server'])('the %s bundle: the bundler counts what the client generator generates', (audience) => {
  const doc = JSON.parse(readFileSync(path.join(REPO_ROOT, `packages/openapi/dist/expys.${audience}.json`), 'utf8'));
  const generated = { operations: describeOperations(doc).length, webhookEvents: describeWebhookEvents(doc).length };
  expect(countOperations(doc)).toEqual(generated);
  expect(generated.operations).toBeGreaterThan(0);
});

it('says webhook events apart, and nothing about them when there are none', () => {
  expect(formatOperationCount({ operations: 11, webhookEvents: 4 })).toBe('11 operations (+ 4 webhook events)');
  expect(formatOperationCount({ operations: 9, webhookEvents: 0 })).toBe('9 operations');
  expect(formatOperationCount({ operations: 1, webhookEvents: 1 })).toBe('1 operation (+ 1 webhook event)');
});
