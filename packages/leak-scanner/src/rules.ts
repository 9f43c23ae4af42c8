// What the scanner reports, and how bad each finding is. Only errors fail a scan by default:
// a backend secret (an Org-API-Key, an API key, an App Secret) or server code in an app build is a leak; a member token is suspicious (it
// expires in minutes and reaches one member); a look-alike is most likely a placeholder.

export type Severity = 'error' | 'warning' | 'notice';

/** For `--fail-on`: a finding fails the scan when its rank is at least the threshold's. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { notice: 0, warning: 1, error: 2 };

export type RuleId = 'expys-org-api-key' | 'expys-api-key' | 'expys-app-secret' | 'expys-member-token' | 'expys-look-alike' | 'expys-server-operation' | 'expys-server-path';

export interface Rule {
  severity: Severity;
  message: string;
}

export const RULES: Readonly<Record<RuleId, Rule>> = {
  'expys-org-api-key': {
    severity: 'error',
    message: 'a real Expys Org-API-Key (its checksum verifies): remove it from the build and rotate it',
  },
  'expys-api-key': {
    severity: 'error',
    message: 'a real Expys API key (its checksum verifies): remove it from the build, create a new key and revoke this one',
  },
  'expys-app-secret': {
    severity: 'error',
    message: "a real Expys App Secret (its checksum verifies): remove it from the build and rotate it (rotateAppSecret): it manages the application's API keys",
  },
  'expys-member-token': {
    severity: 'warning',
    message: 'an Expys member token (its checksum verifies) hard-coded in the build: apps get theirs from your backend at run time',
  },
  'expys-look-alike': {
    severity: 'notice',
    message: 'look-alike, not a valid key (its checksum does not match): a placeholder, a typo or a made-up value',
  },
  'expys-server-operation': {
    severity: 'error',
    message: 'a server-only operation of the Expys API: server code does not belong in an app build',
  },
  'expys-server-path': {
    severity: 'error',
    message: 'a server-only path of the Expys API: an app never calls it',
  },
};
