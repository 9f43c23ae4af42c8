export declare function describeAs(target: object, name: string, summary: Record<string, unknown>): void;
