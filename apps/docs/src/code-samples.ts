// The x-codeSamples of each operation and the matching Redoc language list. Redoc 3 shows a
// sample only when its label is in `codeSamples.languages`, in that order (the first is the
// default tab), so both come from the same table here.
import type { Audience } from './bundles.js';
import { CLIENT_PACKAGE } from './clients.js';
import { curlSample } from './curl-sample.js';
import { sdkSample, type SdkSampleContext } from './sdk-sample.js';

export interface CodeSample {
  /** Highlighting language. */
  lang: string;
  /** The tab name, and Redoc's key to match the sample to `codeSamples.languages`. */
  label: string;
  source: string;
}

const LABELS = {
  sdk: (audience: Audience) => CLIENT_PACKAGE[audience],
  curl: 'curl',
};

export function operationSamples(ctx: SdkSampleContext & { baseUrl: string }): CodeSample[] {
  return [
    { lang: 'javascript', label: LABELS.sdk(ctx.audience), source: sdkSample(ctx) },
    { lang: 'bash', label: LABELS.curl, source: curlSample(ctx.audience, ctx.baseUrl, ctx.inputs, ctx.auth) },
  ];
}

/** Redoc's `codeSamples.languages` for the page of this audience: the SDK tab first. */
export function sampleLanguages(audience: Audience): Array<{ lang: string; label: string }> {
  return [
    { lang: 'javascript', label: LABELS.sdk(audience) },
    { lang: 'bash', label: LABELS.curl },
    // Redoc's own tab with the request body example.
    { lang: 'payload', label: 'Payload' },
  ];
}
