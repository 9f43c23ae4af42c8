// Who is signed in. A real backend has its own sign-in (passwords, SSO…); this example keeps
// an in-memory map from an opaque session id (an HttpOnly cookie) to the user's id, which is
// also the member's `externalUserID` at Expys.
import { randomBytes } from 'node:crypto';

export interface Session {
  externalUserID: string;
  displayName: string;
}

export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  create(session: Session): string {
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(id, session);
    return id;
  }

  get(id: string | undefined): Session | undefined {
    return id === undefined ? undefined : this.#sessions.get(id);
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }
}

/** The spec's externalUserID format (spec/components/schemas/ExternalUserID.yaml). */
export const USER_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
