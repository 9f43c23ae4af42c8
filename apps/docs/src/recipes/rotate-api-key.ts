// Rotates an Expys API key without downtime: create a new key
// with the same scopes, update the integration, revoke the old key
// (now, or at a time that leaves your deployment room).
import { initialize } from '@expys/server-client';

// The integration reads its key through a function, asked on every
// request: once your secret store holds the new key, the next request
// uses it, with no new client and no restart.
const currentKey = () => process.env.EXPYS_API_KEY ?? '';
export const expys = initialize({
  environment: 'sandbox',
  token: () => currentKey(),
});

export async function rotateApiKey(oldKeyId: string, overlapMinutes = 60) {
  // The application's own operations take its App ID and App Secret
  // (HTTP Basic).
  const app = initialize({
    environment: 'sandbox',
    app: {
      appId: process.env.EXPYS_APP_ID,
      appSecret: process.env.EXPYS_APP_SECRET,
    },
  });

  // 1. Create a new key with the same scopes. `key` is in this
  //    answer only: store it now.
  const old = await app.getApiKey(oldKeyId);
  const created = await app.createApiKey({ name: old.name, scopes: old.scopes });

  // 2. Update the integration: put the new key where currentKey()
  //    reads it (your secret store; an environment variable here).
  //    Every client built with it switches on its next request.
  process.env.EXPYS_API_KEY = created.key;

  // 3. Revoke the old key at a time that leaves every instance room
  //    to switch. If it leaked, revoke it now: `app.revokeApiKey(old.id)`.
  const at = new Date(Date.now() + overlapMinutes * 60_000).toISOString();
  await app.revokeApiKey(old.id, { at });
}
