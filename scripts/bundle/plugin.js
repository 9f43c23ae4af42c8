// @ts-check
// Redocly decorators that cut the full spec into audience bundles (see redocly.yaml `apis:`).
import audience from './decorators/audience.js';

export default function expysBundlePlugin() {
  return {
    id: 'expys-bundle',
    decorators: {
      oas3: {
        audience,
      },
    },
  };
}
