// The credential prefixes the lean entry (createMemberClient) checks and redacts, as a few
// strings, so an app's bundle needs neither @expys/credentials' format table nor its checksum
// code. Written out by hand like member-token.ts, which names the backend's secrets to refuse
// them; test/lean-credential-patterns.test.ts holds every value equal to what it stands for
// (client-core's redactionPatterns of the spec's environments, @expys/credentials' formats), so
// a new prefix in either fails the test instead of slipping past the lean guard.
export const credentialPatterns = {
  /** Every credential prefix, longest first: client-core's `redactionPatterns(environmentTable).prefixes`. */
  prefixes: ['expys_live_', 'expys_test_', 'mt_live_', 'mt_test_', 'test_sk_', 'prod_sk_', 'secret_'],
  /** The family prefixes that find an environment this build does not know: `redactionPatterns(…).families`. */
  families: ['expys_', 'mt_'],
  /** Every backend secret's prefixes and family (Org-API-Key, API key, App Secret): never a member token. */
  serverPrefixes: ['expys_test_', 'expys_live_', 'expys_', 'test_sk_', 'prod_sk_', 'secret_'],
  /** Letters and digits after a member token's prefix. */
  memberTokenLength: 40,
} as const;
