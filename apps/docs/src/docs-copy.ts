// Turns an audience bundle into the docs-only copy Redocly renders: x-codeSamples on every
// operation and the audience notes. Works on a deep copy; the bundles of @expys/openapi and the
// spec's YAML are never written to.
import { readFileSync } from 'node:fs';
import { operationsOf, type OpenApiDocument } from '../../../scripts/bundle/walk.js';
import { memberIntro, serverIntro, webhookEventNote, webhookVerification, withServerNote } from './audience-notes.js';
import { sandboxServerUrl, type Audience } from './bundles.js';
import { operationSamples } from './code-samples.js';
import { credentialsPage } from './credentials-page.js';
import { sectionPattern, sectionTaker } from './markdown-sections.js';
import { applyMemberView } from './member-view.js';
import { operationInputs } from './operation-inputs.js';
import { apiKeyPrefix, serverAuthOf } from './server-auth.js';
import { signedDeliverySample, webhookHandlerSample } from './webhook-samples.js';

export const PAGE_TITLES: Record<Audience, string> = {
  member: 'Expys member API, for apps',
  server: 'Expys server API, for backends',
};

const RECIPE_SOURCE = readFileSync(new URL('./recipes/verify-signature.ts', import.meta.url), 'utf8');
export const ROTATION_RECIPE_SOURCE = readFileSync(new URL('./recipes/rotate-api-key.ts', import.meta.url), 'utf8');

export function docsCopy(bundle: OpenApiDocument, audience: Audience): OpenApiDocument {
  const doc: OpenApiDocument = structuredClone(bundle);
  if (doc.info?.['x-expys-audience'] !== audience) {
    throw new Error(`expected the ${audience} bundle, got one for ${JSON.stringify(doc.info?.['x-expys-audience'])}`);
  }
  doc.info.title = PAGE_TITLES[audience];
  const baseUrl = sandboxServerUrl(doc);
  const sandbox = doc.servers.find((s: any) => s['x-expys-environment'] === 'sandbox');
  const prefixes = {
    memberTokenPrefix: sandbox['x-expys-member-token-prefix'],
    orgApiKeyPrefix: sandbox['x-expys-key-prefix'],
    ...(audience === 'server' ? { apiKeyPrefix: apiKeyPrefix(doc) } : {}),
  };

  for (const entry of operationsOf(doc)) {
    const { operation } = entry;
    if (operation['x-expys-mode'] !== audience) throw new Error(`${operation.operationId} is not a ${audience} operation`);
    const inputs = operationInputs(doc, entry);

    if (entry.section === 'webhooks') {
      // Received, not called: no SDK call; a signed test delivery of the event's example instead.
      operation.description = `${(operation.description ?? '').trim()}\n\n${webhookEventNote(signedDeliverySample(inputs.body))}\n`;
      continue;
    }
    const auth = audience === 'server' ? serverAuthOf(operation) : undefined;
    operation['x-codeSamples'] = operationSamples({ audience, operationId: operation.operationId, inputs, baseUrl, auth, ...prefixes });
    if (auth) operation.description = withServerNote(operation.description, auth);
  }

  if (audience === 'server') {
    // The spec's credentials section becomes the page's "Credentials" (kinds, scopes, rotation).
    const parts = sectionTaker(doc.info.description ?? '', 'server page');
    const credentials = credentialsPage(doc, parts.take('a "## Credentials" section', sectionPattern(2, 'Credentials')), ROTATION_RECIPE_SOURCE);
    doc.info.description = withCheckboxes(serverIntro(parts.rest, credentials));
    const webhooksTag = (doc.tags ?? []).find((t: any) => t.name === 'Webhooks');
    if (!webhooksTag) throw new Error('the server bundle has no Webhooks tag to carry the verification recipe');
    const events = operationsOf(doc).filter((e) => e.section === 'webhooks').map((e) => e.key);
    const handler = webhookHandlerSample(events, prefixes.orgApiKeyPrefix);
    webhooksTag.description = `${(webhooksTag.description ?? '').trim()}\n\n${webhookVerification(handler, RECIPE_SOURCE)}\n`;
  } else {
    // Member-only texts where the bundle shares them with the server side (member-view.ts).
    applyMemberView(doc);
    doc.info.description = withCheckboxes(memberIntro(doc.info.description ?? ''));
  }
  return doc;
}

/** Redoc prints a markdown task list's `[ ]` literally: show a box instead. */
const withCheckboxes = (markdown: string) => markdown.replace(/^(\s*[-*]) \[ \] /gm, '$1 ☐ ');
