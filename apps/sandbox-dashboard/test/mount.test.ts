// A dashboard opened for a sandbox made on demand talks to that sandbox only: its pages and its
// control plane are under the same /sandboxes/<id> prefix as the page itself.
import { describe, expect, it } from 'vitest';
import { mountOf } from '../src/mount.js';

describe('mountOf', () => {
  it('is empty for the default sandbox', () => {
    expect(mountOf('/_dashboard/')).toBe('');
    expect(mountOf('/_dashboard/members')).toBe('');
  });

  it("is the sandbox's prefix for a sandbox made on demand", () => {
    expect(mountOf('/sandboxes/sbx_abc/_dashboard/')).toBe('/sandboxes/sbx_abc');
    expect(mountOf('/sandboxes/sbx_abc/_dashboard/webhooks')).toBe('/sandboxes/sbx_abc');
  });

  it('is empty for a page outside any dashboard (Vite dev server, jsdom)', () => {
    expect(mountOf('/')).toBe('');
    expect(mountOf('/index.html')).toBe('');
  });
});
