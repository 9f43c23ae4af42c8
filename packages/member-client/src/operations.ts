// @expys/member-client/operations: the lean, tree-shakable entry. One client made once, one
// function per operation imported by name; an app bundles only the operations it imports.
//   import { createMemberClient, getWallet } from "@expys/member-client/operations";
//   const expys = createMemberClient({ environment: "sandbox", token });
//   const wallet = await getWallet(expys);
export { createMemberClient, type CreateMemberClientOptions, type LeanClient } from './lean.js';
export * from './generated/functions.js';
// Opt-in: a retry policy for createMemberClient's `retry`, and every item of a list operation.
export { paginate, retries, type RetryContext, type RetryStrategy } from '@expys/client-core';
