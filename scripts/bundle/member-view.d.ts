// Types of member-view.js for TypeScript code that does not read JavaScript (apps/docs).
// member-view.js stays JavaScript because Redocly loads it (decorators/member-view.js), and
// Redocly loads plugins as plain ESM.

export declare const BACKEND_CREDENTIAL_CODES: readonly string[];
export declare const SERVER_API_CODES: readonly string[];
export declare const MEMBER_CODE_MEANINGS: Readonly<Record<string, string>>;

export interface MemberViewOptions {
  /** Follows a `$ref` (the decorator passes Redocly's); by default an internal `#/…` reference is looked up in the document. */
  resolve?: (node: any) => any;
  /** The examples of the codes only a backend credential gets: their member-side text (default), or none. */
  backendExamples?: 'rewrite' | 'drop';
}

/** The member description: the spec's, without the backend's sections, with a credentials section of its own. */
export declare function memberDescription(description: string): string;
/** Puts the member view into `doc`, in place. */
export declare function applyMemberView(doc: Record<string, any>, options?: MemberViewOptions): void;
/** A markdown section (heading included) up to the next heading of the same or a higher level. */
export declare function sectionPattern(level: number, title: string): RegExp;
