// Bad input derived from the request schemas with fast-check: each arbitrary starts from the
// spec's valid example and breaks it one way. Inputs that still happen to satisfy the schema are
// filtered out with the contract checker, so every input sent is really invalid.
import fc from 'fast-check';
import type { ContractChecker } from './checker.js';
import { deref, type OpenApiDocument, type Operation, type Schema } from './spec.js';

export interface BadInput {
  kind: 'missing-required' | 'wrong-type' | 'out-of-range' | 'huge-string' | 'unknown-field' | 'invalid-json';
  /** The raw request body text. */
  text: string;
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value);

/** JSON values whose type is not among `allowed`. */
function wrongValue(allowed: string[]) {
  const candidates: fc.Arbitrary<unknown>[] = [
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  ];
  return fc.oneof(...candidates).filter((v) => {
    const t = typeOf(v);
    return !allowed.includes(t) && !(t === 'integer' && allowed.includes('number'));
  });
}

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.enum) return [...new Set(schema.enum.map(typeOf))] as string[];
  return [];
}

export function badBodies(doc: OpenApiDocument, op: Operation, checker: ContractChecker): fc.Arbitrary<BadInput> | undefined {
  if (!op.requestBody) return undefined;
  const schema = deref(doc, op.requestBody.schema);
  const example = op.requestBody.example as Record<string, unknown>;
  if (!schema?.properties || !example || typeof example !== 'object') return undefined;
  const props = Object.entries<Schema>(schema.properties).map(([name, s]) => [name, deref(doc, s)] as const);
  const withField = (name: string, value: unknown) => ({ ...example, [name]: value });
  const arbitraries: fc.Arbitrary<BadInput>[] = [];
  const json = (kind: BadInput['kind']) => (value: unknown): BadInput => ({ kind, text: JSON.stringify(value) });

  const required: string[] = schema.required ?? [];
  if (required.length) {
    arbitraries.push(fc.constantFrom(...required).map((name) => {
      const { [name]: _dropped, ...rest } = example;
      return json('missing-required')(rest);
    }));
  }
  const typed = props.filter(([, s]) => typesOf(s).length > 0);
  if (typed.length) {
    arbitraries.push(fc.constantFrom(...typed).chain(([name, s]) => wrongValue(typesOf(s)).map((v) => json('wrong-type')(withField(name, v)))));
  }
  const bounded = props.filter(([, s]) => typeof s.minimum === 'number' || typeof s.maximum === 'number');
  if (bounded.length) {
    arbitraries.push(fc.constantFrom(...bounded).chain(([name, s]) => {
      const outside = [
        ...(typeof s.minimum === 'number' ? [fc.integer({ min: -1e9, max: s.minimum - 1 })] : []),
        ...(typeof s.maximum === 'number' ? [fc.integer({ min: s.maximum + 1, max: Number.MAX_SAFE_INTEGER })] : []),
      ];
      return fc.oneof(...outside).map((v) => json('out-of-range')(withField(name, v)));
    }));
  }
  const strings = props.filter(([, s]) => typesOf(s).includes('string') && !s.enum);
  if (strings.length) {
    arbitraries.push(fc.constantFrom(...strings).chain(([name, s]) =>
      fc.integer({ min: (s.maxLength ?? 10_000) + 1, max: Math.max((s.maxLength ?? 10_000) + 1, 200_000) })
        .map((length) => json('huge-string')(withField(name, 'x'.repeat(length))))));
  }
  if (schema.additionalProperties === false) {
    arbitraries.push(fc.string({ minLength: 1, maxLength: 12 })
      .filter((key) => !(key in schema.properties) && key !== '__proto__')
      .chain((key) => fc.jsonValue({ maxDepth: 1 }).map((v) => json('unknown-field')({ ...example, [key]: v }))));
  }
  arbitraries.push(fc.string({ minLength: 1, maxLength: 40 }).filter(isNotJson).map((text) => ({ kind: 'invalid-json' as const, text })));

  return fc.oneof(...arbitraries).filter((input) => {
    if (input.kind === 'invalid-json') return true;
    return !checker.isValid(schema, JSON.parse(input.text));
  });
}

function isNotJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}
