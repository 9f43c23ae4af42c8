// @ts-check
// Redocly decorators that cut the full spec into audience bundles (see redocly.yaml `apis:`)
// and give the member bundle its member-only texts about credentials.
import audience from './decorators/audience.js';
import memberView from './decorators/member-view.js';

export default function expysBundlePlugin() {
  return {
    id: 'expys-bundle',
    decorators: {
      oas3: {
        audience,
        'member-view': memberView,
      },
    },
  };
}
