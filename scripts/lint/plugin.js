// @ts-check
// Redocly plugin with the Expys conventions. Each rule lives in its own file under rules/;
// spec/README.md explains the conventions to spec authors.
import operationMode from './rules/operation-mode.js';
import modeSecurity from './rules/mode-security.js';
import serverScope from './rules/server-scope.js';
import authErrorsDocumented from './rules/auth-errors-documented.js';
import idempotencyKey from './rules/idempotency-key.js';
import operationIdCamelCase from './rules/operation-id-camel-case.js';
import responseExample from './rules/response-example.js';
import cursorPagination from './rules/cursor-pagination.js';
import validation422 from './rules/validation-422.js';
import boundedInput from './rules/bounded-input.js';
import integerFormat from './rules/integer-format.js';
import lastPageExample from './rules/last-page-example.js';
import noOrphanPath from './rules/no-orphan-path.js';
import rateLimitHeaders from './rules/rate-limit-headers.js';
import credentialChecksum from './rules/credential-checksum.js';

export default function expysLintPlugin() {
  return {
    id: 'expys',
    rules: {
      oas3: {
        'operation-mode': operationMode,
        'mode-security': modeSecurity,
        'server-scope': serverScope,
        'auth-errors-documented': authErrorsDocumented,
        'idempotency-key': idempotencyKey,
        'operation-id-camel-case': operationIdCamelCase,
        'response-example': responseExample,
        'cursor-pagination': cursorPagination,
        'validation-422': validation422,
        'bounded-input': boundedInput,
        'integer-format': integerFormat,
        'last-page-example': lastPageExample,
        'no-orphan-path': noOrphanPath,
        'rate-limit-headers': rateLimitHeaders,
        'credential-checksum': credentialChecksum,
      },
    },
  };
}
